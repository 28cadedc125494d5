// The go-live half of the panel's view: whether the livestream is watched, its session in
// progress (ticking on the webview's clock), what went wrong when it ERRORED, and the encoder
// checklist in OBS's own words. Pure, like viewModel.ts which assembles the whole view.
import * as l10n from '@vscode/l10n';
import type { ActiveSession, Livestream, Session } from '../api/types';
import type { ChecklistItem, ChecklistView, LiveView, TroubleView, WatchView } from '../contract/livestreamPanel';
import { formatAbsoluteTime, formatSeconds, parseTime } from '../shared/format';
import { isActiveStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import { timeText } from './sessionsView';

/**
 * What Cloudflare's ingest expects (shared/reference: Cloudflare Stream's live input rules). A
 * function, not a table: the wording is translated when the panel is built, after activation.
 */
export function checklist(): readonly ChecklistItem[] {
  return [
    {
      label: l10n.t('Video: H.264'),
      detail: l10n.t({ message: 'OBS: Settings → Output → Streaming → Video Encoder: x264 or NVENC H.264 (not HEVC or AV1).', comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'] }),
    },
    { label: l10n.t('Audio: AAC'), detail: l10n.t({ message: 'OBS: Audio Encoder: FFmpeg AAC (or CoreAudio AAC on macOS).', comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'] }) },
    { label: l10n.t('Keyframe interval 2–8 s'), detail: l10n.t({ message: 'OBS: Output → Keyframe Interval = 2 (0, “auto”, is often too long).', comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'] }) },
    { label: l10n.t('Rate control: CBR'), detail: l10n.t({ message: 'OBS: Output → Rate Control: CBR.', comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'] }) },
    { label: l10n.t('Bitrate 2–14 Mbps in total'), detail: l10n.t({ message: 'OBS: Output → Bitrate, e.g. 4500 Kbps video plus 160 Kbps audio.', comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'] }) },
    {
      label: l10n.t('Server and key apart'),
      detail: l10n.t({
        message: 'OBS: Settings → Stream → Service: Custom; Server = the ingest server, Stream Key = the key (not the full URL).',
        comment: ['Where it is set in OBS Studio: the names after "OBS:" are OBS\'s own menu and field names'],
      }),
    },
  ];
}

function lagNote(): string {
  return l10n.t('Cloudflare reports ingest and viewer time 40–60 s late: a session that just started reads 0.');
}

export function watchView(watch: { readonly until: number } | undefined): WatchView | null {
  if (!watch) return null;
  const time = formatAbsoluteTime(new Date(watch.until).toISOString()).slice(11, 16);
  return { until: l10n.t({ message: 'until {0} UTC', args: [time], comment: ['Watched for status changes until {0}, a time of day, e.g. "14:05"'] }) };
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
    note: lagNote(),
    error: active.error && !active.value ? active.error.message : null,
  };
}

export function troubleView(livestream: Livestream, latest: Session | undefined): TroubleView | null {
  if (livestream.status !== 'ERRORED') {
    return null;
  }
  return {
    message: latest?.errMessage ?? l10n.t('Cloudflare refused the last session without saying why.'),
    checks: [...checklist().slice(0, 4).map((c) => c.label), l10n.t('The stream key is the current one (a rolled key is refused)')],
  };
}

export function checklistView(open: boolean): ChecklistView {
  return { open, items: checklist() };
}
