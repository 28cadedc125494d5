// The encoder's health as OBS sees it, in the panel's words: bitrate from the byte counter between
// two samples, dropped frames as a share, congestion, and each setting OBS exposes checked against
// what Cloudflare's ingest takes (H.264, AAC, a keyframe every 2–8 s, 2–14 Mbps). Pure.
import * as l10n from '@vscode/l10n';
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
    bitrate: kbps === null ? '—' : mbps((kbps / 1000).toFixed(kbps >= 10_000 ? 0 : 1)),
    dropped: l10n.t({
      message: '{0} % ({1} of {2} frames)',
      args: [(dropped * 100).toFixed(dropped > 0 && dropped < 0.001 ? 2 : 1), s.skippedFrames, s.totalFrames],
      comment: ['Dropped frames: {0} is a percentage, {1} the frames dropped, {2} all frames'],
    }),
    congestion: percent(Math.round(s.congestion * 100)),
    warnings: [
      ...(dropped > DROPPED_WARNING
        ? [
            l10n.t({
              message: 'OBS dropped {0} % of the frames: the encoder cannot keep up. Lower the resolution, the preset or the bitrate.',
              args: [(dropped * 100).toFixed(1)],
              comment: ['{0} is a percentage'],
            }),
          ]
        : []),
      ...(s.congestion > CONGESTION_WARNING
        ? [l10n.t({ message: 'The connection is congested ({0} %): lower the bitrate, or check the upload.', args: [Math.round(s.congestion * 100)], comment: ['{0} is a percentage'] })]
        : []),
      ...(s.reconnecting ? [l10n.t('OBS lost the connection to the ingest and is reconnecting.')] : []),
    ],
    checks: settings ? settingsChecks(settings, kbps) : [],
  };
}

export function settingsChecks(e: ObsEncoderSettings, measuredKbps: number | null): ObsCheck[] {
  const checks: ObsCheck[] = [];
  const encoder = e.encoder?.toLowerCase() ?? '';
  const h264 = encoder !== '' && !/hevc|h265|265|av1|vp9/.test(encoder);
  checks.push({
    label: l10n.t('Video: H.264'),
    ok: e.encoder === null ? null : h264,
    detail:
      e.encoder === null
        ? l10n.t('OBS does not say which encoder it uses.')
        : h264
          ? l10n.t({ message: 'Encoder {0}.', args: [e.encoder], comment: ["{0} is OBS's encoder id, e.g. obs_x264"] })
          : l10n.t({ message: 'Encoder {0} is not H.264: choose x264 or NVENC H.264 in Settings → Output.', args: [e.encoder], comment: ["{0} is OBS's encoder id, e.g. obs_x264"] }),
  });
  checks.push({ label: l10n.t('Audio: AAC'), ok: true, detail: l10n.t('OBS streams AAC audio over RTMP.') });
  const k = e.keyframeSeconds;
  checks.push({
    label: l10n.t('Keyframe interval 2–8 s'),
    ok: k === null ? null : k >= MIN_KEYFRAME_S && k <= MAX_KEYFRAME_S,
    detail:
      k === null
        ? l10n.t({ message: 'OBS does not expose it in Advanced mode: check Settings → Output → Keyframe Interval = 2.', comment: ["OBS's own menu and setting names: use the names of OBS's translation"] })
        : e.keyframeDefaulted
          ? l10n.t({
              message: "Left to the encoder: 250 frames, {0} s at {1} fps. Set Settings → Output → Keyframe Interval = 2 (Advanced mode, or keyint= in Simple mode's custom encoder settings).",
              args: [k, e.fps ?? '?'],
              comment: ['{0} is a number of seconds, {1} frames per second (or "?"); keyint= is an x264 option, not translated'],
            })
          : l10n.t({ message: '{0} s.', args: [k], comment: ['The keyframe interval: {0} is a number of seconds'] }),
  });
  const configured = e.videoBitrateKbps !== null ? e.videoBitrateKbps + (e.audioBitrateKbps ?? 0) : null;
  const total = configured ?? measuredKbps;
  checks.push({
    label: l10n.t('Bitrate 2–14 Mbps in total'),
    ok: total === null ? null : total >= MIN_TOTAL_KBPS && total <= MAX_TOTAL_KBPS,
    detail:
      total === null
        ? l10n.t('Not known yet.')
        : configured !== null
          ? l10n.t({ message: '{0} Mbps set in OBS (video + audio).', args: [(total / 1000).toFixed(1)], comment: ['{0} is a bitrate in megabits per second'] })
          : l10n.t({ message: '{0} Mbps measured.', args: [(total / 1000).toFixed(1)], comment: ['{0} is a bitrate in megabits per second'] }),
  });
  return checks;
}

function mbps(value: string): string {
  return l10n.t({ message: '{0} Mbps', args: [value], comment: ['A bitrate: {0} megabits per second'] });
}

function percent(value: number): string {
  return l10n.t({ message: '{0} %', args: [value], comment: ['A percentage'] });
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}`;
}
