// The tree's auto-refresh and the store's list paging, over the real client and the fake API:
// what is polled is read from the requests the fake recorded, never from a call log of our own.
import assert from 'node:assert/strict';
import { readSettings } from '../../src/shared/config';
import { Connection } from '../../src/connection/connection';
import { TOKEN_SECRET_KEY, TokenStore } from '../../src/connection/tokenStore';
import { LivestreamStore } from '../../src/store/store';
import { AutoRefresh } from '../../src/tree/autoRefresh';
import { SEED_IDS, startFakeApi, type FakeApi } from '../fake-api/server';
import { ManualTimers } from './manualTimers';
import { MemorySecrets } from './memorySecrets';
import { AnswerHold, appOf, clientOn, requestsTo, until } from './onFakeApi';

const PROD = SEED_IDS.productionApp;
const STAGING = SEED_IDS.stagingApp;
const SANDBOX = SEED_IDS.emptyApp;

describe('tree and store against the fake API', () => {
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi();
  });
  after(() => api.close());
  beforeEach(() => api.reset());
  const disposables: Array<{ dispose(): void }> = [];
  afterEach(() => {
    for (const d of disposables.splice(0)) d.dispose();
  });

  /** `app pN` for each list request the fake saw, oldest first. */
  const listRequests = (): string[] => requestsTo(api, 'livestreams').map((r) => `${appName(appOf(r))} p${r.query.page_no}`);
  const appName = (id: string): string => ({ [PROD]: 'production', [STAGING]: 'staging', [SANDBOX]: 'sandbox' })[id] ?? id;

  describe('tree: auto-refresh', () => {
    /**
     * Production holds LIVE livestreams, Staging only an INVOKED one, Sandbox only an ERRORED one
     * (moved there from Staging). `active: false` makes every one of them IDLE first.
     */
    async function setup(opts: { active?: boolean } = {}) {
      api.patchLivestream(SEED_IDS.stagingLiveStream, { status: opts.active === false ? 'IDLE' : 'INVOKED' });
      api.patchLivestream(SEED_IDS.scriptStream, { app_id: SANDBOX });
      if (opts.active === false) {
        for (const id of [SEED_IDS.liveStream, SEED_IDS.meetingLiveStream, SEED_IDS.invokedStream]) api.patchLivestream(id, { status: 'IDLE' });
      }
      const secrets = new MemorySecrets();
      secrets.values.set(TOKEN_SECRET_KEY, api.token);
      const connection = new Connection({
        tokens: new TokenStore(secrets),
        settings: () => ({ ...readSettings({ get: () => undefined }), apiBaseUrl: api.baseUrl, accountId: api.accountId }),
        createApi: (baseUrl, getToken) => clientOn(api, { baseUrl, getToken }),
      });
      disposables.push(connection);
      await connection.resolve();
      const store = connection.store as LivestreamStore;
      const view = { visible: true, focused: true, interval: 15 };
      const timers = new ManualTimers();
      const auto = new AutoRefresh({ connection, filter: () => undefined, intervalSeconds: () => view.interval, visible: () => view.visible, focused: () => view.focused, timers });
      disposables.push(auto);
      store.onDidChange(() => auto.update());
      await store.loadApps();
      await Promise.all([PROD, STAGING, SANDBOX].map((id) => store.loadLivestreams(id)));
      api.resetRequests();
      return { store, view, timers, auto };
    }

    /** Runs the pending tick and waits until it has ended: the poller has scheduled the next one. */
    async function tick(timers: ManualTimers): Promise<number> {
      const ran = await timers.runOne();
      await until('the tick to end and the next one to be scheduled', () => timers.pending.size === 1);
      return ran;
    }

    it('polls the lists holding LIVE or INVOKED livestreams, every interval, while visible and focused', async () => {
      const { timers, auto } = await setup();
      auto.update();
      assert.deepEqual(timers.delays(), [15_000]);
      assert.equal(await tick(timers), 15_000);
      assert.deepEqual(listRequests().sort(), ['production p1', 'staging p1'], 'Sandbox (only ERRORED) is not polled');
      assert.deepEqual(timers.delays(), [15_000], 'the next tick is scheduled');
    });

    it('does not poll when nothing is LIVE or INVOKED, and starts once something is', async () => {
      const { timers, auto, store } = await setup({ active: false });
      assert.deepEqual(store.activeAppIds(), []);
      auto.update();
      assert.equal(timers.pending.size, 0);
      api.patchLivestream(SEED_IDS.scriptStream, { status: 'INVOKED' });
      await store.loadLivestreams(SANDBOX);
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
      const { timers, auto } = await setup();
      auto.update();
      api.setFault('livestreams', { status: 500, times: 2 });
      await tick(timers);
      assert.equal(auto.consecutiveFailures, 1);
      assert.deepEqual(timers.delays(), [30_000]);
      api.setFault('livestreams', { status: 500, times: 2 });
      await tick(timers);
      assert.deepEqual(timers.delays(), [60_000]);
      await tick(timers);
      assert.equal(auto.consecutiveFailures, 0);
      assert.deepEqual(timers.delays(), [15_000]);
      assert.deepEqual(
        requestsTo(api, 'livestreams').map((r) => r.status),
        [500, 500, 500, 500, 200, 200],
        'two lists per tick: failed, failed, then answered',
      );
    });

    it('never refreshes the same list twice at once: a manual refresh and a tick share the request', async () => {
      const { timers, auto, store } = await setup();
      auto.update();
      const manual = store.loadLivestreams(PROD);
      await Promise.all([manual, tick(timers)]);
      assert.deepEqual(listRequests().sort(), ['production p1', 'staging p1']);
    });
  });

  describe('store: additions for the sidebar', () => {
    /** Production's ten livestreams, newest first: what pages of 4 hold. */
    const PAGE_1 = ['Developer Q&A', 'Company Town Hall', 'Konferenz – Zürich 🎥', 'Customer Webinar – EMEA'];
    const PAGE_2 = ['東京ライブ', 'Product Launch', 'Keynote – Main Stage', 'Weekly All-Hands'];
    const PAGE_3 = ['Archive – 2023 Summit', 'Legacy Channel'];

    function makeStore(over: { hold?: AnswerHold; logged?: (line: string) => void } = {}) {
      const quiet = () => undefined;
      const client = clientOn(api, {
        ...(over.hold ? { fetch: over.hold.fetch } : {}),
        logger: { trace: quiet, debug: quiet, info: over.logged ?? quiet, warn: quiet, error: quiet },
      });
      const store = new LivestreamStore(client, { accountId: api.accountId, pageSize: 4, includeMeetingLivestreams: true });
      disposables.push(store);
      return store;
    }
    const names = (store: LivestreamStore) => store.getLivestreams(PROD).value?.items.map((l) => l.name);

    it('pages: Load more appends the next page until the total is reached', async () => {
      const store = makeStore();
      await store.loadLivestreams(PROD);
      assert.deepEqual(names(store), PAGE_1);
      await store.loadMoreLivestreams(PROD);
      await store.loadMoreLivestreams(PROD);
      assert.deepEqual(names(store), [...PAGE_1, ...PAGE_2, ...PAGE_3]);
      assert.equal(store.getLivestreams(PROD).value?.totalCount, 10);
      api.resetRequests();
      await store.loadMoreLivestreams(PROD);
      assert.deepEqual(listRequests(), [], 'nothing more to load');
      await store.loadLivestreams(PROD);
      assert.deepEqual(listRequests().sort(), ['production p1', 'production p2', 'production p3'], 'a refresh reloads every page shown');
    });

    it('auto-refresh reloads only up to the last page holding a LIVE or INVOKED livestream', async () => {
      const store = makeStore();
      await store.loadLivestreams(PROD);
      await store.loadMoreLivestreams(PROD);
      await store.loadMoreLivestreams(PROD);
      // The last active one (Keynote, LIVE) is on page 2; one on page 3 goes LIVE unseen.
      api.patchLivestream(SEED_IDS.liveStream, { status: 'INVOKED' });
      api.patchLivestream(SEED_IDS.offlineStream, { status: 'LIVE' });
      api.resetRequests();
      await store.refreshActiveLivestreams(PROD);
      assert.deepEqual(listRequests().sort(), ['production p1', 'production p2'], 'page 3 held nothing active');
      const value = store.getLivestreams(PROD).value;
      assert.deepEqual(
        value?.items.map((l) => `${l.name}:${l.status}`),
        [
          'Developer Q&A:INVOKED',
          'Company Town Hall:LIVE',
          'Konferenz – Zürich 🎥:IDLE',
          'Customer Webinar – EMEA:ERRORED',
          '東京ライブ:IDLE',
          'Product Launch:IDLE',
          'Keynote – Main Stage:INVOKED',
          'Weekly All-Hands:IDLE',
          'Archive – 2023 Summit:IDLE',
          'Legacy Channel:OFFLINE',
        ],
        'page 3 kept as loaded',
      );
      assert.equal(value?.pagesLoaded, 3);
      // Once only page 1 holds an active livestream, a tick costs one request.
      api.patchLivestream(SEED_IDS.liveStream, { status: 'IDLE' });
      await store.refreshActiveLivestreams(PROD);
      api.resetRequests();
      await store.refreshActiveLivestreams(PROD);
      assert.deepEqual(listRequests(), ['production p1']);
    });

    it('Load more clicked during a reload waits for it, then loads the next page', async () => {
      const store = makeStore();
      await store.loadLivestreams(PROD);
      api.resetRequests();
      const reload = store.loadLivestreams(PROD);
      const more = store.loadMoreLivestreams(PROD);
      await Promise.all([reload, more]);
      assert.deepEqual(names(store), [...PAGE_1, ...PAGE_2]);
      assert.deepEqual(listRequests(), ['production p1', 'production p2'], 'page 2 was asked for after the reload');
      const [reloaded, next] = requestsTo(api, 'livestreams');
      assert.ok(next.time >= reloaded.time + (reloaded.durationMs ?? 0), 'page 2 was asked for once page 1 was answered');
    });

    it('a listener that loads when told a load started joins it instead of starting another', async () => {
      const store = makeStore();
      const joined: Array<Promise<void>> = [];
      store.onDidChange((c) => {
        if (c.kind === 'livestreams' && store.getLivestreams(PROD).loading) joined.push(store.loadLivestreams(PROD));
      });
      await store.loadLivestreams(PROD);
      await Promise.all(joined);
      assert.equal(joined.length, 1);
      assert.deepEqual(listRequests(), ['production p1']);
    });

    it('after creating, the list reflects the new livestream even if a reload was already in flight', async () => {
      // The reload's answer is computed before the POST and reaches the client only after the
      // client has the POST's answer (its log line), so it cannot hold the new livestream.
      const hold = new AnswerHold();
      const store = makeStore({
        hold,
        logged: (line) => {
          if (/^POST .*\/livestreams → 201/.test(line)) setImmediate(() => hold.release());
        },
      });
      await store.loadLivestreams(PROD);
      hold.holdNext((url, method) => method === 'GET' && url.includes('/livestreams?'));
      const staleReload = store.loadLivestreams(PROD);
      await until('the reload to be answered by the fake', () => requestsTo(api, 'livestreams')[1]?.status === 200);
      const created = await store.createLivestream(PROD, 'Fresh');
      await staleReload;
      assert.deepEqual(
        requestsTo(api, 'livestreams', 'createLivestream').map((r) => `${r.route} ${r.status}`),
        ['livestreams 200', 'livestreams 200', 'createLivestream 201', 'livestreams 200'],
        'the reload in flight was answered before the POST, and one more followed it',
      );
      assert.equal(names(store)?.[0], 'Fresh');
      assert.ok(store.getLivestreams(PROD).value?.items.some((l) => l.id === created.id), 'the new livestream is in the list');
    });

    it('resolves a livestream by ref: from a list, else fetched; a failure is thrown', async () => {
      const store = makeStore();
      await store.loadLivestreams(PROD);
      api.resetRequests();
      assert.equal((await store.resolveLivestream(PROD, SEED_IDS.invokedStream)).name, 'Developer Q&A');
      assert.equal(api.requests.length, 0, 'a listed livestream costs no request');

      assert.equal((await store.resolveLivestream(PROD, SEED_IDS.disabledStream)).name, 'Archive – 2023 Summit');
      assert.deepEqual(
        api.requests.map((r) => `${r.route} ${r.query.page_no}x${r.query.per_page}`),
        ['livestream 1x10'],
      );
      await store.resolveLivestream(PROD, SEED_IDS.disabledStream);
      assert.equal(api.requests.length, 1, 'cached details are reused');

      await assert.rejects(store.resolveLivestream(PROD, 'missing'), { kind: 'notFound', status: 404, apiMessage: 'NOT_FOUND: livestream not found' });
    });
  });
});
