// The watcher's state machine with virtual time (ManualTimers) over the real client and the
// fake API on a real socket: each poll is one real request, counted at the fake.
import assert from 'node:assert/strict';
import { RealtimeKitClient } from '../../src/api/client';
import { LivestreamStore } from '../../src/store/store';
import { LivestreamWatcher, type Transition } from '../../src/store/watcher';
import { SEED_IDS, SEED_NAMES, startFakeApi, type FakeApi } from '../fake-api/server';
import { ManualTimers } from './manualTimers';

const APP = SEED_IDS.productionApp;
const IDLE = SEED_IDS.idleStream;

describe('watcher: until the encoder goes LIVE', () => {
  let api: FakeApi;
  let store: LivestreamStore | undefined;
  let timers: ManualTimers;
  let clock: number;
  let watcher: LivestreamWatcher;
  let seen: Transition[];
  const settings = { seconds: 5, minutes: 15 };

  before(async () => {
    api = await startFakeApi({ port: 0 });
  });
  after(() => api.close());
  beforeEach(() => {
    api.reset();
    clock = Date.now();
    timers = new ManualTimers();
    const client = new RealtimeKitClient({ baseUrl: api.baseUrl, getToken: () => api.token, timeoutMs: 5000 });
    store = new LivestreamStore(client, { accountId: api.accountId, pageSize: 25, includeMeetingLivestreams: true }, () => clock);
    watcher = new LivestreamWatcher({ getStore: () => store, settings: () => settings, timers, now: () => clock });
    seen = [];
    watcher.onDidTransition((t) => seen.push(t));
  });
  afterEach(() => {
    watcher.dispose();
    store?.dispose();
  });

  const ref = (livestreamId = IDLE) => ({ accountId: api.accountId, appId: APP, livestreamId });
  const polls = () => api.requests.filter((r) => r.route === 'livestream').length;
  /** The next poll, `seconds` of virtual time later. */
  async function tick(): Promise<number> {
    const ms = await timers.runOne();
    clock += ms;
    return ms;
  }
  async function started(): Promise<void> {
    watcher.watch(ref(), SEED_NAMES.idleStream);
    for (let i = 0; i < 50 && polls() === 0; i++) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 50 && timers.pending.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
  }

  it('polls at once, then every interval, one request each; the first answer is a starting point, not news', async () => {
    await started();
    assert.equal(polls(), 1);
    assert.deepEqual(timers.delays(), [5000]);
    assert.equal(watcher.info(IDLE)?.status, 'IDLE');
    await tick();
    await tick();
    assert.equal(polls(), 3);
    assert.deepEqual(seen, []);
    const q = api.requests.find((r) => r.route === 'livestream')!.query;
    assert.deepEqual([q.page_no, q.per_page], ['1', '1'], 'the smallest details page');
  });

  it('tells once per transition: connecting, LIVE, stopped after its duration; then the watch ends', async () => {
    await started();
    api.patchLivestream(IDLE, { status: 'INVOKED' });
    await tick();
    await tick();
    assert.deepEqual(seen.map((t) => t.kind), ['connecting'], 'INVOKED twice is one transition');
    api.patchLivestream(IDLE, { status: 'LIVE' });
    await tick();
    assert.deepEqual(seen.map((t) => t.kind), ['connecting', 'live']);
    assert.equal(store?.find(IDLE)?.status ?? store?.getDetails(APP, IDLE, { pageNo: 1, perPage: 1 }).value?.livestream.status, 'LIVE');
    const session = api.state.sessions.find((s) => s.livestream_id === IDLE && !s.stopped_time)!;
    session.started_time = new Date(Date.now() - 754_000).toISOString();
    api.patchLivestream(IDLE, { status: 'IDLE' });
    await tick();
    const stopped = seen.at(-1)!;
    assert.equal(stopped.kind, 'stopped');
    assert.ok(stopped.kind === 'stopped' && stopped.durationSeconds !== null && Math.abs(stopped.durationSeconds - 754) <= 2, JSON.stringify(stopped));
    assert.equal(watcher.isWatching(IDLE), false, 'went LIVE and stopped: done');
    assert.equal(timers.pending.size, 0);
  });

  it("an encoder error is told with the session's err_message", async () => {
    await started();
    api.patchLivestream(IDLE, { status: 'INVOKED' });
    await tick();
    api.patchLivestream(IDLE, { status: 'ERRORED', errMessage: 'No keyframe received in 10 s' });
    await tick();
    assert.deepEqual(seen.map((t) => t.kind), ['connecting', 'errored']);
    const t = seen[1];
    assert.ok(t.kind === 'errored');
    assert.equal(t.errMessage, 'No keyframe received in 10 s');
    assert.equal(watcher.isWatching(IDLE), true, 'an error is not the end: the encoder may retry');
  });

  it('a livestream deleted while watched: one message, watching stops', async () => {
    await started();
    api.state.livestreams.splice(api.state.livestreams.findIndex((l) => l.id === IDLE), 1);
    await tick();
    assert.deepEqual(seen.map((t) => t.kind), ['deleted']);
    assert.equal(watcher.isWatching(IDLE), false);
    assert.equal(timers.pending.size, 0, 'no more polls');
  });

  it('a 401 ends the watch through the sign-out path: the store goes, nothing more is polled', async () => {
    await started();
    api.setFault('livestream', { status: 401 });
    await tick();
    assert.equal(store?.getDetails(APP, IDLE, { pageNo: 1, perPage: 1 }).error?.kind, 'auth');
    // What the connection does on a 401: it drops the store, and the watcher follows.
    store?.dispose();
    store = undefined;
    watcher.storeChanged();
    assert.equal(watcher.isWatching(IDLE), false);
    assert.equal(timers.pending.size, 0);
    assert.deepEqual(seen, []);
  });

  it('429: backs off (one attempt per poll, never a retry), so the budget of one request per interval holds', async () => {
    await started();
    api.setFault('livestream', { status: 429, retryAfter: 1 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await tick());
    assert.deepEqual(waits, [5000, 10_000, 20_000, 40_000], 'each failure doubles the wait');
    const elapsed = waits.reduce((a, b) => a + b, 0) / 1000;
    assert.equal(polls(), 5, 'one request per poll');
    assert.ok(polls() <= 1 + elapsed / settings.seconds);
    api.clearFaults();
    await tick();
    assert.deepEqual(timers.delays(), [5000], 'back to the interval after an answer');
  });

  it('stops after watchMinutes when nothing happened, saying so once; watching again extends it', async () => {
    await started();
    clock += 15 * 60_000;
    await tick();
    assert.deepEqual(seen.map((t) => t.kind), ['expired']);
    assert.equal(watcher.isWatching(IDLE), false);
    watcher.watch(ref(), SEED_NAMES.idleStream);
    const until = watcher.info(IDLE)!.until;
    clock += 60_000;
    watcher.watch(ref(), SEED_NAMES.idleStream);
    assert.equal(watcher.info(IDLE)!.until, until + 60_000, 'a second copy extends the watch');
  });
});
