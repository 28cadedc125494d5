import assert from 'node:assert/strict';
import { Connection } from '../../src/connection/connection';
import { TOKEN_SECRET_KEY, TokenStore } from '../../src/connection/tokenStore';
import { LivestreamStore } from '../../src/store/store';
import { AutoRefresh } from '../../src/tree/autoRefresh';
import { ManualTimers } from './manualTimers';
import { ACCOUNT_ID, app, DAY, FakeApi, iso, livestream, MemorySecrets, settings } from './treeFixtures';

describe('tree: auto-refresh', () => {
  async function setup(opts: { active?: boolean } = {}) {
    const secrets = new MemorySecrets();
    secrets.values.set(TOKEN_SECRET_KEY, 'tok');
    let api!: FakeApi;
    const connection = new Connection({
      tokens: new TokenStore(secrets),
      settings: () => settings({ pageSize: 25 }),
      createApi: () => {
        api = new FakeApi();
        api.apps = [app('app-1'), app('app-2'), app('app-3')];
        api.livestreams = [
          livestream({ appId: 'app-1', status: opts.active === false ? 'IDLE' : 'LIVE' }),
          livestream({ appId: 'app-1', status: 'IDLE' }),
          livestream({ appId: 'app-2', status: opts.active === false ? 'OFFLINE' : 'INVOKED' }),
          livestream({ appId: 'app-3', status: 'ERRORED' }),
        ];
        return api;
      },
    });
    await connection.resolve();
    const store = connection.store as LivestreamStore;
    const view = { visible: true, focused: true, interval: 15 };
    const timers = new ManualTimers();
    const auto = new AutoRefresh({ connection, filter: () => undefined, intervalSeconds: () => view.interval, visible: () => view.visible, focused: () => view.focused, timers });
    store.onDidChange(() => auto.update());
    await store.loadApps();
    await Promise.all(['app-1', 'app-2', 'app-3'].map((id) => store.loadLivestreams(id)));
    api.calls.length = 0;
    return { connection, store, api, view, timers, auto };
  }

  it('polls the lists holding LIVE or INVOKED livestreams, every interval, while visible and focused', async () => {
    const { api, timers, auto } = await setup();
    auto.update();
    assert.deepEqual(timers.delays(), [15_000]);
    await timers.runOne();
    assert.deepEqual(api.calls.sort(), ['listLivestreams app-1 p1', 'listLivestreams app-2 p1'], 'app-3 (only ERRORED) is not polled');
    assert.deepEqual(timers.delays(), [15_000], 'the next tick is scheduled');
  });

  it('does not poll when nothing is LIVE or INVOKED, and starts once something is', async () => {
    const { timers, auto, store, api } = await setup({ active: false });
    assert.deepEqual(store.activeAppIds(), []);
    auto.update();
    assert.equal(timers.pending.size, 0);
    api.livestreams.push(livestream({ appId: 'app-3', status: 'INVOKED' }));
    await store.loadLivestreams('app-3');
    assert.equal(timers.pending.size, 1, 'the store change re-evaluated the poller');
  });

  it('stops when the view is hidden or the window loses focus, and when the interval is 0', async () => {
    const { view, timers, auto } = await setup();
    auto.update();
    assert.equal(timers.pending.size, 1);
    view.visible = false;
    auto.update();
    assert.equal(timers.pending.size, 0, 'hidden: no timer');
    view.visible = true;
    view.focused = false;
    auto.update();
    assert.equal(timers.pending.size, 0, 'unfocused: no timer');
    view.focused = true;
    view.interval = 0;
    auto.update();
    assert.equal(timers.pending.size, 0, 'interval 0: off');
    view.interval = 15;
    auto.update();
    assert.equal(timers.pending.size, 1);
  });

  it('backs off after errors and recovers after a success', async () => {
    const { api, timers, auto } = await setup();
    auto.update();
    api.fail('listLivestreams', 'server', 'boom', 2);
    await timers.runOne();
    assert.equal(auto.consecutiveFailures, 1);
    assert.deepEqual(timers.delays(), [30_000]);
    api.fail('listLivestreams', 'server', 'boom', 2);
    await timers.runOne();
    assert.deepEqual(timers.delays(), [60_000]);
    await timers.runOne();
    assert.equal(auto.consecutiveFailures, 0);
    assert.deepEqual(timers.delays(), [15_000]);
  });

  it('never refreshes the same list twice at once: a manual refresh and a tick share the request', async () => {
    const { api, timers, auto, store } = await setup();
    auto.update();
    let open!: () => void;
    api.gate = new Promise((r) => (open = r));
    const manual = store.loadLivestreams('app-1');
    const pendingTick = timers.runOne();
    await new Promise((r) => setImmediate(r));
    api.gate = undefined;
    open();
    await Promise.all([manual, pendingTick]);
    assert.equal(api.calls.filter((c) => c === 'listLivestreams app-1 p1').length, 1);
  });
});

