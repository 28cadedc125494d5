// What each copy/open command takes from a livestream, and what it says when the livestream
// lacks it. Pure: the commands in copy.ts/open.ts look the value up here, then act.
import type { Livestream } from '../api/types';
import { ffmpegTestPatternCommand, joinRtmpUrl } from './format';
import { Commands } from './commandIds';

export type CopyKind = 'streamKey' | 'ingestServer' | 'rtmpUrl' | 'playbackUrl' | 'livestreamId' | 'ffmpegCommand';

export interface CopySpec {
  readonly command: string;
  /** "stream key": used in confirmations and messages. */
  readonly what: string;
  /** Secrets are never shown, logged or echoed in a confirmation. */
  readonly secret: boolean;
  readonly value: (livestream: Livestream) => string | null;
  /** Why there is nothing to copy (called only when `value` is null). */
  readonly missing: (livestream: Livestream) => string;
}

export const COPY_SPECS: Readonly<Record<CopyKind, CopySpec>> = {
  streamKey: {
    command: Commands.copyStreamKey,
    what: 'stream key',
    secret: true,
    value: (l) => l.streamKey,
    missing: (l) => nothingToCopy(l, 'stream key'),
  },
  ingestServer: {
    command: Commands.copyIngestServer,
    what: 'ingest server',
    secret: false,
    value: (l) => l.ingestServer,
    missing: (l) => nothingToCopy(l, 'ingest server'),
  },
  rtmpUrl: {
    command: Commands.copyRtmpUrl,
    what: 'full RTMP URL',
    secret: true,
    value: (l) => (l.ingestServer && l.streamKey ? joinRtmpUrl(l.ingestServer, l.streamKey) : null),
    missing: (l) => cannotBuild(l, 'the full RTMP URL'),
  },
  playbackUrl: {
    command: Commands.copyPlaybackUrl,
    what: 'playback URL',
    secret: false,
    value: (l) => l.playbackUrl,
    missing: (l) => nothingToCopy(l, 'playback URL'),
  },
  livestreamId: {
    command: Commands.copyLivestreamId,
    what: 'livestream ID',
    secret: false,
    value: (l) => l.id,
    missing: (l) => nothingToCopy(l, 'ID'),
  },
  ffmpegCommand: {
    command: Commands.copyFfmpegCommand,
    what: 'ffmpeg command',
    secret: true,
    value: (l) => (l.ingestServer && l.streamKey ? ffmpegTestPatternCommand(l.ingestServer, l.streamKey) : null),
    missing: (l) => cannotBuild(l, 'an ffmpeg command'),
  },
};

export type CopyOutcome =
  | { readonly ok: true; readonly value: string; readonly confirmation: string }
  | { readonly ok: false; readonly message: string };

/** The value to copy and the status-bar confirmation (which never contains the value of a secret). */
export function copyOutcome(kind: CopyKind, livestream: Livestream): CopyOutcome {
  const spec = COPY_SPECS[kind];
  const value = spec.value(livestream);
  if (!value) {
    return { ok: false, message: spec.missing(livestream) };
  }
  return { ok: true, value, confirmation: `Copied the ${spec.what} of “${livestream.name}”` };
}

function nothingToCopy(livestream: Livestream, what: string): string {
  return `Livestream “${livestream.name}” has no ${what}: there is nothing to copy.`;
}

/** The RTMP URL and the ffmpeg command need both the server and the key: say which is missing. */
function cannotBuild(livestream: Livestream, what: string): string {
  const lacking = [livestream.ingestServer ? '' : 'ingest server', livestream.streamKey ? '' : 'stream key'].filter(Boolean).join(' or ');
  return `Livestream “${livestream.name}” has no ${lacking}, so ${what} cannot be built.`;
}

export type PlaybackOutcome = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export function playbackOutcome(livestream: Livestream): PlaybackOutcome {
  const url = livestream.playbackUrl;
  if (!url) {
    return { ok: false, message: `Livestream “${livestream.name}” has no playback URL, so there is nothing to open.` };
  }
  if (!/^https?:\/\//i.test(url)) {
    return { ok: false, message: `The playback URL of “${livestream.name}” is not a web address, so it cannot be opened in a browser.` };
  }
  return { ok: true, url };
}
