// The app dashboard: its view model (pure, literal expectations) and its controller against a
// real LivestreamStore over the real client and the fake API (what it loads, what it posts, which
// messages it acts on).
import assert from 'node:assert/strict';
import type { DashboardOutbound, DashboardView } from '../../src/contract/appDashboard';
import { DashboardController } from '../../src/dashboard/controller';
import { dayChart, everyDay, rangeLabel } from '../../src/dashboard/viewModel';
import type { Logger } from '../../src/shared/log';
import { LivestreamStore } from '../../src/store/store';
import { FAKE_SECOND_ACCOUNT_ID, SEED_IDS, SEED_NAMES, startFakeApi, type FakeApi } from '../fake-api/server';
import { clientOn, requestsTo, until } from './onFakeApi';

const DAY = 24 * 3600_000;
const APP = SEED_IDS.productionApp;

describe('app dashboard', () => {
  describe('view model', () => {
    const range = { startMs: Date.parse('2026-11-26T00:00:00Z'), endMs: Date.parse('2026-11-28T15:00:00Z') };

    it('every day of the range, oldest first, days without data as zero', () => {
      const days = everyDay(range, [{ date: '2026-11-27', count: 2, totalIngestSeconds: 60, totalViewerSeconds: 600 }]);
      assert.deepEqual(days, [
        { date: '2026-11-26', count: 0, totalIngestSeconds: 0, totalViewerSeconds: 0 },
        { date: '2026-11-27', count: 2, totalIngestSeconds: 60, totalViewerSeconds: 600 },
        { date: '2026-11-28', count: 0, totalIngestSeconds: 0, totalViewerSeconds: 0 },
      ]);
      assert.equal(rangeLabel(range), '2026-11-26 – 2026-11-28 (UTC)');
    });

    it('a chart of three panes, count with whole-number steps, a column per day', () => {
      const chart = dayChart(everyDay(range, [{ date: '2026-11-27', count: 3, totalIngestSeconds: 3600, totalViewerSeconds: 7200 }]));
      assert.deepEqual(chart.panes.map((p) => [p.kind, p.title, p.max]), [
        ['count', 'Livestream sessions', 4],
        ['ingest', 'Ingest time (input received)', 3600],
        ['viewer', 'Viewer time (all viewers)', 7200],
      ]);
      assert.deepEqual(chart.panes[0].ticks.map((t) => t.label), ['0', '2', '4']);
      assert.deepEqual(chart.labels.map((l) => l.text), ['11-26', '11-27', '11-28']);
      assert.equal(chart.panes[0].bars[1].tooltip, '2026-11-27 — sessions 3');
      assert.equal(chart.summary, 'Livestream sessions, ingest time and viewer time on each of 3 days, oldest on the left; 1 day had sessions, the most (3) on 2026-11-27.');
      assert.equal(dayChart(everyDay(range, [])).summary, 'No livestream sessions in these 3 days.');
      assert.deepEqual(dayChart(everyDay(range, [])).panes[0].ticks.map((t) => t.label), ['0', '1'], 'an empty count axis still reads');
    });
  });

  describe('controller', () => {
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

    function setup(opts: { accountId?: string; signedOut?: boolean; now?: number } = {}) {
      const store = new LivestreamStore(clientOn(api), { accountId: opts.accountId ?? api.accountId, pageSize: 25, includeMeetingLivestreams: true });
      disposables.push(store);
      const posted: DashboardOutbound[] = [];
      const opened: Array<[string, string]> = [];
      const commands: string[] = [];
      const titles: string[] = [];
      const log: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
      const controller = new DashboardController({ accountId: api.accountId, appId: APP }, 30, {
        getStore: () => (opts.signedOut ? undefined : store),
        post: (m) => posted.push(m),
        setTitle: (t) => titles.push(t),
        openLivestream: (id, name) => opened.push([id, name]),
        runCommand: (c) => commands.push(c),
        log,
        ...(opts.now ? { now: () => opts.now! } : {}),
      });
      disposables.push(controller);
      const last = (): DashboardView => posted[posted.length - 1].view;
      const view = async (what: string, probe: (v: DashboardView) => boolean) => {
        await until(what, () => posted.length > 0 && probe(last()));
        return last();
      };
      return { store, controller, posted, opened, commands, titles, view };
    }

    const loadedAll = (v: DashboardView) => [v.chart, v.totals, v.live, v.errored].every((p) => p.state === 'loaded') && !v.fetch.loading;

    it('loads the range (days and totals), the LIVE and ERRORED lists and the app name, each once; posts only after ready', async () => {
      const t = setup();
      await until('the loads', () => requestsTo(api, 'analyticsDaywise', 'analytics', 'livestreams', 'apps').every((r) => r.status !== 0) && requestsTo(api, 'livestreams').length === 2);
      assert.equal(t.posted.length, 0);
      t.controller.receive({ type: 'ready' });
      // Titled after the app once the apps are in (the tree usually has them already).
      const v = await t.view('everything loaded, with the app name', (x) => loadedAll(x) && x.title === 'Production Events');
      assert.deepEqual(t.titles, ['App 8c8e7f96-8cbb-4901-8438-94fecd13e2f3', 'Production Events']);
      assert.equal(v.chart.state === 'loaded' && v.chart.model.panes.map((p) => p.bars.length).join(), '30,30,30');
      assert.deepEqual(v.totals.state === 'loaded' && v.totals.tiles.map((x) => x.label), ['Livestreams', 'Ingest time', 'Viewer time']);
      assert.deepEqual(v.live.state === 'loaded' && v.live.links.map((l) => l.name).sort(), [SEED_NAMES.meetingLiveStream, SEED_NAMES.liveStream].sort());
      assert.deepEqual(v.errored.state === 'loaded' && v.errored.links.map((l) => l.name), [SEED_NAMES.erroredStream]);
      assert.deepEqual(requestsTo(api, 'livestreams').map((r) => r.query.status).sort(), ['ERRORED', 'LIVE']);
      assert.equal(requestsTo(api, 'analyticsDaywise').length, 1);
      assert.equal(requestsTo(api, 'analytics').length, 1);
      assert.deepEqual(t.posted.at(-1)?.state, { version: 1, ref: { accountId: api.accountId, appId: APP }, days: 30 });
    });

    it('a range of 90 days: loaded once, remembered in the state', async () => {
      const t = setup();
      t.controller.receive({ type: 'ready' });
      await t.view('loaded', loadedAll);
      api.resetRequests();
      t.controller.receive({ type: 'range', days: 90 });
      const v = await t.view('90 days', (x) => x.days === 90 && x.chart.state === 'loaded');
      assert.equal(v.chart.state === 'loaded' && v.chart.model.panes[0].bars.length, 90);
      assert.equal(t.controller.state.days, 90);
      assert.deepEqual(
        requestsTo(api, 'analyticsDaywise', 'analytics').map((r) => r.route),
        ['analyticsDaywise', 'analytics'],
      );
      // Back to 30: already loaded, nothing asked.
      t.controller.receive({ type: 'range', days: 30 });
      await t.view('30 days again', (x) => x.days === 30 && x.chart.state === 'loaded');
      assert.equal(requestsTo(api, 'analyticsDaywise').length, 1);
    });

    it('opens the livestreams it shows as links, and no other; runs its two commands', async () => {
      const t = setup();
      t.controller.receive({ type: 'ready' });
      await t.view('loaded', loadedAll);
      t.controller.receive({ type: 'openLivestream', livestreamId: SEED_IDS.erroredStream });
      t.controller.receive({ type: 'openLivestream', livestreamId: SEED_IDS.idleStream });
      assert.deepEqual(t.opened, [[SEED_IDS.erroredStream, SEED_NAMES.erroredStream]]);
      assert.equal(t.controller.receive({ type: 'command', command: 'selectAccount' }), true);
      assert.equal(t.controller.receive({ type: 'command', command: 'stopMeetingLivestream' }), false);
      assert.deepEqual(t.commands, ['selectAccount']);
    });

    it('a failure shows in place with its reason, and Refresh recovers', async () => {
      api.setFault('analyticsDaywise', { status: 500, times: 1 });
      const t = setup();
      t.controller.receive({ type: 'ready' });
      const failed = await t.view('the failure', (x) => x.chart.state === 'error');
      assert.match(failed.fetch.error?.message ?? '', /answered 500/);
      assert.equal(failed.totals.state, 'loaded', 'the totals still show');
      t.controller.receive({ type: 'refresh' });
      await t.view('recovered', (x) => x.chart.state === 'loaded' && x.fetch.error === null);
    });

    it('signed out, or another account selected: says so, loads nothing', async () => {
      for (const [opts, action] of [
        [{ signedOut: true }, 'setApiToken'],
        [{ accountId: FAKE_SECOND_ACCOUNT_ID }, 'selectAccount'],
      ] as const) {
        api.resetRequests();
        const t = setup(opts);
        t.controller.receive({ type: 'ready' });
        const v = await t.view('the notice', (x) => x.notice !== null);
        assert.equal(v.notice?.action, action);
        assert.equal(api.requests.filter((r) => r.route !== 'apps').length, 0);
      }
    });

    it('the chart covers the days the store asked for: today and the 29 before it', async () => {
      const t = setup();
      t.controller.receive({ type: 'ready' });
      const v = await t.view('loaded', loadedAll);
      const today = new Date().toISOString().slice(0, 10);
      const first = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
      assert.equal(v.rangeLabel, `${first} – ${today} (UTC)`);
    });
  });
});
