// One session, whole, for the panel's session view: every field the API gives, formatted, with
// the exact value beside it; the ids to copy; its error. Pure, like viewModel.ts.
import * as l10n from '@vscode/l10n';
import type { Session } from '../api/types';
import type { SessionField, SessionView, StatusBadge } from '../contract/livestreamPanel';
import { formatSeconds, secondsBetween } from '../shared/format';
import type { Loadable } from '../store/loadable';
import { badge, timeText } from './badges';

/** What the times add up to: the session's own status (a livestream's status is about the livestream). */
export function sessionStatus(s: Session): StatusBadge {
  if (s.errMessage) return badge(l10n.t({ message: 'Errored', comment: ["A session's status"] }), 'errored', 'error');
  if (s.stoppedTime) return badge(l10n.t({ message: 'Finished', comment: ["A session's status"] }), 'idle', 'pass');
  if (s.startedTime) return badge(l10n.t({ message: 'Running', comment: ["A session's status"] }), 'live', 'broadcast');
  return badge(l10n.t({ message: 'Starting', comment: ["A session's status"] }), 'invoked', 'loading', true);
}

function timeField(label: string, iso: string | null, now: number, missing = '—'): SessionField {
  const t = timeText(iso, now);
  return t.relative ? { label, value: t.absolute, tooltip: `${t.relative} (${iso})`, code: true } : { label, value: missing };
}

/** `tooltip` says what the exact number of seconds means, as one whole message. */
function secondsField(label: string, seconds: number, tooltip: (seconds: number) => string): SessionField {
  return { label, value: formatSeconds(seconds), tooltip: tooltip(seconds) };
}

export function sessionFields(s: Session, now: number): SessionField[] {
  const running = !s.stoppedTime && !!s.startedTime;
  const duration = secondsBetween(s.startedTime, s.stoppedTime, now);
  return [
    { label: l10n.t('Session ID'), value: s.id, code: true, copy: 'sessionId' },
    { label: l10n.t('Livestream ID'), value: s.livestreamId ?? '—', ...(s.livestreamId ? { code: true, copy: 'livestreamId' as const } : {}) },
    timeField(l10n.t({ message: 'Created', comment: ["A session's time field"] }), s.createdAt, now),
    timeField(l10n.t({ message: 'Updated', comment: ["A session's time field"] }), s.updatedAt, now),
    timeField(l10n.t({ message: 'Invoked', comment: ["A session's time field: when the encoder first connected"] }), s.invokedTime, now),
    timeField(l10n.t({ message: 'Started', comment: ["A session's time field"] }), s.startedTime, now, l10n.t('not started')),
    timeField(l10n.t({ message: 'Stopped', comment: ["A session's time field"] }), s.stoppedTime, now, running ? l10n.t('still running') : '—'),
    duration === null
      ? { label: l10n.t('Duration'), value: '—', tooltip: l10n.t('From started to stopped') }
      : {
          label: l10n.t('Duration'),
          value: running
            ? l10n.t({ message: '{0} so far', args: [formatSeconds(duration)], comment: ['{0} is how long a running session has run, e.g. "1h 2m"'] })
            : formatSeconds(duration),
          tooltip: running
            ? l10n.t({ message: '{0} s from started to now', args: [duration], comment: ['{0} is a number of seconds'] })
            : l10n.t({ message: '{0} s from started to stopped', args: [duration], comment: ['{0} is a number of seconds'] }),
        },
    secondsField(l10n.t('Ingest time'), s.ingestSeconds, (n) =>
      l10n.t({ message: '{0} s: how long input was received (Cloudflare reports it 40–60 s late)', args: [n], comment: ['{0} is a number of seconds'] }),
    ),
    secondsField(l10n.t('Viewer time'), s.viewerSeconds, (n) => l10n.t({ message: '{0} s: total watch time of all viewers', args: [n], comment: ['{0} is a number of seconds'] })),
  ];
}

/**
 * The session view: the session as `GET …/livestreams/sessions/{id}` has it, or, while that
 * loads, the row the table already had (so the view paints at once, then fills in).
 */
export function sessionView(sessionId: string, loaded: Loadable<Session>, fromTable: Session | undefined, now: number): SessionView {
  const s = loaded.value ?? fromTable;
  const problem = loaded.error ? loaded.error.message : null;
  const state = loaded.error ? 'error' : loaded.value ? 'loaded' : 'loading';
  if (!s) {
    return { sessionId, state, problem, status: null, livestreamId: null, fields: [], errMessage: null };
  }
  return { sessionId, state, problem, status: sessionStatus(s), livestreamId: s.livestreamId, fields: sessionFields(s, now), errMessage: s.errMessage };
}