describe('store: additions for the sidebar', () => {
  function makeStore() {
    const api = new FakeApi();
    api.apps = [app('app-1')];
    const store = new LivestreamStore(api, { accountId: ACCOUNT_ID, pageSize: 2, includeMeetingLivestreams: true });
    return { api, store };
  }

  it('pages: Load more appends the next page until the total is reached', async () => {
    const { api, store } = makeStore();
    for (let i = 0; i < 5; i++) api.livestreams.push(livestream({ appId: 'app-1', name: `n${i}`, createdAt: iso((i + 1) * DAY) }));
    await store.loadLivestreams('app-1');
    assert.deepEqual(store.getLivestreams('app-1').value?.items.map((l) => l.name), ['n0', 'n1']);
    await store.loadMoreLivestreams('app-1');
    await store.loadMoreLivestreams('app-1');
    const value = store.getLivestreams('app-1').value;
    assert.deepEqual(value?.items.map((l) => l.name), ['n0', 'n1', 'n2', 'n3', 'n4']);
    assert.equal(value?.totalCount, 5);
    api.calls.length = 0;
    await store.loadMoreLivestreams('app-1');
    assert.deepEqual(api.calls, [], 'nothing more to load');
    await store.loadLivestreams('app-1');
    assert.deepEqual(api.calls, ['listLivestreams app-1 p1', 'listLivestreams app-1 p2', 'listLivestreams app-1 p3'], 'a refresh reloads every page shown');
  });

  it('auto-refresh reloads only up to the last page holding a LIVE or INVOKED livestream', async () => {
    const { api, store } = makeStore();
    const live = new Set([0, 2]); // n2 is on page 2 (pageSize 2)
    for (let i = 0; i < 5; i++) api.livestreams.push(livestream({ appId: 'app-1', name: `n${i}`, status: live.has(i) ? 'LIVE' : 'IDLE', createdAt: iso((i + 1) * DAY) }));
    await store.loadLivestreams('app-1');
    await store.loadMoreLivestreams('app-1');
    await store.loadMoreLivestreams('app-1');
    const setStatus = (i: number, status: string) => (api.livestreams[i] = { ...api.livestreams[i]!, status });
    setStatus(2, 'INVOKED');
    setStatus(4, 'LIVE');
    api.calls.length = 0;
    await store.refreshActiveLivestreams('app-1');
    assert.deepEqual(api.calls.sort(), ['listLivestreams app-1 p1', 'listLivestreams app-1 p2'], 'page 3 held nothing active');
    const value = store.getLivestreams('app-1').value;
    assert.deepEqual(value?.items.map((l) => `${l.name}:${l.status}`), ['n0:LIVE', 'n1:IDLE', 'n2:INVOKED', 'n3:IDLE', 'n4:IDLE'], 'page 3 kept as loaded');
    assert.equal(value?.pagesLoaded, 3);
    // Once only page 1 holds an active livestream, a tick costs one request.
    setStatus(2, 'IDLE');
    await store.refreshActiveLivestreams('app-1');
    api.calls.length = 0;
    await store.refreshActiveLivestreams('app-1');
    assert.deepEqual(api.calls, ['listLivestreams app-1 p1']);
  });

  it('Load more clicked during a reload waits for it, then loads the next page', async () => {
    const { api, store } = makeStore();
    for (let i = 0; i < 5; i++) api.livestreams.push(livestream({ appId: 'app-1', name: `n${i}`, createdAt: iso((i + 1) * DAY) }));
    await store.loadLivestreams('app-1');
    let open!: () => void;
    api.gate = new Promise((r) => (open = r));
    const reload = store.loadLivestreams('app-1');
    const more = store.loadMoreLivestreams('app-1');
    api.gate = undefined;
    open();
    await Promise.all([reload, more]);
    assert.deepEqual(store.getLivestreams('app-1').value?.items.map((l) => l.name), ['n0', 'n1', 'n2', 'n3']);
  });

  it('a listener that loads when told a load started joins it instead of starting another', async () => {
    const { api, store } = makeStore();
    api.livestreams.push(livestream({ appId: 'app-1' }));
    const joined: Array<Promise<void>> = [];
    store.onDidChange((c) => {
      if (c.kind === 'livestreams' && store.getLivestreams('app-1').loading) joined.push(store.loadLivestreams('app-1'));
    });
    await store.loadLivestreams('app-1');
    await Promise.all(joined);
    assert.equal(joined.length, 1);
    assert.deepEqual(api.calls, ['listLivestreams app-1 p1']);
  });

  it('after creating, the list reflects the new livestream even if a reload was already in flight', async () => {
    const { api, store } = makeStore();
    await store.loadLivestreams('app-1');
    let open!: () => void;
    api.gate = new Promise((r) => (open = r));
    const staleReload = store.loadLivestreams('app-1');
    const creating = store.createLivestream('app-1', 'Fresh');
    await new Promise((r) => setImmediate(r));
    api.gate = undefined;
    open();
    const created = await creating;
    await staleReload;
    assert.ok(store.getLivestreams('app-1').value?.items.some((l) => l.id === created.id), 'the new livestream is in the list');
  });

  it('resolves a livestream by ref: from a list, else fetched; a failure is thrown', async () => {
    const { api, store } = makeStore();
    const known = livestream({ appId: 'app-1', name: 'Known' });
    const other = livestream({ appId: 'app-1', name: 'Other' });
    api.livestreams = [known, other];
    await store.loadLivestreams('app-1');
    api.calls.length = 0;
    assert.equal((await store.resolveLivestream('app-1', known.id)).name, 'Known');
    assert.deepEqual(api.calls, []);

    const hidden = livestream({ appId: 'app-1', name: 'Hidden', createdAt: iso(100 * DAY) });
    api.livestreams.push(hidden);
    assert.equal((await store.resolveLivestream('app-1', hidden.id)).name, 'Hidden');
    assert.deepEqual(api.calls, [`getLivestream ${hidden.id}`]);
    await store.resolveLivestream('app-1', hidden.id);
    assert.equal(api.calls.length, 1, 'cached details are reused');

    await assert.rejects(store.resolveLivestream('app-1', 'missing'), /missing was not found/);
  });
});
