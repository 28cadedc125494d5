// The encoder's health as OBS sees it, in the panel's words: bitrate from the byte counter between
// two samples, dropped frames as a share, congestion, and each setting OBS exposes checked against
// what Cloudflare's ingest takes (H.264, AAC, a keyframe every 2–8 s, 2–14 Mbps). Pure.
import type { ObsHealthView, ObsCheck } from '../contract/livestreamPanel';
import type { ObsEncoderSettings, ObsStreamStatus } from './obsTypes';

export interface HealthSample {
  /** Date.now() when the status was read. */
  readonly at: number;
  readonly status: ObsStreamStatus;
}

const MIN_KEYFRAME_S = 2;
const MAX_KEYFRAME_S = 8;
const MIN_TOTAL_KBPS = 2000;
const MAX_TOTAL_KBPS = 14_000;
/** Dropped (skipped) frames above this share are worth a warning. */
const DROPPED_WARNING = 0.01;
const CONGESTION_WARNING = 0.2;

/** Kilobits per second between two samples of the byte counter; null without two usable samples. */
export function bitrateKbps(previous: HealthSample | undefined, current: HealthSample): number | null {
  if (!previous || current.at <= previous.at || current.status.bytes < previous.status.bytes) return null;
  return ((current.status.bytes - previous.status.bytes) * 8) / (current.at - previous.at);
}

export function healthView(previous: HealthSample | undefined, current: HealthSample, settings: ObsEncoderSettings | undefined): ObsHealthView {
  const s = current.status;
  const kbps = bitrateKbps(previous, current);
  const dropped = s.totalFrames > 0 ? s.skippedFrames / s.totalFrames : 0;
  return {
    active: s.active,
    reconnecting: s.reconnecting,
    duration: clock(s.durationMs),
    bitrate: kbps === null ? '—' : `${(kbps / 1000).toFixed(kbps >= 10_000 ? 0 : 1)} Mbps`,
    dropped: `${(dropped * 100).toFixed(dropped > 0 && dropped < 0.001 ? 2 : 1)} % (${s.skippedFrames} of ${s.totalFrames} frames)`,
    congestion: `${Math.round(s.congestion * 100)} %`,
    warnings: [
      ...(dropped > DROPPED_WARNING ? [`OBS dropped ${(dropped * 100).toFixed(1)} % of the frames: the encoder cannot keep up. Lower the resolution, the preset or the bitrate.`] : []),
      ...(s.congestion > CONGESTION_WARNING ? [`The connection is congested (${Math.round(s.congestion * 100)} %): lower the bitrate, or check the upload.`] : []),
      ...(s.reconnecting ? ['OBS lost the connection to the ingest and is reconnecting.'] : []),
    ],
    checks: settings ? settingsChecks(settings, kbps) : [],
  };
}

export function settingsChecks(e: ObsEncoderSettings, measuredKbps: number | null): ObsCheck[] {
  const checks: ObsCheck[] = [];
  const encoder = e.encoder?.toLowerCase() ?? '';
  const h264 = encoder !== '' && !/hevc|h265|265|av1|vp9/.test(encoder);
  checks.push({
    label: 'Video: H.264',
    ok: e.encoder === null ? null : h264,
    detail: e.encoder === null ? 'OBS does not say which encoder it uses.' : h264 ? `Encoder ${e.encoder}.` : `Encoder ${e.encoder} is not H.264: choose x264 or NVENC H.264 in Settings → Output.`,
  });
  checks.push({ label: 'Audio: AAC', ok: true, detail: 'OBS streams AAC audio over RTMP.' });
  const k = e.keyframeSeconds;
  checks.push({
    label: 'Keyframe interval 2–8 s',
    ok: k === null ? null : k >= MIN_KEYFRAME_S && k <= MAX_KEYFRAME_S,
    detail:
      k === null
        ? 'OBS does not expose it in Advanced mode: check Settings → Output → Keyframe Interval = 2.'
        : e.keyframeDefaulted
          ? `Left to the encoder: 250 frames, ${k} s at ${e.fps ?? '?'} fps. Set Settings → Output → Keyframe Interval = 2 (Advanced mode, or keyint= in Simple mode's custom encoder settings).`
          : `${k} s.`,
  });
  const configured = e.videoBitrateKbps !== null ? e.videoBitrateKbps + (e.audioBitrateKbps ?? 0) : null;
  const total = configured ?? measuredKbps;
  checks.push({
    label: 'Bitrate 2–14 Mbps in total',
    ok: total === null ? null : total >= MIN_TOTAL_KBPS && total <= MAX_TOTAL_KBPS,
    detail: total === null ? 'Not known yet.' : `${(total / 1000).toFixed(1)} Mbps ${configured !== null ? 'set in OBS (video + audio)' : 'measured'}.`,
  });
  return checks;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}
