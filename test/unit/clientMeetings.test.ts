// The client's meeting, meeting-session and analytics-by-day methods against the fake API over
// real sockets: what they send (paths, queries, bodies, in each endpoint's documented form), what
// they read in every wire shape the fake can produce, and how they fail.
import assert from 'node:assert/strict';
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import { FAKE_ACCOUNT_ID, FAKE_TOKENS, SEED_IDS, SEED_NAMES, startFakeApi, uuidFor, type FakeApi } from '../fake-api/server';
import { clientOn, requestsTo } from './onFakeApi';

const ACC = FAKE_ACCOUNT_ID;
const PROD = SEED_IDS.productionApp;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const HOUR = 3600_000;

async function failure(promise: Promise<unknown>, kind: ApiErrorKind): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    return err;
  }
  return assert.fail(`expected a ${kind} error`);
}

describe('RealtimeKitClient: meetings, meeting sessions, analytics by day', () => {
  let api: FakeApi;
  before(async () => {
    // A fixed clock for the seed: the days of the analytics are literal.
    api = await startFakeApi({ seed: { now: NOW } });
  });
  after(() => api.close());
  beforeEach(() => api.reset());

  describe("a meeting's livestreams", () => {
    it('reads the active livestream of a meeting; nothing in progress is notFound', async () => {
      const client = clientOn(api);
      const active = await client.getMeetingActiveLivestream(ACC, PROD, SEED_IDS.townHallMeeting);
      assert.deepEqual([active.id, active.name, active.status, active.meetingId, active.appId], [SEED_IDS.meetingLiveStream, SEED_NAMES.meetingLiveStream, 'LIVE', SEED_IDS.townHallMeeting, PROD]);
      await failure(client.getMeetingActiveLivestream(ACC, PROD, SEED_IDS.idleMeeting), 'notFound');
    });

    it('lists a page of them with their sessions, in the array and in the one-item form', async () => {
      const client = clientOn(api);
      const page = await client.getMeetingLivestreams(ACC, PROD, SEED_IDS.townHallMeeting, { pageNo: 1, perPage: 5 });
      assert.deepEqual(page.livestreams.map((l) => l.id), [SEED_IDS.meetingLiveStream]);
      assert.deepEqual(page.sessions.map((s) => s.id), [SEED_IDS.meetingLiveSession, uuidFor('session:town-hall:0')]);
      assert.deepEqual(page.paging, { startOffset: 0, endOffset: 0, totalCount: 1 });
      assert.deepEqual(requestsTo(api, 'meetingLivestreams').map((r) => r.query), [{ page_no: '1', per_page: '5' }]);
      api.setFault('meetingLivestreams', { shape: ['objectData', 'stringNumbers'] });
      const one = await client.getMeetingLivestreams(ACC, PROD, SEED_IDS.townHallMeeting);
      assert.deepEqual(one.livestreams.map((l) => l.id), [SEED_IDS.meetingLiveStream]);
      assert.deepEqual(one.sessions.map((s) => [s.id, s.ingestSeconds]), [[SEED_IDS.meetingLiveSession, 710]]);
      api.setFault('meetingLivestreams', { shape: 'resultWrapper' });
      assert.equal((await client.getMeetingLivestreams(ACC, PROD, SEED_IDS.townHallMeeting)).paging.totalCount, 1);
    });

    it('starts livestreaming a meeting with a POST of name and video_config, never retried', async () => {
      const client = clientOn(api, { maxRetries: 3 });
      const started = await client.startMeetingLivestream(ACC, PROD, SEED_IDS.idleMeeting, { name: 'Design Review Live', videoConfig: { width: 1920, height: 1080 } });
      assert.deepEqual([started.name, started.status, started.meetingId], ['Design Review Live', 'INVOKED', SEED_IDS.idleMeeting]);
      assert.ok(started.streamKey && started.playbackUrl);
      assert.deepEqual(requestsTo(api, 'startMeetingLivestream').map((r) => r.body), [{ name: 'Design Review Live', video_config: { width: 1920, height: 1080 } }]);
      api.setFault('startMeetingLivestream', { status: 503 });
      await failure(client.startMeetingLivestream(ACC, PROD, SEED_IDS.idleMeeting, { name: 'x', videoConfig: { width: 1280, height: 720 } }), 'server');
      assert.equal(requestsTo(api, 'startMeetingLivestream').length, 2, 'the failed POST was sent once');
    });

    it('stops it; stopping a meeting with nothing in progress is notFound', async () => {
      const client = clientOn(api);
      await client.stopMeetingLivestream(ACC, PROD, SEED_IDS.townHallMeeting);
      assert.equal(api.state.livestreams.find((l) => l.id === SEED_IDS.meetingLiveStream)?.status, 'IDLE');
      const stop = requestsTo(api, 'stopMeetingLivestream')[0];
      assert.deepEqual([stop?.method, stop?.status, stop?.body], ['POST', 200, undefined]);
      await failure(client.stopMeetingLivestream(ACC, PROD, SEED_IDS.townHallMeeting), 'notFound');
    });

    it('a read-only token: a 403 that names Realtime Admin, for starting and for stopping', async () => {
      const client = clientOn(api, { getToken: () => FAKE_TOKENS.readOnly });
      const start = await failure(client.startMeetingLivestream(ACC, PROD, SEED_IDS.idleMeeting, { name: 'x', videoConfig: { width: 1280, height: 720 } }), 'permission');
      assert.equal(
        start.message,
        `The API token is not allowed to start livestreaming a meeting (403): that needs the Realtime Admin permission on account ${ACC}; Realtime alone only reads. Edit the token in the Cloudflare dashboard. The API said: Authentication error: token is not authorized to write (Realtime Admin required) (code 10000)`,
      );
      const stop = await failure(client.stopMeetingLivestream(ACC, PROD, SEED_IDS.townHallMeeting), 'permission');
      assert.match(stop.message, /^The API token is not allowed to stop a meeting's livestream \(403\): that needs the Realtime Admin permission/);
      // Reading is fine with Realtime.
      assert.equal((await client.getMeetingActiveLivestream(ACC, PROD, SEED_IDS.townHallMeeting)).id, SEED_IDS.meetingLiveStream);
    });
  });

  describe("a meeting session's livestream sessions", () => {
    it('reads them newest first with paging, in every shape', async () => {
      const client = clientOn(api);
      const page = await client.getMeetingSessionLivestreamSessions(ACC, PROD, SEED_IDS.townHallPastMeetingSession, { pageNo: 1, perPage: 10 });
      assert.deepEqual(page.items.map((s) => [s.id, s.livestreamId, s.ingestSeconds]), [[uuidFor('session:town-hall:0'), SEED_IDS.meetingLiveStream, 2700]]);
      assert.deepEqual(page.paging, { startOffset: 0, endOffset: 0, totalCount: 1 });
      for (const shape of ['objectData', 'stringNumbers', 'resultWrapper'] as const) {
        api.setFault('sessionLivestreamSessions', { shape, times: 1 });
        const odd = await client.getMeetingSessionLivestreamSessions(ACC, PROD, SEED_IDS.townHallMeetingSession);
        assert.deepEqual(odd.items.map((s) => s.id), [SEED_IDS.meetingLiveSession], shape);
      }
      assert.deepEqual((await client.getMeetingSessionLivestreamSessions(ACC, PROD, SEED_IDS.idleMeetingSession)).items, []);
      await failure(client.getMeetingSessionLivestreamSessions(ACC, PROD, 'no-such-session'), 'notFound');
    });
  });

  describe('analytics by day', () => {
    it('sends Unix seconds (as documented) and reads the days, oldest first', async () => {
      const client = clientOn(api);
      const days = await client.getDaywiseAnalytics(ACC, PROD, { startMs: NOW - 24 * HOUR, endMs: NOW });
      assert.deepEqual(days, [{ date: '2025-06-01', count: 4, totalIngestSeconds: 3974, totalViewerSeconds: 4877990 }]);
      assert.deepEqual(requestsTo(api, 'analyticsDaywise')[0]?.query, { start_time: String((NOW - 24 * HOUR) / 1000), end_time: String(NOW / 1000) });
      const week = await client.getDaywiseAnalytics(ACC, PROD, { startMs: NOW - 8 * 24 * HOUR, endMs: NOW });
      assert.deepEqual(week.map((d) => [d.date, d.count]), [['2025-05-25', 2], ['2025-05-29', 1], ['2025-05-30', 1], ['2025-06-01', 4]]);
    });

    it('reads numbers as strings, one day as an object, the Cloudflare envelope; an answer without days is empty', async () => {
      const client = clientOn(api);
      const range = { startMs: NOW - 24 * HOUR, endMs: NOW };
      const today = [{ date: '2025-06-01', count: 4, totalIngestSeconds: 3974, totalViewerSeconds: 4877990 }];
      for (const shape of ['stringNumbers', 'objectData', 'resultWrapper'] as const) {
        api.setFault('analyticsDaywise', { shape, times: 1 });
        assert.deepEqual(await client.getDaywiseAnalytics(ACC, PROD, range), today, shape);
      }
      assert.deepEqual(await client.getDaywiseAnalytics(ACC, SEED_IDS.emptyApp, range), []);
      api.setFault('analyticsDaywise', { body: 'malformed', times: 1 });
      await failure(client.getDaywiseAnalytics(ACC, PROD, range), 'badResponse');
    });

    it('the overall totals take the same range, as ISO', async () => {
      const totals = await clientOn(api).getAppAnalytics(ACC, PROD, { startMs: NOW - 24 * HOUR, endMs: NOW });
      assert.deepEqual(totals, { count: 4, totalIngestSeconds: 3974, totalViewerSeconds: 4877990 });
      assert.deepEqual(requestsTo(api, 'analytics')[0]?.query, { start_time: '2025-05-31T12:00:00.000Z', end_time: '2025-06-01T12:00:00.000Z' });
    });
  });
});
