// One session, whole, for the panel's session view: every field the API gives, formatted, with
// the exact value beside it; the ids to copy; its error. Pure, like viewModel.ts.
import type { Session } from '../api/types';
import type { SessionField, SessionView, StatusBadge } from '../contract/livestreamPanel';
import { formatSeconds, secondsBetween } from '../shared/format';
import type { Loadable } from '../store/loadable';
import { badge, timeText } from './badges';

/** What the times add up to: the session's own status (a livestream's status is about the livestream). */
export function sessionStatus(s: Session): StatusBadge {
  if (s.errMessage) return badge('Errored', 'errored', 'error');
  if (s.stoppedTime) return badge('Finished', 'idle', 'pass');
  if (s.startedTime) return badge('Running', 'live', 'broadcast');
  return badge('Starting', 'invoked', 'loading', true);
}

function timeField(label: string, iso: string | null, now: number, missing = '—'): SessionField {
  const t = timeText(iso, now);
  return t.relative ? { label, value: t.absolute, tooltip: `${t.relative} (${iso})`, code: true } : { label, value: missing };
}

function secondsField(label: string, seconds: number, meaning: string): SessionField {
  return { label, value: formatSeconds(seconds), tooltip: `${seconds} s: ${meaning}` };
}

export function sessionFields(s: Session, now: number): SessionField[] {
  const running = !s.stoppedTime && !!s.startedTime;
  const duration = secondsBetween(s.startedTime, s.stoppedTime, now);
  return [
    { label: 'Session ID', value: s.id, code: true },
    { label: 'Livestream ID', value: s.livestreamId ?? '—', ...(s.livestreamId ? { code: true } : {}) },
    timeField('Created', s.createdAt, now),
    timeField('Updated', s.updatedAt, now),
    timeField('Invoked', s.invokedTime, now),
    timeField('Started', s.startedTime, now, 'not started'),
    timeField('Stopped', s.stoppedTime, now, running ? 'still running' : '—'),
    duration === null
      ? { label: 'Duration', value: '—', tooltip: 'From started to stopped' }
      : { label: 'Duration', value: running ? `${formatSeconds(duration)} so far` : formatSeconds(duration), tooltip: `${duration} s from started to ${running ? 'now' : 'stopped'}` },
    secondsField('Ingest time', s.ingestSeconds, 'how long input was received (Cloudflare reports it 40–60 s late)'),
    secondsField('Viewer time', s.viewerSeconds, 'total watch time of all viewers'),
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
