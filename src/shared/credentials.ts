// What each copy and open command takes from a livestream, and what it says when the livestream
// lacks it. One definition for the tree's menus, the palette and the panel's buttons: they all
// run the same copy command with the livestream as its argument.
import { ffmpegTestPatternCommand, joinRtmpUrl } from './format';
import { Commands } from './commandIds';

/** The fields of a livestream the credentials come from (the API's Livestream has them all). */
export interface CredentialSource {
  readonly id: string;
  readonly name: string;
  readonly ingestServer: string | null;
  readonly streamKey: string | null;
  readonly playbackUrl: string | null;
  readonly meetingId: string | null;
}

export const COPY_KINDS = ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

export interface CopySpec {
  readonly command: string;
  /** "stream key": used in confirmations and messages. */
  readonly what: string;
  readonly value: (livestream: CredentialSource) => string | null;
  /** Why there is nothing to copy (called only when `value` is null). */
  readonly missing: (livestream: CredentialSource) => string;
}

export const COPY_SPECS: Readonly<Record<CopyKind, CopySpec>> = {
  streamKey: { command: Commands.copyStreamKey, what: 'stream key', value: (l) => l.streamKey, missing: (l) => nothingToCopy(l, 'stream key') },
  ingestServer: { command: Commands.copyIngestServer, what: 'ingest server', value: (l) => l.ingestServer, missing: (l) => nothingToCopy(l, 'ingest server') },
  rtmpUrl: { command: Commands.copyRtmpUrl, what: 'full RTMP URL', value: rtmpUrl, missing: (l) => cannotBuild(l, 'the full RTMP URL') },
  playbackUrl: { command: Commands.copyPlaybackUrl, what: 'playback URL', value: (l) => l.playbackUrl, missing: (l) => nothingToCopy(l, 'playback URL') },
  livestreamId: { command: Commands.copyLivestreamId, what: 'livestream ID', value: (l) => l.id, missing: (l) => nothingToCopy(l, 'ID') },
  meetingId: {
    command: Commands.copyMeetingId,
    what: 'meeting ID',
    value: (l) => l.meetingId,
    missing: (l) => `Livestream “${l.name}” was not started from a meeting, so it has no meeting ID.`,
  },
  ffmpegCommand: {
    command: Commands.copyFfmpegCommand,
    what: 'ffmpeg command',
    value: (l) => (l.ingestServer && l.streamKey ? ffmpegTestPatternCommand(l.ingestServer, l.streamKey) : null),
    missing: (l) => cannotBuild(l, 'an ffmpeg command'),
  },
};

/** Server and key joined, for tools that take one string. */
export function rtmpUrl(livestream: CredentialSource): string | null {
  return livestream.ingestServer && livestream.streamKey ? joinRtmpUrl(livestream.ingestServer, livestream.streamKey) : null;
}

export type CopyOutcome = { readonly ok: true; readonly value: string; readonly confirmation: string } | { readonly ok: false; readonly message: string };

/** The value to copy and the status-bar confirmation (which never contains the value copied). */
export function copyOutcome(kind: CopyKind, livestream: CredentialSource): CopyOutcome {
  const spec = COPY_SPECS[kind];
  const value = spec.value(livestream);
  if (!value) {
    return { ok: false, message: spec.missing(livestream) };
  }
  return { ok: true, value, confirmation: `Copied the ${spec.what} of “${livestream.name}”` };
}

function nothingToCopy(livestream: CredentialSource, what: string): string {
  return `Livestream “${livestream.name}” has no ${what}: there is nothing to copy.`;
}

/** The RTMP URL and the ffmpeg command need both the server and the key: say which is missing. */
function cannotBuild(livestream: CredentialSource, what: string): string {
  const lacking = [livestream.ingestServer ? '' : 'ingest server', livestream.streamKey ? '' : 'stream key'].filter(Boolean).join(' or ');
  return `Livestream “${livestream.name}” has no ${lacking}, so ${what} cannot be built.`;
}

export type PlaybackOutcome = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export function playbackOutcome(livestream: CredentialSource): PlaybackOutcome {
  const url = livestream.playbackUrl;
  if (!url) {
    return { ok: false, message: `Livestream “${livestream.name}” has no playback URL, so there is nothing to open.` };
  }
  if (!/^https?:\/\//i.test(url)) {
    return { ok: false, message: `The playback URL of “${livestream.name}” is not a web address, so it cannot be opened in a browser.` };
  }
  return { ok: true, url };
}
