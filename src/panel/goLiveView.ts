// The go-live half of the panel's view: whether the livestream is watched, its session in
// progress (ticking on the webview's clock), what went wrong when it ERRORED, and the encoder
// checklist in OBS's own words. Pure, like viewModel.ts which assembles the whole view.
import type { ActiveSession, Livestream, Session } from '../api/types';
import type { ChecklistItem, ChecklistView, LiveView, TroubleView, WatchView } from '../contract/livestreamPanel';
import { formatAbsoluteTime, formatSeconds, parseTime } from '../shared/format';
import { isActiveStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import { timeText } from './sessionsView';

/** What Cloudflare's ingest expects (shared/reference: Cloudflare Stream's live input rules). */
export const CHECKLIST: readonly ChecklistItem[] = [
  { label: 'Video: H.264', detail: 'OBS: Settings → Output → Streaming → Video Encoder: x264 or NVENC H.264 (not HEVC or AV1).' },
  { label: 'Audio: AAC', detail: 'OBS: Audio Encoder: FFmpeg AAC (or CoreAudio AAC on macOS).' },
  { label: 'Keyframe interval 2–8 s', detail: 'OBS: Output → Keyframe Interval = 2 (0, “auto”, is often too long).' },
  { label: 'Rate control: CBR', detail: 'OBS: Output → Rate Control: CBR.' },
  { label: 'Bitrate 2–14 Mbps in total', detail: 'OBS: Output → Bitrate, e.g. 4500 Kbps video plus 160 Kbps audio.' },
  { label: 'Server and key apart', detail: 'OBS: Settings → Stream → Service: Custom; Server = the ingest server, Stream Key = the key (not the full URL).' },
];

const LAG_NOTE = 'Cloudflare reports ingest and viewer time 40–60 s late: a session that just started reads 0.';

export function watchView(watch: { readonly until: number } | undefined): WatchView | null {
  return watch ? { until: `until ${formatAbsoluteTime(new Date(watch.until).toISOString()).slice(11, 16)} UTC` } : null;
}

export function liveView(livestream: Livestream, active: Loadable<ActiveSession | null>, now: number): LiveView | null {
  if (!isActiveStatus(livestream.status)) {
    return null;
  }
  const session = active.value?.session ?? null;
  const started = session?.startedTime ?? session?.invokedTime ?? null;
  const startedAt = parseTime(started);
  return {
    known: active.value !== undefined,
    sessionId: session?.id ?? null,
    started: timeText(started, now),
    runningMs: startedAt === null ? null : Math.max(0, now - startedAt),
    ingest: formatSeconds(session?.ingestSeconds ?? 0),
    viewer: formatSeconds(session?.viewerSeconds ?? 0),
    note: LAG_NOTE,
    error: active.error && !active.value ? active.error.message : null,
  };
}

export function troubleView(livestream: Livestream, latest: Session | undefined): TroubleView | null {
  if (livestream.status !== 'ERRORED') {
    return null;
  }
  return {
    message: latest?.errMessage ?? 'Cloudflare refused the last session without saying why.',
    checks: [...CHECKLIST.slice(0, 4).map((c) => c.label), 'The stream key is the current one (a rolled key is refused)'],
  };
}

export function checklistView(open: boolean): ChecklistView {
  return { open, items: CHECKLIST };
}
