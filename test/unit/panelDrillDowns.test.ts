// The panel's session view and meeting card (PanelController) against a real LivestreamStore over
// the real client and the fake API: what they load (the fake's recorded requests), what the view
// says, and which messages they act on. Waits are for states, never for time.
import assert from 'node:assert/strict';
import type { Logger } from '../../src/shared/log';
import { PanelController, type PanelEnv } from '../../src/panel/controller';
import type { OutboundMessage, PanelView } from '../../src/contract/livestreamPanel';
import { LivestreamStore } from '../../src/store/store';
import { ERR_NO_KEYFRAME, SEED_IDS, startFakeApi, type FakeApi } from '../fake-api/server';
import { ManualTimers } from './manualTimers';
import { clientOn, requestsTo, settle, until } from './onFakeApi';

const APP = SEED_IDS.productionApp;

describe('livestream panel: the session view and the meeting card', () => {
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

  function setup(livestreamId: string, session?: string) {
    const store = new LivestreamStore(clientOn(api), { accountId: api.accountId, pageSize: 25, includeMeetingLivestreams: true });
    disposables.push(store);
    const posted: OutboundMessage[] = [];
    const copiedText: Array<[string, string]> = [];
    const openedLivestreams: Array<[string, string]> = [];
    const log: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const env: PanelEnv = {
      getStore: () => store,
      autoRefreshSeconds: () => 15,
      post: (m) => posted.push(m),
      setTitle: () => undefined,
      copy: () => undefined,
      openPlayback: () => undefined,
      runCommand: () => undefined,
      copyText: (text, what) => copiedText.push([text, what]),
      openLivestream: (id, name) => openedLivestreams.push([id, name]),
      log,
      timers: new ManualTimers(),
    };
    const controller = new PanelController({ accountId: api.accountId, appId: APP, livestreamId }, { pageNo: 1, perPage: 10 }, env, undefined, session);
    disposables.push(controller);
    controller.receive({ type: 'ready' });
    const lastView = (): PanelView => {
      const updates = posted.filter((m): m is Extract<OutboundMessage, { type: 'update' }> => m.type === 'update');
      return updates[updates.length - 1].view;
    };
    const view = async (what: string, probe: (v: PanelView) => boolean): Promise<PanelView> => {
      await until(what, () => posted.some((m) => m.type === 'update') && probe(lastView()));
      return lastView();
    };
    return { store, controller, posted, copiedText, openedLivestreams, view, lastView };
  }

  describe('the session view', () => {
    it('opens from a row: every field from the session endpoint, its error, Back; the state remembers it', async () => {
      const t = setup(SEED_IDS.erroredStream);
      await t.view('details', (v) => !!v.details);
      assert.equal(t.lastView().session, null);
      assert.equal(t.controller.receive({ type: 'openSession', sessionId: SEED_IDS.erroredSession }), true);
      const loaded = await t.view('the session loaded', (v) => v.session?.state === 'loaded');
      const s = loaded.session!;
      assert.deepEqual([s.sessionId, s.livestreamId, s.errMessage, s.status?.label, s.status?.tone], [SEED_IDS.erroredSession, SEED_IDS.erroredStream, ERR_NO_KEYFRAME, 'Errored', 'errored']);
      assert.deepEqual(
        s.fields.map((f) => f.label),
        ['Session ID', 'Livestream ID', 'Created', 'Updated', 'Invoked', 'Started', 'Stopped', 'Duration', 'Ingest time', 'Viewer time'],
      );
      assert.deepEqual(s.fields.find((f) => f.label === 'Ingest time'), { label: 'Ingest time', value: '12m 34s', tooltip: '754 s: how long input was received (Cloudflare reports it 40–60 s late)' });
      assert.deepEqual(s.fields.find((f) => f.label === 'Viewer time'), { label: 'Viewer time', value: '17h 48m', tooltip: '64090 s: total watch time of all viewers' });
      assert.equal(requestsTo(api, 'session').length, 1);
      assert.deepEqual(t.controller.state.session, SEED_IDS.erroredSession);
      // The ID it copies is the one it loaded, not one the page sends.
      t.controller.receive({ type: 'copySessionId' });
      assert.deepEqual(t.copiedText, [[SEED_IDS.erroredSession, 'session ID']]);
      t.controller.receive({ type: 'closeSession' });
      await t.view('back to the livestream', (v) => v.session === null);
      assert.equal(t.controller.state.session, undefined);
      t.controller.receive({ type: 'copySessionId' });
      assert.equal(t.copiedText.length, 1, 'nothing to copy without a session open');
    });

    it('paints the row the table had at once, then what the endpoint says', async () => {
      const t = setup(SEED_IDS.erroredStream);
      await t.view('details', (v) => !!v.details);
      api.setFault('session', { latencyMs: 200, times: 1 });
      t.controller.receive({ type: 'openSession', sessionId: SEED_IDS.erroredSession });
      const early = await t.view('the session view', (v) => !!v.session);
      assert.equal(early.session?.state, 'loading');
      assert.equal(early.session?.fields[0]?.value, SEED_IDS.erroredSession, 'the row from the table fills it meanwhile');
      await t.view('loaded', (v) => v.session?.state === 'loaded');
    });

    it('opens only a session the panel shows', async () => {
      const t = setup(SEED_IDS.erroredStream);
      await t.view('details', (v) => !!v.details);
      t.controller.receive({ type: 'openSession', sessionId: SEED_IDS.liveSession });
      await settle();
      assert.equal(t.controller.state.session, undefined);
      assert.equal(requestsTo(api, 'session').length, 0);
    });

    it('restored with a session open (a reload): loads it; an unknown one says why', async () => {
      const t = setup(SEED_IDS.idleStream, 'no-such-session');
      const v = await t.view('the failure', (x) => x.session?.state === 'error');
      assert.match(v.session?.problem ?? '', /^Not found \(404\)/);
      assert.deepEqual(v.session?.fields, []);
    });
  });

  describe('the meeting card', () => {
    it("a meeting livestream: the meeting's livestream in progress (this one) and its livestreams, each read once", async () => {
      const t = setup(SEED_IDS.meetingLiveStream);
      const v = await t.view('the meeting card', (x) => x.details?.meeting?.active.state === 'loaded' && x.details.meeting.livestreams.state === 'loaded');
      const m = v.details!.meeting!;
      assert.equal(m.meetingId, SEED_IDS.townHallMeeting);
      assert.deepEqual(m.active.state === 'loaded' && [m.active.livestream?.id, m.active.livestream?.status.label, m.active.livestream?.note], [SEED_IDS.meetingLiveStream, 'LIVE', 'this livestream']);
      assert.deepEqual(m.livestreams.state === 'loaded' && m.livestreams.links.map((l) => [l.id, l.note]), [[SEED_IDS.meetingLiveStream, 'this livestream · 2 sessions']]);
      assert.deepEqual([m.canStart, m.canStop], [false, true]);
      await settle();
      assert.equal(requestsTo(api, 'meetingActiveLivestream').length, 1);
      assert.deepEqual(requestsTo(api, 'meetingLivestreams').map((r) => r.query), [{ page_no: '1', per_page: '10' }]);
    });

    it('follows a stop: nothing in progress, Start offered', async () => {
      const t = setup(SEED_IDS.meetingLiveStream);
      await t.view('the meeting card', (x) => x.details?.meeting?.active.state === 'loaded');
      await t.store.meetings.stop(APP, SEED_IDS.townHallMeeting);
      const v = await t.view('the stop', (x) => x.details?.meeting?.canStart === true);
      const m = v.details!.meeting!;
      assert.deepEqual(m.active.state === 'loaded' && m.active.livestream, null);
      assert.equal(m.canStop, false);
    });

    it('opens a livestream the card links, and no other', async () => {
      const t = setup(SEED_IDS.meetingLiveStream);
      await t.view('the meeting card', (x) => x.details?.meeting?.livestreams.state === 'loaded');
      t.controller.receive({ type: 'openLivestream', livestreamId: SEED_IDS.meetingLiveStream });
      t.controller.receive({ type: 'openLivestream', livestreamId: SEED_IDS.liveStream });
      assert.deepEqual(t.openedLivestreams, [[SEED_IDS.meetingLiveStream, 'Company Town Hall']]);
    });

    it('an independent livestream has no meeting card and asks nothing about meetings', async () => {
      const t = setup(SEED_IDS.idleStream);
      const v = await t.view('details', (x) => !!x.details);
      assert.equal(v.details?.meeting, null);
      await settle();
      assert.equal(requestsTo(api, 'meetingActiveLivestream', 'meetingLivestreams').length, 0);
    });
  });
});
