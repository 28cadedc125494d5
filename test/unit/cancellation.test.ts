// Cancellation through the store, over real sockets: the fake API records whether the client
// closed a connection before its answer (`aborted`), so each test waits for that state.
import assert from 'node:assert/strict';
import { RealtimeKitClient } from '../../src/api/client';
import { LivestreamStore } from '../../src/store/store';
import { SEED_IDS, startFakeApi, type FakeApi, type RecordedRequest } from '../fake-api/server';
import { until } from './onFakeApi';

const APP = SEED_IDS.productionApp;
const LS = SEED_IDS.liveStream;
const PAGE = { pageNo: 1, perPage: 10 };

describe('cancellation through the store', () => {
  let api: FakeApi;
  let store: LivestreamStore;

  before(async () => {
    api = await startFakeApi({ port: 0 });
  });
  after(() => api.close());
  beforeEach(() => {
    api.reset();
    const client = new RealtimeKitClient({ baseUrl: api.baseUrl, getToken: () => api.token, timeoutMs: 5000 });
    store = new LivestreamStore(client, { accountId: api.accountId, pageSize: 25, includeMeetingLivestreams: true });
  });
  afterEach(() => store.dispose());

  const detailsRequests = (): RecordedRequest[] => api.requests.filter((r) => r.route === 'livestream');

  it('a load two panels want goes on when one closes, and is aborted when the last one does', async () => {
    api.setFault('livestream', { hang: true });
    const first = new AbortController();
    const second = new AbortController();
    const a = store.loadDetails(APP, LS, PAGE, { signal: first.signal });
    const b = store.loadDetails(APP, LS, PAGE, { signal: second.signal });
    const request = await until('the details request', () => detailsRequests()[0]);
    first.abort();
    await a;
    assert.equal(detailsRequests().length, 1, 'one request for both');
    assert.equal(store.getDetails(APP, LS, PAGE).loading, true, 'still wanted by the other panel');
    assert.equal(request.aborted, false);
    second.abort();
    await b;
    await until('the request to be aborted', () => request.aborted);
    assert.equal(store.getDetails(APP, LS, PAGE).loading, false);
    assert.equal(store.getDetails(APP, LS, PAGE).error, undefined, 'withdrawn, not failed');
  });

  it('a caller that asked without a signal (the tree, a command) keeps the load going', async () => {
    api.setFault('livestream', { latencyMs: 300, times: 1 });
    const panel = new AbortController();
    const fromPanel = store.loadDetails(APP, LS, PAGE, { signal: panel.signal });
    const fromCommand = store.loadDetails(APP, LS, PAGE);
    await until('the details request', () => detailsRequests()[0]);
    panel.abort();
    await fromPanel;
    await fromCommand;
    assert.equal(store.getDetails(APP, LS, PAGE).value?.livestream.id, LS);
    assert.equal(detailsRequests()[0].aborted, false);
  });

  it('dispose (sign out, another account) aborts everything in flight and sends nothing more', async () => {
    api.setFault('*', { hang: true });
    void store.loadApps();
    void store.loadLivestreams(APP);
    void store.loadDetails(APP, LS, PAGE);
    await until('three requests', () => api.requests.length === 3);
    store.dispose();
    await until('every request aborted', () => api.requests.every((r) => r.aborted));
    await store.loadLivestreams(SEED_IDS.stagingApp);
    assert.equal(api.requests.length, 3, 'a disposed store sends nothing');
  });

  it('reset (a new token) aborts what was in flight and drops its results', async () => {
    api.setFault('livestreams', { latencyMs: 200, times: 1 });
    const stale = store.loadLivestreams(APP);
    await until('the list request', () => api.requests.find((r) => r.route === 'livestreams'));
    store.reset();
    await stale;
    await until('the list request aborted', () => api.requests.find((r) => r.route === 'livestreams')?.aborted);
    assert.equal(store.getLivestreams(APP).value, undefined, 'nothing from before the reset');
    await store.loadLivestreams(APP);
    assert.ok(store.getLivestreams(APP).value, 'loads again afterwards');
  });
});
