// The panel's behaviour (PanelController) against a real LivestreamStore over an in-memory API:
// what it loads, what it posts, how it answers the webview, and when it polls.
import assert from 'node:assert/strict';
import type { RealtimeKitApi } from '../../src/api/api';
import type { Livestream, Page } from '../../src/api/types';
import { ffmpegTestPatternCommand, joinRtmpUrl } from '../../src/shared/format';
import type { Logger } from '../../src/shared/log';
import { PanelController, type PanelEnv } from '../../src/panel/controller';
import type { CopyField, OutboundMessage, PanelCommand, SessionsPage } from '../../src/contract/livestreamPanel';
import { LivestreamStore } from '../../src/store/store';
import { ManualTimers } from './manualTimers';
import { ACCOUNT, APP, FakeApi, KEY, LS, NOW, SERVER, livestream, serverError, session, settle } from './panelFixtures';

class ListingApi extends FakeApi {
  async listLivestreams(): Promise<Page<Livestream>> {
    this.calls.push(`list ${APP}`);
    return { items: [this.livestream], paging: { startOffset: 0, endOffset: 1, totalCount: 1 }, pageNo: 1, perPage: 25 };
  }
}

const REF = { accountId: ACCOUNT, appId: APP, livestreamId: LS };

function setup(opts: { status?: string; sessions?: number; page?: SessionsPage; interval?: number; accountId?: string } = {}) {
  const api = new ListingApi();
  api.livestream = livestream({ status: opts.status ?? 'IDLE', meetingId: 'meeting-1' });
  api.sessions = Array.from({ length: opts.sessions ?? 3 }, (_, i) => session((i + 1) * 86400_000, 600 + i));
  let clock = NOW;
  const store = new LivestreamStore(api as unknown as RealtimeKitApi, { accountId: opts.accountId ?? ACCOUNT, pageSize: 25, includeMeetingLivestreams: true }, () => clock);
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
    autoRefreshSeconds: () => opts.interval ?? 15,
    post: (m: OutboundMessage) => posted.push(m),
    setTitle: (t: string) => titles.push(t),
    copy: (field: CopyField) => copied.push(field),
    openPlayback: (url: string) => opened.push(url),
    runCommand: (c: PanelCommand) => commands.push(c),
    log,
    now: () => clock,
    timers,
  } satisfies PanelEnv & { currentStore: LivestreamStore | undefined };
  const controller = new PanelController(REF, opts.page ?? { pageNo: 1, perPage: 10 }, env, 'From the tree');
  const updates = () => posted.filter((m): m is Extract<OutboundMessage, { type: 'update' }> => m.type === 'update');
  const lastView = () => {
    const u = updates();
    assert.ok(u.length > 0, 'no update posted');
    return u[u.length - 1].view;
  };
  return {
    api,
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
    advance: (ms: number) => (clock += ms),
  };
}

