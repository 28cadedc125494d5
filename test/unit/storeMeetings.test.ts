// The store's meeting, session and dashboard slots over the real client and the fake API: loads
// shared by everyone who asks, "nothing in progress" as a value, writes that re-read what the
// tree and panels show, and one range for the chart and the totals.
import assert from 'node:assert/strict';
import { LivestreamStore, type StoreChange } from '../../src/store/store';
import { rangeOfDays } from '../../src/store/dashboard';
import { SEED_IDS, startFakeApi, uuidFor, type FakeApi } from '../fake-api/server';
import { clientOn, requestsTo } from './onFakeApi';

const APP = SEED_IDS.productionApp;
const PAGE = { pageNo: 1, perPage: 10 };
const DAY = 24 * 3600_000;

describe('LivestreamStore: meetings, sessions, dashboard', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi();
  });
  after(() => api.close());
  beforeEach(() => api.reset());

  function makeStore(now: () => number = Date.now) {
    const store = new LivestreamStore(clientOn(api), { accountId: api.accountId, pageSize: 25, includeMeetingLivestreams: true }, now);
    const changes: StoreChange[] = [];
    store.onDidChange((c) => changes.push(c));
    return { store, changes };
  }

  it("a meeting's active livestream: shared by two callers; nothing in progress is null, not an error", async () => {
    const { store } = makeStore();
    api.setFault('meetingActiveLivestream', { latencyMs: 30, times: 1 });
    await Promise.all([store.meetings.loadActive(APP, SEED_IDS.townHallMeeting), store.meetings.loadActive(APP, SEED_IDS.townHallMeeting)]);
    assert.equal(requestsTo(api, 'meetingActiveLivestream').length, 1);
    assert.equal(store.meetings.active(APP, SEED_IDS.townHallMeeting).value?.id, SEED_IDS.meetingLiveStream);
    await store.meetings.loadActive(APP, SEED_IDS.idleMeeting);
    const idle = store.meetings.active(APP, SEED_IDS.idleMeeting);
    assert.deepEqual([idle.value, idle.error], [null, undefined]);
  });

  it("a meeting's livestreams and a meeting session's livestream sessions, by page", async () => {
    const { store, changes } = makeStore();
    await store.meetings.loadLivestreams(APP, SEED_IDS.townHallMeeting, PAGE);
    assert.deepEqual(store.meetings.livestreams(APP, SEED_IDS.townHallMeeting, PAGE).value?.sessions.map((s) => s.id), [SEED_IDS.meetingLiveSession, uuidFor('session:town-hall:0')]);
    await store.meetings.loadSessionLivestreams(APP, SEED_IDS.townHallPastMeetingSession, PAGE);
    assert.deepEqual(store.meetings.sessionLivestreams(APP, SEED_IDS.townHallPastMeetingSession, PAGE).value?.items.map((s) => s.id), [uuidFor('session:town-hall:0')]);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['meetingLivestreams', 'meetingLivestreams', 'meetingSession', 'meetingSession'],
    );
  });

  it('one session, whole; an unknown one keeps its error', async () => {
    const { store } = makeStore();
    await store.loadSession(APP, SEED_IDS.erroredSession);
    assert.equal(store.getSession(APP, SEED_IDS.erroredSession).value?.livestreamId, SEED_IDS.erroredStream);
    await store.loadSession(APP, 'no-such-session');
    assert.equal(store.getSession(APP, 'no-such-session').error?.kind, 'notFound');
  });

  it('start: POSTs once, then the app list shows the new livestream and the meeting is livestreaming', async () => {
    const { store } = makeStore();
    await Promise.all([store.loadLivestreams(APP), store.meetings.loadActive(APP, SEED_IDS.idleMeeting)]);
    assert.equal(store.meetings.active(APP, SEED_IDS.idleMeeting).value, null);
    const started = await store.meetings.start(APP, SEED_IDS.idleMeeting, { name: 'Review', videoConfig: { width: 1280, height: 720 } });
    assert.equal(requestsTo(api, 'startMeetingLivestream').length, 1);
    assert.equal(store.getLivestreams(APP).value?.items.find((l) => l.id === started.id)?.meetingId, SEED_IDS.idleMeeting);
    assert.equal(store.meetings.active(APP, SEED_IDS.idleMeeting).value?.id, started.id);
  });

  it('stop: then the list shows the livestream IDLE and the meeting has nothing in progress', async () => {
    const { store } = makeStore();
    await Promise.all([store.loadLivestreams(APP), store.meetings.loadLivestreams(APP, SEED_IDS.townHallMeeting, PAGE)]);
    await store.meetings.stop(APP, SEED_IDS.townHallMeeting);
    assert.equal(store.getLivestreams(APP).value?.items.find((l) => l.id === SEED_IDS.meetingLiveStream)?.status, 'IDLE');
    assert.equal(store.meetings.active(APP, SEED_IDS.townHallMeeting).value, null);
    assert.equal(store.meetings.livestreams(APP, SEED_IDS.townHallMeeting, PAGE).value?.livestreams[0]?.status, 'IDLE', 'the loaded page is read again');
  });

  it('the dashboard: days and totals over one range, the last N UTC days up to now', async () => {
    const now = Date.parse('2026-11-28T15:30:00Z');
    assert.deepEqual(rangeOfDays(7, now), { startMs: Date.parse('2026-11-22T00:00:00Z'), endMs: now });
    assert.deepEqual(rangeOfDays(90, now), { startMs: now - 15.5 * 3600_000 - 89 * DAY, endMs: now });
    const { store } = makeStore();
    await store.dashboard.load(APP, 30);
    const days = store.dashboard.days(APP, 30).value;
    const totals = store.dashboard.totals(APP, 30).value;
    assert.ok(days && totals);
    assert.deepEqual(days.range, totals.range);
    assert.equal(days.value.reduce((n, d) => n + d.count, 0), totals.value.count, 'the days add up to the totals');
    const [daywise] = requestsTo(api, 'analyticsDaywise');
    const [overall] = requestsTo(api, 'analytics');
    assert.equal(Number(daywise?.query.start_time) * 1000, days.range.startMs);
    assert.equal(overall?.query.start_time, new Date(days.range.startMs).toISOString());
  });

  it('reset drops every new slot too', async () => {
    const { store } = makeStore();
    await Promise.all([store.meetings.loadActive(APP, SEED_IDS.townHallMeeting), store.loadSession(APP, SEED_IDS.erroredSession), store.dashboard.load(APP, 7)]);
    store.reset();
    assert.equal(store.meetings.active(APP, SEED_IDS.townHallMeeting).value, undefined);
    assert.equal(store.getSession(APP, SEED_IDS.erroredSession).value, undefined);
    assert.equal(store.dashboard.days(APP, 7).value, undefined);
  });
});
