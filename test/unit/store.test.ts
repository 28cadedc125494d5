import assert from 'node:assert/strict';
import { RealtimeKitClient } from '../../src/api/client';
import { LivestreamStore, type StoreChange } from '../../src/store/store';
import { startFakeApi, SEED_IDS, type FakeApi } from '../fake-api/server';

// The store over the real client over real sockets: what the tree and the panel run on.
describe('LivestreamStore (against the fake API)', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi();
  });
  after(() => api.close());
  beforeEach(() => api.reset());

  function makeStore(overrides: { pageSize?: number } = {}) {
    const client = new RealtimeKitClient({ baseUrl: api.baseUrl, getToken: () => api.token, retryBaseMs: 1, sleep: async () => undefined });
    const store = new LivestreamStore(client, { accountId: api.accountId, pageSize: overrides.pageSize ?? 25, includeMeetingLivestreams: true });
    const changes: StoreChange[] = [];
    store.onDidChange((c) => changes.push(c));
    return { store, changes };
  }

  const livestreamRequests = (appId: string) => api.requests.filter((r) => r.route === 'livestreams' && r.path.includes(appId));

  it('loads apps sorted by name and reports loading, then loaded', async () => {
    const { store, changes } = makeStore();
    const done = store.loadApps();
    assert.equal(store.getApps().loading, true);
    await done;
    const apps = store.getApps();
    assert.equal(apps.loading, false);
    assert.equal(apps.error, undefined);
    // The fake sends them oldest first: Production Events, Staging, Load Test, Sandbox.
    assert.deepEqual(
      apps.value?.map((a) => a.name),
      ['Load Test', 'Production Events', 'Sandbox', 'Staging'],
    );
    assert.deepEqual(changes, [{ kind: 'apps' }, { kind: 'apps' }]);
  });

  it('shares a load in flight: two callers, one request', async () => {
    const { store } = makeStore();
    api.setFault('livestreams', { latencyMs: 30 });
    await Promise.all([store.loadLivestreams(SEED_IDS.productionApp), store.loadLivestreams(SEED_IDS.productionApp)]);
    assert.equal(livestreamRequests(SEED_IDS.productionApp).length, 1);
  });

  it('pages with load more, then a refresh reloads every loaded page', async () => {
    const { store } = makeStore({ pageSize: 100 });
    await store.loadLivestreams(SEED_IDS.bigApp);
    let list = store.getLivestreams(SEED_IDS.bigApp).value;
    assert.equal(list?.items.length, 100);
    assert.equal(list?.totalCount, 260);
    await store.loadMoreLivestreams(SEED_IDS.bigApp);
    await store.loadMoreLivestreams(SEED_IDS.bigApp);
    list = store.getLivestreams(SEED_IDS.bigApp).value;
    assert.equal(list?.items.length, 260);
    assert.equal(new Set(list?.items.map((l) => l.id)).size, 260, 'no duplicates across pages');
    await store.loadMoreLivestreams(SEED_IDS.bigApp); // nothing left: no request
    api.resetRequests();
    await store.loadLivestreams(SEED_IDS.bigApp);
    assert.deepEqual(
      livestreamRequests(SEED_IDS.bigApp).map((r) => r.query.page_no).sort(),
      ['1', '2', '3'],
    );
  });

  it('keeps the last good list beside an error, and clears the error on success', async () => {
    const { store } = makeStore();
    await store.loadLivestreams(SEED_IDS.productionApp);
    const before = store.getLivestreams(SEED_IDS.productionApp).value;
    api.setFault('livestreams', { status: 404 });
    await store.loadLivestreams(SEED_IDS.productionApp);
    const failed = store.getLivestreams(SEED_IDS.productionApp);
    assert.equal(failed.error?.kind, 'notFound');
    assert.equal(failed.value, before);
    api.clearFaults();
    await store.loadLivestreams(SEED_IDS.productionApp);
    assert.equal(store.getLivestreams(SEED_IDS.productionApp).error, undefined);
  });

  it('counts LIVE streams and knows which apps are worth polling', async () => {
    const { store } = makeStore();
    await Promise.all([store.loadLivestreams(SEED_IDS.productionApp), store.loadLivestreams(SEED_IDS.emptyApp)]);
    assert.equal(store.allLoaded().length, 10, 'Production Events holds ten, Sandbox none');
    assert.equal(store.liveCount(), 2, 'Keynote – Main Stage and Company Town Hall (Developer Q&A is INVOKED)');
    assert.deepEqual(store.activeAppIds(), [SEED_IDS.productionApp]);
  });

  it('a details refresh updates the livestream in its app list (one source of truth)', async () => {
    const { store, changes } = makeStore();
    await store.loadLivestreams(SEED_IDS.productionApp);
    api.patchLivestream(SEED_IDS.idleStream, { status: 'LIVE' });
    changes.length = 0;
    await store.loadDetails(SEED_IDS.productionApp, SEED_IDS.idleStream, { pageNo: 1, perPage: 10 });
    assert.equal(store.find(SEED_IDS.idleStream)?.status, 'LIVE');
    assert.ok(changes.some((c) => c.kind === 'livestreams' && c.appId === SEED_IDS.productionApp));
  });

  it('creating a livestream shows it in the reloaded list', async () => {
    const { store } = makeStore();
    await store.loadLivestreams(SEED_IDS.productionApp);
    const created = await store.createLivestream(SEED_IDS.productionApp, 'Store test stream');
    assert.equal(store.find(created.id)?.name, 'Store test stream');
  });

  it('drops results of loads started before a reset', async () => {
    const { store } = makeStore();
    api.setFault('apps', { latencyMs: 30 });
    const pending = store.loadApps();
    store.reset();
    await pending;
    assert.equal(store.getApps().value, undefined);
    assert.equal(store.getApps().loading, false);
  });
});