describe('livestream panel controller', () => {
  it('loads details and app analytics once, titles the panel, and posts nothing before ready', async () => {
    const t = setup();
    assert.deepEqual(t.titles, ['From the tree']);
    await settle();
    assert.deepEqual(t.api.calls, [`details ${APP}/${LS} 1x10`, `analytics ${APP}`]);
    assert.equal(t.posted.length, 0);
    assert.deepEqual(t.titles, ['From the tree', 'Keynote']);
  });

  it('answers ready with the full view and the state to persist, never the stream key', async () => {
    const t = setup();
    await settle();
    assert.equal(t.controller.receive({ type: 'ready' }), true);
    const [update] = t.updates();
    assert.equal(update.view.details?.header.name, 'Keynote');
    assert.equal(update.view.details?.stats.app.state, 'loaded');
    assert.deepEqual(update.state, { version: 1, ref: REF, page: { pageNo: 1, perPage: 10 } });
    assert.ok(!JSON.stringify(t.posted).includes(KEY), 'the stream key was posted without a reveal');
  });

  it('sends the stream key only in reply to reveal', async () => {
    const t = setup();
    await settle();
    t.controller.receive({ type: 'reveal' });
    assert.equal(t.posted.length, 0, 'no reveal before the webview is ready');
    t.controller.receive({ type: 'ready' });
    t.controller.receive({ type: 'reveal' });
    const secret = t.posted.find((m) => m.type === 'secret');
    assert.deepEqual(secret, {
      type: 'secret',
      secret: { streamKey: KEY, rtmpUrl: joinRtmpUrl(SERVER, KEY), ffmpegCommand: ffmpegTestPatternCommand(SERVER, KEY) },
    });
    // Later updates still carry no key.
    await t.controller.refresh();
    await settle();
    assert.ok(!JSON.stringify(t.updates()).includes(KEY));
  });

  it('ignores (and logs) messages that fail validation', async () => {
    const t = setup();
    await settle();
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
    await settle();
    for (const field of ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl'] as const) {
      t.controller.receive({ type: 'copy', field });
    }
    assert.deepEqual(t.copied, ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl']);
    t.controller.receive({ type: 'openPlayback' });
    assert.deepEqual(t.opened, [t.api.livestream.playbackUrl]);
    t.controller.receive({ type: 'command', command: 'selectAccount' });
    assert.deepEqual(t.commands, ['selectAccount']);
  });

  it('changes the sessions page, keeping the last page on screen while the next loads', async () => {
    const t = setup({ sessions: 23 });
    await settle();
    t.controller.receive({ type: 'ready' });
    t.api.calls.length = 0;
    t.controller.receive({ type: 'page', page: { pageNo: 3, perPage: 10 } });
    await Promise.resolve();
    const during = t.lastView();
    assert.equal(during.details?.sessions.paging.pageNo, 1, 'old rows stay while page 3 loads');
    assert.equal(during.fetch.loading, true);
    await settle();
    const after = t.lastView();
    assert.equal(after.details?.sessions.paging.label, 'Sessions 21–23 of 23');
    assert.equal(after.details?.sessions.rows.length, 3);
    assert.equal(after.details?.stats.latest?.id, t.api.sessions[0].id, 'latest session still from page 1');
    assert.deepEqual(t.updates().at(-1)?.state.page, { pageNo: 3, perPage: 10 });
    // Page 1 at this size was already loaded: only page 3 was fetched.
    assert.deepEqual(t.api.calls, [`details ${APP}/${LS} 3x10`]);
    // A new page size starts again at page 1 (and must load it plus nothing else).
    t.controller.receive({ type: 'page', page: { pageNo: 1, perPage: 25 } });
    await settle();
    assert.equal(t.lastView().details?.sessions.paging.label, 'Sessions 1–23 of 23');
  });

  it('takes the newest session from the page when the API names it; loads page 1 only when it does not', async () => {
    for (const sendsLatest of [true, false]) {
      const t = setup({ sessions: 23 });
      t.api.sendsLatest = sendsLatest;
      await settle();
      t.controller.receive({ type: 'ready' });
      t.api.calls.length = 0;
      // Page 1 at this size was never loaded.
      t.controller.receive({ type: 'page', page: { pageNo: 2, perPage: 5 } });
      await settle();
      await settle();
      const view = t.lastView();
      assert.equal(view.details?.sessions.paging.label, 'Sessions 6–10 of 23');
      assert.equal(view.details?.stats.latest?.id, t.api.sessions[0].id, `newest session (sendsLatest ${sendsLatest})`);
      assert.deepEqual(t.api.calls, sendsLatest ? [`details ${APP}/${LS} 2x5`] : [`details ${APP}/${LS} 2x5`, `details ${APP}/${LS} 1x5`]);
    }
  });

  it('shares requests with other consumers of the store', async () => {
    const t = setup();
    // The panel's first load is in flight; a second panel/tree asking for the same page joins it.
    const other = new PanelController(REF, { pageNo: 1, perPage: 10 }, t.env);
    await t.store.loadDetails(APP, LS, { pageNo: 1, perPage: 10 });
    await settle();
    assert.equal(t.api.calls.filter((c) => c.startsWith('details')).length, 1);
    assert.equal(t.api.calls.filter((c) => c.startsWith('analytics')).length, 1);
    other.dispose();
  });

  it('keeps what was shown beside a fetch error, and Retry clears it', async () => {
    const t = setup();
    await settle();
    t.controller.receive({ type: 'ready' });
    t.api.failDetails = serverError();
    t.controller.receive({ type: 'refresh' });
    await settle();
    const failed = t.lastView();
    assert.equal(failed.fetch.error?.message, serverError().message);
    assert.equal(failed.details?.header.name, 'Keynote', 'the last good details are still shown');
    t.controller.receive({ type: 'refresh' });
    await settle();
    assert.equal(t.lastView().fetch.error, null);
  });

  describe('live refresh', () => {
    it('polls while LIVE and visible, on the configured interval, and follows changes', async () => {
      const t = setup({ status: 'LIVE', interval: 15 });
      await settle();
      t.controller.receive({ type: 'ready' });
      assert.equal(t.controller.isPolling, true);
      assert.equal(t.lastView().fetch.autoRefresh, true);
      t.api.calls.length = 0;
      t.api.livestream = { ...t.api.livestream, status: 'IDLE', updatedAt: new Date(NOW).toISOString() };
      t.advance(15_000);
      assert.equal(await t.timers.runOne(), 15_000);
      assert.deepEqual(t.api.calls, [`details ${APP}/${LS} 1x10`]);
      assert.deepEqual(t.lastView().details?.header.status, { label: 'IDLE', tone: 'idle', icon: 'circle-outline', spin: false });
      // IDLE now: no further timer.
      assert.equal(t.timers.pending.size, 0);
      assert.equal(t.controller.isPolling, false);
    });

    it('does not poll while hidden, and catches up when shown again', async () => {
      const t = setup({ status: 'LIVE' });
      await settle();
      t.controller.receive({ type: 'ready' });
      assert.equal(t.timers.pending.size, 1);
      t.controller.setVisible(false);
      assert.equal(t.timers.pending.size, 0);
      // Nothing is posted to a hidden (torn-down) webview.
      const posts = t.posted.length;
      await t.store.loadDetails(APP, LS, { pageNo: 1, perPage: 10 });
      await settle();
      assert.equal(t.posted.length, posts);
      t.api.calls.length = 0;
      t.advance(61_000);
      t.controller.setVisible(true);
      await settle();
      assert.deepEqual(t.api.calls, [`details ${APP}/${LS} 1x10`, `analytics ${APP}`]);
      assert.equal(t.timers.pending.size, 1);
      assert.ok(t.posted.length > posts, 'shown again: the view is posted');
    });

    it('skips a tick when someone else just refreshed the same details', async () => {
      const t = setup({ status: 'LIVE' });
      await settle();
      t.controller.receive({ type: 'ready' });
      t.advance(14_000);
      await t.store.loadDetails(APP, LS, { pageNo: 1, perPage: 10 }); // e.g. another panel or a command
      t.api.calls.length = 0;
      t.advance(1000);
      await t.timers.runOne();
      assert.deepEqual(t.api.calls, []);
    });

    it('reloads its details when the tree’s list shows the livestream changed', async () => {
      const t = setup({ status: 'IDLE' });
      await settle();
      t.controller.receive({ type: 'ready' });
      t.api.calls.length = 0;
      t.api.livestream = { ...t.api.livestream, status: 'LIVE', updatedAt: new Date(NOW).toISOString() };
      await t.store.loadLivestreams(APP);
      await settle();
      assert.deepEqual(t.api.calls, [`list ${APP}`, `details ${APP}/${LS} 1x10`]);
      assert.equal(t.lastView().details?.header.status.label, 'LIVE');
      assert.equal(t.controller.isPolling, true);
      // And the reload did not start a loop with the tree.
      t.api.calls.length = 0;
      await settle();
      assert.deepEqual(t.api.calls, []);
    });
  });

  describe('accounts', () => {
    it('shows a sign-in notice without a store, and follows a new store', async () => {
      const t = setup();
      await settle();
      t.env.currentStore = undefined;
      t.controller.storeChanged();
      t.controller.receive({ type: 'ready' });
      const out = t.lastView();
      assert.equal(out.notice?.action, 'setApiToken');
      assert.equal(out.details, null);
      const api2 = new FakeApi();
      t.env.currentStore = new LivestreamStore(api2 as unknown as RealtimeKitApi, { accountId: ACCOUNT, pageSize: 25, includeMeetingLivestreams: true });
      t.controller.storeChanged();
      await settle();
      assert.deepEqual(api2.calls, [`details ${APP}/${LS} 1x10`, `analytics ${APP}`]);
      assert.equal(t.lastView().notice, null);
      assert.equal(t.lastView().details?.header.name, 'Keynote');
    });

    it('does not fetch a livestream of another account', async () => {
      const t = setup({ accountId: 'b'.repeat(32) });
      await settle();
      t.controller.receive({ type: 'ready' });
      assert.deepEqual(t.api.calls, []);
      assert.equal(t.lastView().notice?.action, 'selectAccount');
      t.controller.receive({ type: 'reveal' });
      t.controller.receive({ type: 'copy', field: 'streamKey' });
      assert.ok(!JSON.stringify(t.posted).includes(KEY));
      assert.equal(t.copied.length, 0);
    });
  });

  it('stops everything on dispose', async () => {
    const t = setup({ status: 'LIVE' });
    await settle();
    t.controller.receive({ type: 'ready' });
    t.controller.dispose();
    assert.equal(t.timers.pending.size, 0);
    const before = t.posted.length;
    await t.store.loadDetails(APP, LS, { pageNo: 1, perPage: 10 });
    await settle();
    assert.equal(t.posted.length, before);
  });
});
