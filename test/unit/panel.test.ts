// The panel's behaviour (PanelController) against a real LivestreamStore over the real client and
// the fake API: what it loads (read from the requests the fake recorded), what it posts, how it
// answers the webview, and when it polls. Waits are for states (a request answered, a view
// posted), never for time; the clock the panel reads is the test's.
import assert from 'node:assert/strict';
import type { Logger } from '../../src/shared/log';
import { PanelController, type PanelEnv } from '../../src/panel/controller';
import type { CopyField, OutboundMessage, PanelCommand, PanelView, SessionsPage } from '../../src/contract/livestreamPanel';
import { LivestreamStore } from '../../src/store/store';
import { FAKE_SECOND_ACCOUNT_ID, SEED_IDS, startFakeApi, streamKeyFor, uuidFor, type FakeApi } from '../fake-api/server';
import { ManualTimers } from './manualTimers';
import { clientOn, pageOf, requestsTo, settle, until } from './onFakeApi';

const APP = SEED_IDS.productionApp;
/** "Product Launch": IDLE, three sessions. */
const IDLE = SEED_IDS.idleStream;
/** "Keynote – Main Stage": LIVE. */
const LIVE = SEED_IDS.liveStream;
/** "Weekly All-Hands": IDLE, 36 sessions. */
const MANY = SEED_IDS.manySessionsStream;
const KEY = streamKeyFor('product-launch');
const PAGE_1: SessionsPage = { pageNo: 1, perPage: 10 };

