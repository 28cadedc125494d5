// What each copy and open command takes from a livestream, and what it says when the livestream
// lacks it. One definition for the tree's menus, the palette and the panel's buttons: they all
// run the same copy command with the livestream as its argument.
import * as l10n from '@vscode/l10n';
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
  /** "stream key", translated when read: a credential's name, for messages of your own (prefer the whole sentences below). */
  readonly what: string;
  /** "RealtimeKit: Copy Stream Key", translated when read: the title of the quick pick that asks which livestream. */
  readonly title: string;
  readonly value: (livestream: CredentialSource) => string | null;
  /** Why there is nothing to copy (called only when `value` is null). */
  readonly missing: (livestream: CredentialSource) => string;
  /** The status-bar confirmation, which never contains the value copied. */
  readonly copied: (livestream: CredentialSource) => string;
}

// The words are getters and functions, so they are translated when used, never at import (the
// translations are configured after the modules load). Each sentence is whole, per credential.
export const COPY_SPECS: Readonly<Record<CopyKind, CopySpec>> = {
  streamKey: {
    command: Commands.copyStreamKey,
    get what() {
      return l10n.t('stream key');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Stream Key');
    },
    value: (l) => l.streamKey,
    missing: (l) => l10n.t({ message: 'Livestream “{0}” has no stream key: there is nothing to copy.', args: [l.name], comment: ['{0} is a livestream name'] }),
    copied: (l) => l10n.t({ message: 'Copied the stream key of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  ingestServer: {
    command: Commands.copyIngestServer,
    get what() {
      return l10n.t('ingest server');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Ingest Server');
    },
    value: (l) => l.ingestServer,
    missing: (l) => l10n.t({ message: 'Livestream “{0}” has no ingest server: there is nothing to copy.', args: [l.name], comment: ['{0} is a livestream name'] }),
    copied: (l) => l10n.t({ message: 'Copied the ingest server of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  rtmpUrl: {
    command: Commands.copyRtmpUrl,
    get what() {
      return l10n.t('full RTMP URL');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Full RTMP URL');
    },
    value: rtmpUrl,
    missing: (l) => cannotBuild(l, 'rtmpUrl'),
    copied: (l) => l10n.t({ message: 'Copied the full RTMP URL of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  playbackUrl: {
    command: Commands.copyPlaybackUrl,
    get what() {
      return l10n.t('playback URL');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Playback URL');
    },
    value: (l) => l.playbackUrl,
    missing: (l) => l10n.t({ message: 'Livestream “{0}” has no playback URL: there is nothing to copy.', args: [l.name], comment: ['{0} is a livestream name'] }),
    copied: (l) => l10n.t({ message: 'Copied the playback URL of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  livestreamId: {
    command: Commands.copyLivestreamId,
    get what() {
      return l10n.t('livestream ID');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Livestream ID');
    },
    value: (l) => l.id,
    missing: (l) => l10n.t({ message: 'Livestream “{0}” has no ID: there is nothing to copy.', args: [l.name], comment: ['{0} is a livestream name'] }),
    copied: (l) => l10n.t({ message: 'Copied the livestream ID of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  meetingId: {
    command: Commands.copyMeetingId,
    get what() {
      return l10n.t('meeting ID');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy Meeting ID');
    },
    value: (l) => l.meetingId,
    missing: (l) => l10n.t({ message: 'Livestream “{0}” was not started from a meeting, so it has no meeting ID.', args: [l.name], comment: ['{0} is a livestream name'] }),
    copied: (l) => l10n.t({ message: 'Copied the meeting ID of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
  },
  ffmpegCommand: {
    command: Commands.copyFfmpegCommand,
    get what() {
      return l10n.t('ffmpeg command');
    },
    get title() {
      return l10n.t('RealtimeKit: Copy ffmpeg Command');
    },
    value: (l) => (l.ingestServer && l.streamKey ? ffmpegTestPatternCommand(l.ingestServer, l.streamKey) : null),
    missing: (l) => cannotBuild(l, 'ffmpegCommand'),
    copied: (l) => l10n.t({ message: 'Copied the ffmpeg command of “{0}”', args: [l.name], comment: ['{0} is a livestream name'] }),
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
  return { ok: true, value, confirmation: spec.copied(livestream) };
}

/** The RTMP URL and the ffmpeg command need both the server and the key: say which is missing, in a whole sentence. */
function cannotBuild(livestream: CredentialSource, what: 'rtmpUrl' | 'ffmpegCommand'): string {
  const name = livestream.name;
  const server = !livestream.ingestServer;
  const key = !livestream.streamKey;
  if (what === 'rtmpUrl') {
    if (server && key) return l10n.t({ message: 'Livestream “{0}” has no ingest server or stream key, so the full RTMP URL cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
    if (server) return l10n.t({ message: 'Livestream “{0}” has no ingest server, so the full RTMP URL cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
    return l10n.t({ message: 'Livestream “{0}” has no stream key, so the full RTMP URL cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
  }
  if (server && key) return l10n.t({ message: 'Livestream “{0}” has no ingest server or stream key, so an ffmpeg command cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
  if (server) return l10n.t({ message: 'Livestream “{0}” has no ingest server, so an ffmpeg command cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
  return l10n.t({ message: 'Livestream “{0}” has no stream key, so an ffmpeg command cannot be built.', args: [name], comment: ['{0} is a livestream name'] });
}

export type PlaybackOutcome = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

export function playbackOutcome(livestream: CredentialSource): PlaybackOutcome {
  const url = livestream.playbackUrl;
  if (!url) {
    return { ok: false, message: l10n.t({ message: 'Livestream “{0}” has no playback URL, so there is nothing to open.', args: [livestream.name], comment: ['{0} is a livestream name'] }) };
  }
  if (!/^https?:\/\//i.test(url)) {
    return {
      ok: false,
      message: l10n.t({ message: 'The playback URL of “{0}” is not a web address, so it cannot be opened in a browser.', args: [livestream.name], comment: ['{0} is a livestream name'] }),
    };
  }
  return { ok: true, url };
}
