// What the create and meeting commands ask for, without `vscode`: validation of what is typed,
// the resolutions offered, the arguments a caller (a test, a keybinding, another extension) may
// pass instead of answering the prompts, and the quick pick of a meeting session's livestream
// sessions.
import * as l10n from '@vscode/l10n';
import type { Livestream, Session, VideoConfig } from '../api/types';
import { formatAbsoluteTime, formatSeconds, secondsBetween, shortenName } from '../shared/format';
import type { PickItem } from './quickPickItems';

export interface Resolution {
  readonly id: '1280x720' | '1920x1080';
  readonly videoConfig: VideoConfig;
}

/** What RealtimeKit livestreams a meeting in; 720p first (the lighter, the usual choice). Its words: resolutionWording. */
export const RESOLUTIONS: readonly Resolution[] = [
  { id: '1280x720', videoConfig: { width: 1280, height: 720 } },
  { id: '1920x1080', videoConfig: { width: 1920, height: 1080 } },
];

/** How a resolution is offered in the quick pick (translated when asked, not at import). */
export function resolutionWording(resolution: Resolution): { readonly label: string; readonly detail: string } {
  switch (resolution.id) {
    case '1280x720':
      return { label: l10n.t('1280 × 720 (720p)'), detail: l10n.t('HD: lighter for viewers on slow connections') };
    case '1920x1080':
      return { label: l10n.t('1920 × 1080 (1080p)'), detail: l10n.t('Full HD: sharper, about twice the bitrate') };
  }
}

/** Ids go into API paths: what RealtimeKit ids look like (UUIDs), and nothing that could change the path. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function validateId(value: string, what: 'meeting ID' | 'meeting session ID'): string | undefined {
  const id = value.trim();
  const example = '4f5c0f5e-0a1b-4c2d-9e8f-123456789abc';
  if (what === 'meeting ID') {
    if (id === '') return l10n.t('Paste the meeting ID.');
    if (!ID.test(id)) return l10n.t({ message: 'A meeting ID has only letters, digits, - and _ (at most 64), like {0}.', args: [example], comment: ['{0} is an example ID'] });
  } else {
    if (id === '') return l10n.t('Paste the meeting session ID.');
    if (!ID.test(id)) return l10n.t({ message: 'A meeting session ID has only letters, digits, - and _ (at most 64), like {0}.', args: [example], comment: ['{0} is an example ID'] });
  }
  return undefined;
}

export const MAX_NAME_LENGTH = 200;

export function validateLivestreamName(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return l10n.t('Give the livestream a name.');
  if (name.length > MAX_NAME_LENGTH) {
    return l10n.t({ message: 'At most {0} characters (this is {1}).', args: [MAX_NAME_LENGTH, name.length], comment: ['{0} is the longest name allowed, {1} the length of the name typed'] });
  }
  return undefined;
}

/** Arguments that stand in for the prompts: `{appId, meetingId, name, resolution}`, each optional. */
export interface StartArgs {
  readonly appId?: string;
  readonly meetingId?: string;
  readonly name?: string;
  readonly resolution?: Resolution['id'];
}

/** The valid parts of an argument object; anything else is asked for. */
export function startArgsOf(arg: unknown): StartArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const meetingId = text(a.meetingId);
  const name = text(a.name);
  const resolution = RESOLUTIONS.find((r) => r.id === a.resolution)?.id;
  return {
    ...(text(a.appId) ? { appId: text(a.appId) } : {}),
    ...(meetingId && !validateId(meetingId, 'meeting ID') ? { meetingId } : {}),
    ...(name && !validateLivestreamName(name) ? { name } : {}),
    ...(resolution ? { resolution } : {}),
  };
}

/** `{sessionId}` (a meeting session) passed instead of typing it. */
export function sessionIdOf(arg: unknown): string | undefined {
  const id = typeof arg === 'object' && arg !== null ? (arg as { sessionId?: unknown }).sessionId : undefined;
  return typeof id === 'string' && !validateId(id, 'meeting session ID') ? id.trim() : undefined;
}

/** A short default name for a meeting's livestream: the name it had last time, else the meeting. */
export function defaultName(previous: Livestream | undefined, meetingId: string): string {
  return previous && !previous.unnamed
    ? previous.name
    : l10n.t({ message: 'Meeting {0}', args: [meetingId.slice(0, 8)], comment: ['The suggested name of a new livestream; {0} is the start of the meeting ID'] });
}

/**
 * One item per livestream session of a meeting session, newest first: when it started and how
 * long it ran, the livestream's name, and its error or its stats.
 */
export function livestreamSessionPickItems(sessions: readonly Session[], livestreamOf: (id: string) => Livestream | undefined, now: number): PickItem<Session>[] {
  return sessions.map((s) => {
    const started = s.startedTime ?? s.invokedTime ?? s.createdAt;
    const seconds = secondsBetween(s.startedTime, s.stoppedTime, now);
    const running = !s.stoppedTime;
    const livestream = s.livestreamId ? livestreamOf(s.livestreamId) : undefined;
    const notStarted = l10n.t({ message: 'not started', comment: ['A livestream session that has not started (yet)'] });
    const duration =
      seconds === null
        ? notStarted
        : running
          ? l10n.t({ message: '{0} so far', args: [formatSeconds(seconds)], comment: ['{0} is how long a running session has run, e.g. "10m"'] })
          : formatSeconds(seconds);
    return {
      label: `${s.errMessage ? '$(error)' : running ? '$(broadcast)' : '$(history)'} ${started ? formatAbsoluteTime(started).slice(0, 16) : notStarted} · ${duration}`,
      description: livestream ? shortenName(livestream.name) : (s.livestreamId ?? l10n.t('unknown livestream')),
      detail:
        s.errMessage ??
        l10n.t({
          message: 'Ingest {0} · viewer time {1} · session {2}',
          args: [formatSeconds(s.ingestSeconds), formatSeconds(s.viewerSeconds), s.id],
          comment: ['{0} is how long the encoder sent video, {1} the total time viewers watched, {2} the session ID'],
        }),
      payload: s,
    };
  });
}