describe('livestream panel controller', () => {
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

  function newStore(accountId = api.accountId, clock: () => number = Date.now): LivestreamStore {
    const store = new LivestreamStore(clientOn(api), { accountId, pageSize: 25, includeMeetingLivestreams: true }, clock);
    disposables.push(store);
    return store;
  }

  function setup(opts: { livestreamId?: string; page?: SessionsPage; accountId?: string } = {}) {
    const ref = { accountId: api.accountId, appId: APP, livestreamId: opts.livestreamId ?? IDLE };
    let clock = Date.now();
    const store = newStore(opts.accountId ?? api.accountId, () => clock);
    const timers = new ManualTimers();
    const posted: OutboundMessage[] = [];
    const copied: CopyField[] = [];
    const opened: string[] = [];
    const commands: PanelCommand[] = [];
    const warnings: string[] = [];
    const titles: string[] = [];
    const log: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
    const holder: { currentStore: LivestreamStore | undefined } = { currentStore: store };
    const env = {
      get currentStore() {
        return holder.currentStore;
      },
      set currentStore(s: LivestreamStore | undefined) {
        holder.currentStore = s;
      },
      getStore: () => holder.currentStore,
      autoRefreshSeconds: () => 15,
      post: (m: OutboundMessage) => posted.push(m),
      setTitle: (t: string) => titles.push(t),
      copy: (field: CopyField) => copied.push(field),
      openPlayback: (url: string) => opened.push(url),
      runCommand: (c: PanelCommand) => commands.push(c),
      log,
      now: () => clock,
      timers,
    } satisfies PanelEnv & { currentStore: LivestreamStore | undefined };
    const controller = new PanelController(ref, opts.page ?? PAGE_1, env, 'From the tree');
    disposables.push(controller);
    const updates = () => posted.filter((m): m is Extract<OutboundMessage, { type: 'update' }> => m.type === 'update');
    const lastView = (): PanelView => {
      const u = updates();
      assert.ok(u.length > 0, 'no update posted');
      return u[u.length - 1].view;
    };
    /** Until nothing the panel shows is loading in the store it uses; then its render is posted. */
    const loaded = async (): Promise<void> => {
      const current = () => holder.currentStore;
      const page = controller.state.page;
      const pages: SessionsPage[] = [page, { pageNo: 1, perPage: page.perPage }];
      await until('the panel’s loads to end', () => {
        const s = current();
        return !!s && !s.getAnalytics(APP).loading && pages.every((p) => !s.getDetails(APP, ref.livestreamId, p).loading);
      });
      await settle();
    };
    return {
      ref,
      store,
      env,
      timers,
      posted,
      copied,
      opened,
      commands,
      warnings,
      titles,
      controller,
      updates,
      lastView,
      loaded,
      /** Until the last view posted satisfies `probe`. */
      view: (what: string, probe: (v: PanelView) => boolean) => until(what, () => updates().length > 0 && probe(lastView())),
      advance: (ms: number) => (clock += ms),
    };
  }

  /** What the fake was asked for: `livestream 1x10` (details, sessions page) and `analytics`. */
  const panelRequests = (): string[] => requestsTo(api, 'livestream', 'analytics', 'livestreams').map((r) => (r.route === 'livestream' ? `livestream ${pageOf(r)}` : r.route ?? ''));

  it('loads details and app analytics once, titles the panel, and posts nothing before ready', async () => {
    const t = setup();
    assert.deepEqual(t.titles, ['From the tree']);
    await t.loaded();
    assert.deepEqual(panelRequests().sort(), ['analytics', 'livestream 1x10']);
    assert.equal(t.posted.length, 0);
    assert.deepEqual(t.titles, ['From the tree', 'Product Launch']);
  });

  it('answers ready with the full view and the state to persist, never the stream key', async () => {
    const t = setup();
    await t.loaded();
    assert.equal(t.controller.receive({ type: 'ready' }), true);
    const [update] = t.updates();
    assert.equal(update.view.details?.header.name, 'Product Launch');
    assert.equal(update.view.details?.stats.app.state, 'loaded');
    assert.deepEqual(update.state, { version: 1, ref: t.ref, page: { pageNo: 1, perPage: 10 } });
    assert.ok(!JSON.stringify(t.posted).includes(KEY), 'the stream key was posted without a reveal');
  });

  it('sends the stream key only in reply to reveal', async () => {
    const t = setup();
    await t.loaded();
    t.controller.receive({ type: 'reveal' });
    assert.equal(t.posted.length, 0, 'no reveal before the webview is ready');
    t.controller.receive({ type: 'ready' });
    t.controller.receive({ type: 'reveal' });
    const secret = t.posted.find((m) => m.type === 'secret');
    assert.deepEqual(secret, {
      type: 'secret',
      secret: {
        streamKey: KEY,
        rtmpUrl: `rtmps://live.cloudflare.com:443/live/${KEY}`,
        ffmpegCommand:
          'ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 ' +
          '-c:v libx264 -preset veryfast -tune zerolatency -pix_fmt yuv420p -g 60 -b:v 2500k -c:a aac -b:a 128k -ar 48000 ' +
          `-f flv rtmps://live.cloudflare.com:443/live/${KEY}`,
      },
    });
    // Later updates still carry no key.
    const before = t.updates().length;
    await t.controller.refresh();
    await t.loaded();
    assert.ok(t.updates().length > before, 'the refresh was posted');
    assert.ok(!JSON.stringify(t.updates()).includes(KEY));
  });

  it('ignores (and logs) messages that fail validation', async () => {
    const t = setup();
    await t.loaded();
    t.controller.receive({ type: 'ready' });
    const before = t.posted.length;
    for (const bad of [{ type: 'copy', field: 'token' }, { type: 'reveal', key: 'x' }, 'reveal', null, { type: 'command', command: 'signOut' }]) {
      assert.equal(t.controller.receive(bad), false);
    }
    assert.equal(t.posted.length, before);
    assert.equal(t.copied.length + t.commands.length, 0);
    assert.equal(t.warnings.length, 5);
    assert.ok(t.warnings.every((w) => !w.includes(KEY)));
  });

  it('copies each field through the env (the copy commands), once the livestream is known', async () => {
    const t = setup();
    t.controller.receive({ type: 'copy', field: 'streamKey' });
    assert.deepEqual(t.copied, [], 'nothing to copy before the details are in');
    await t.loaded();
    for (const field of ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl'] as const) {
      t.controller.receive({ type: 'copy', field });
    }
    assert.deepEqual(t.copied, ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl']);
    t.controller.receive({ type: 'openPlayback' });
    assert.deepEqual(t.opened, [api.state.livestreams.find((l) => l.id === IDLE)?.playback_url]);
    t.controller.receive({ type: 'command', command: 'selectAccount' });
    assert.deepEqual(t.commands, ['selectAccount']);
  });

  it('changes the sessions page, keeping the last page on screen while the next loads', async () => {
    const t = setup({ livestreamId: MANY });
    await t.loaded();
    t.controller.receive({ type: 'ready' });
    api.resetRequests();
    t.controller.receive({ type: 'page', page: { pageNo: 3, perPage: 10 } });
    await Promise.resolve();
    const during = t.lastView();
    assert.equal(during.details?.sessions.paging.pageNo, 1, 'old rows stay while page 3 loads');
    assert.equal(during.fetch.loading, true);
    await t.loaded();
    const after = t.lastView();
    assert.equal(after.details?.sessions.paging.label, 'Sessions 21–30 of 36');
    assert.equal(after.details?.sessions.rows.length, 10);
    assert.equal(after.details?.stats.latest?.id, uuidFor('session:all-hands:0'), 'the newest session, not page 3’s');
    assert.deepEqual(t.updates().at(-1)?.state.page, { pageNo: 3, perPage: 10 });
    // The API names the newest session beside every page: only page 3 was fetched.
    assert.deepEqual(panelRequests(), ['livestream 3x10']);
    // A new page size starts again at page 1 (and must load it plus nothing else).
    t.controller.receive({ type: 'page', page: { pageNo: 1, perPage: 25 } });
    await t.loaded();
    assert.equal(t.lastView().details?.sessions.paging.label, 'Sessions 1–25 of 36');
    assert.deepEqual(panelRequests(), ['livestream 3x10', 'livestream 1x25']);
  });

  it('takes the newest session from the page when the API names it; loads page 1 only when it does not', async () => {
    for (const sendsLatest of [true, false]) {
      api.reset();
      // The documented answer names the newest session (`data.session`); a page without it is
      // the shape some answers have been seen in.
      if (!sendsLatest) api.setFault('livestream', { shape: 'sessionsOnly' });
      const t = setup({ livestreamId: MANY });
      await t.loaded();
      t.controller.receive({ type: 'ready' });
      api.resetRequests();
      // Page 1 at this size was never loaded.
      t.controller.receive({ type: 'page', page: { pageNo: 2, perPage: 5 } });
      await t.view(`page 2 of 5 (sendsLatest ${sendsLatest})`, (v) => v.details?.sessions.paging.label === 'Sessions 6–10 of 36');
      await t.loaded();
      assert.equal(t.lastView().details?.stats.latest?.id, uuidFor('session:all-hands:0'), `newest session (sendsLatest ${sendsLatest})`);
      assert.deepEqual(panelRequests(), sendsLatest ? ['livestream 2x5'] : ['livestream 2x5', 'livestream 1x5']);
    }
  });

  it('shares requests with other consumers of the store', async () => {
    const t = setup();
    // The panel's first load is in flight; a second panel/tree asking for the same page joins it.
    const other = new PanelController(t.ref, PAGE_1, t.env);
    disposables.push(other);
    await t.store.loadDetails(APP, IDLE, PAGE_1);
    await t.loaded();
    assert.deepEqual(panelRequests().sort(), ['analytics', 'livestream 1x10']);
  });

  it('keeps what was shown beside a fetch error, and Retry clears it', async () => {
    const t = setup();
    await t.loaded();
    t.controller.receive({ type: 'ready' });
    api.setFault('livestream', { status: 503, times: 1 });
    t.controller.receive({ type: 'refresh' });
    await t.view('the error', (v) => v.fetch.error !== null);
    const failed = t.lastView();
    assert.deepEqual(failed.fetch.error, {
      message:
        `${new URL(api.origin).host} answered 503 Service Unavailable to GET /accounts/${api.accountId}/realtime/kit/${APP}/livestreams/${IDLE}: ` +
        'try again later. The API said: SERVICE_UNAVAILABLE: please try again later',
      action: null,
    });
    assert.equal(failed.details?.header.name, 'Product Launch', 'the last good details are still shown');
    t.controller.receive({ type: 'refresh' });
    await t.view('the error cleared', (v) => v.fetch.error === null);
    assert.deepEqual(
      requestsTo(api, 'livestream').map((r) => r.status),
      [200, 503, 200],
    );
  });

  describe('live refresh', () => {
    it('polls while LIVE and visible, on the configured interval, and follows changes', async () => {
      const t = setup({ livestreamId: LIVE });
      await t.loaded();
      t.controller.receive({ type: 'ready' });
      assert.equal(t.controller.isPolling, true);
      assert.equal(t.lastView().fetch.autoRefresh, true);
      api.resetRequests();
      api.patchLivestream(LIVE, { status: 'IDLE' });
      t.advance(15_000);
      assert.equal(await t.timers.runOne(), 15_000);
      await t.view('IDLE', (v) => v.details?.header.status.label === 'IDLE');
      assert.deepEqual(panelRequests(), ['livestream 1x10'], 'analytics are younger than a minute: not reloaded');
      assert.deepEqual(t.lastView().details?.header.status, { label: 'IDLE', tone: 'idle', icon: 'circle-outline', spin: false });
      // IDLE now: no further timer.
      assert.equal(t.timers.pending.size, 0);
      assert.equal(t.controller.isPolling, false);
    });

    it('does not poll while hidden, and catches up when shown again', async () => {
      const t = setup({ livestreamId: LIVE });
      await t.loaded();
      t.controller.receive({ type: 'ready' });
      assert.equal(t.timers.pending.size, 1);
      t.controller.setVisible(false);
      assert.equal(t.timers.pending.size, 0);
      // Nothing is posted to a hidden (torn-down) webview.
      const posts = t.posted.length;
      await t.store.loadDetails(APP, LIVE, PAGE_1);
      await settle();
      assert.equal(t.posted.length, posts);
      api.resetRequests();
      t.advance(61_000);
      t.controller.setVisible(true);
      assert.equal(t.timers.pending.size, 1);
      await t.loaded();
      assert.deepEqual(panelRequests().sort(), ['analytics', 'livestream 1x10']);
      assert.ok(t.posted.length > posts, 'shown again: the view is posted');
    });

    it('skips a tick when someone else just refreshed the same details', async () => {
      const t = setup({ livestreamId: LIVE });
      await t.loaded();
      t.controller.receive({ type: 'ready' });
      t.advance(14_000);
      await t.store.loadDetails(APP, LIVE, PAGE_1); // e.g. another panel or a command
      api.resetRequests();
      t.advance(1000);
      await t.timers.runOne();
      await until('the next tick to be scheduled', () => t.timers.pending.size === 1);
      assert.deepEqual(panelRequests(), []);
    });

    it('reloads its details when the tree’s list shows the livestream changed', async () => {
      const t = setup();
      await t.loaded();
      t.controller.receive({ type: 'ready' });
      api.resetRequests();
      api.patchLivestream(IDLE, { status: 'LIVE' });
      await t.store.loadLivestreams(APP);
      await t.view('LIVE', (v) => v.details?.header.status.label === 'LIVE');
      await t.loaded();
      assert.deepEqual(panelRequests(), ['livestreams', 'livestream 1x10']);
      assert.equal(t.controller.isPolling, true);
      // And the reload did not start a loop with the tree: nothing is loading, nothing more was asked.
      await settle();
      assert.equal(t.store.getLivestreams(APP).loading, false);
      assert.equal(t.store.getDetails(APP, IDLE, PAGE_1).loading, false);
      assert.deepEqual(panelRequests(), ['livestreams', 'livestream 1x10']);
    });
  });

  describe('accounts', () => {
    it('shows a sign-in notice without a store, and follows a new store', async () => {
      const t = setup();
      await t.loaded();
      t.env.currentStore = undefined;
      t.controller.storeChanged();
      t.controller.receive({ type: 'ready' });
      const out = t.lastView();
      assert.equal(out.notice?.action, 'setApiToken');
      assert.equal(out.details, null);
      api.resetRequests();
      t.env.currentStore = newStore();
      t.controller.storeChanged();
      await t.loaded();
      assert.deepEqual(panelRequests().sort(), ['analytics', 'livestream 1x10']);
      assert.equal(t.lastView().notice, null);
      assert.equal(t.lastView().details?.header.name, 'Product Launch');
    });

    it('does not fetch a livestream of another account', async () => {
      const t = setup({ accountId: FAKE_SECOND_ACCOUNT_ID });
      t.controller.receive({ type: 'ready' });
      assert.equal(t.store.getDetails(APP, IDLE, PAGE_1).loading, false, 'no details load started');
      assert.equal(t.store.getAnalytics(APP).loading, false, 'no analytics load started');
      await settle();
      assert.deepEqual(api.requests.length, 0);
      assert.equal(t.lastView().notice?.action, 'selectAccount');
      t.controller.receive({ type: 'reveal' });
      t.controller.receive({ type: 'copy', field: 'streamKey' });
      assert.ok(!JSON.stringify(t.posted).includes(KEY));
      assert.equal(t.copied.length, 0);
    });
  });

  it('stops everything on dispose', async () => {
    const t = setup({ livestreamId: LIVE });
    await t.loaded();
    t.controller.receive({ type: 'ready' });
    t.controller.dispose();
    assert.equal(t.timers.pending.size, 0);
    const before = t.posted.length;
    await t.store.loadDetails(APP, LIVE, PAGE_1);
    await settle();
    assert.equal(t.posted.length, before);
  });
});
