// The fake's meetings and analytics by day, as plain functions of the state: which livestreams a
// meeting has, which livestream sessions an occurrence of a meeting (a meeting session) covers,
// and the per-day sums. server.ts turns them into HTTP answers with the usual quirks.
import type { FakeApp, FakeLivestream, FakeMeeting, FakeMeetingSession, FakeSession, FakeState } from './seed';

const DAY_MS = 24 * 60 * 60 * 1000;

function timeOf(value: string | null | undefined): number {
  const t = value ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : 0;
}

const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }): number =>
  timeOf(b.created_at) - timeOf(a.created_at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function findMeeting(state: FakeState, app: FakeApp, meetingId: string): FakeMeeting | undefined {
  return state.meetings.find((m) => m.id === meetingId && m.app_id === app.id);
}

/** Every livestream started from the meeting, newest first. */
export function livestreamsOfMeeting(state: FakeState, app: FakeApp, meetingId: string): FakeLivestream[] {
  return state.livestreams.filter((l) => l.app_id === app.id && l.meeting_id === meetingId).sort(newestFirst);
}

/** The sessions of these livestreams, newest first. */
export function sessionsOfLivestreams(state: FakeState, livestreams: readonly FakeLivestream[]): FakeSession[] {
  const ids = new Set(livestreams.map((l) => l.id));
  return state.sessions.filter((s) => ids.has(s.livestream_id)).sort(newestFirst);
}

/** A meeting session of one of the app's meetings. */
export function findMeetingSession(state: FakeState, app: FakeApp, sessionId: string): FakeMeetingSession | undefined {
  const session = state.meetingSessions.find((s) => s.id === sessionId);
  return session && state.meetings.some((m) => m.id === session.meeting_id && m.app_id === app.id) ? session : undefined;
}

/** The livestream sessions invoked while the meeting session ran, newest first. */
export function livestreamSessionsOf(state: FakeState, app: FakeApp, meetingSession: FakeMeetingSession): FakeSession[] {
  const from = timeOf(meetingSession.started_at);
  const to = meetingSession.ended_at === null ? Infinity : timeOf(meetingSession.ended_at);
  return sessionsOfLivestreams(state, livestreamsOfMeeting(state, app, meetingSession.meeting_id)).filter((s) => {
    const invoked = timeOf(s.invoked_time ?? s.created_at);
    return invoked >= from && invoked <= to;
  });
}

/**
 * A livestream can start only while the meeting runs: the start opens an occurrence of the
 * meeting unless one is in progress, so its sessions have a meeting session to belong to.
 */
export function ensureMeetingInProgress(state: FakeState, meeting: FakeMeeting, newId: () => string): FakeMeetingSession {
  const running = state.meetingSessions.find((s) => s.meeting_id === meeting.id && s.ended_at === null);
  if (running) return running;
  const session: FakeMeetingSession = { id: newId(), meeting_id: meeting.id, started_at: new Date(Date.now() - 1000).toISOString(), ended_at: null };
  state.meetingSessions.push(session);
  return session;
}

export interface DayRow {
  date: string;
  count: number;
  total_ingest_seconds: number;
  total_viewer_seconds: number;
}

/**
 * Per UTC day, the app's livestream sessions created in [start, end]: how many, and their ingest
 * and viewer seconds. Only days with a session appear, oldest first.
 */
export function daywise(state: FakeState, app: FakeApp, start: number, end: number): DayRow[] {
  const ids = new Set(state.livestreams.filter((l) => l.app_id === app.id).map((l) => l.id));
  const days = new Map<string, DayRow>();
  for (const s of state.sessions) {
    const created = timeOf(s.created_at);
    if (!ids.has(s.livestream_id) || created < start || created > end) continue;
    const date = new Date(created).toISOString().slice(0, 10);
    const row = days.get(date) ?? { date, count: 0, total_ingest_seconds: 0, total_viewer_seconds: 0 };
    row.count++;
    row.total_ingest_seconds += Number(s.ingest_seconds) || 0;
    row.total_viewer_seconds += Number(s.viewer_seconds) || 0;
    days.set(date, row);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Without a range, daywise covers the last 30 days (the fake's stand-in for Cloudflare's default window). */
export const DEFAULT_DAYWISE_WINDOW_MS = 30 * DAY_MS;
