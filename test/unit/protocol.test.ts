import assert from 'node:assert/strict';
import { parseDashboardMessage, parseDashboardState } from '../../src/contract/appDashboard';
import { parseInboundMessage, parsePanelState, parseRef } from '../../src/contract/livestreamPanel';

const REF = { accountId: 'a'.repeat(32), appId: '11111111-1111-4111-8111-111111111111', livestreamId: '22222222-2222-4222-8222-222222222222' };

describe('panel protocol', () => {
  describe('inbound messages', () => {
    it('accepts every message the webview may send', () => {
      const ok: unknown[] = [
        { type: 'ready' },
        { type: 'refresh' },
        { type: 'reveal' },
        { type: 'openPlayback' },
        ...['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl'].map((field) => ({ type: 'copy', field })),
        { type: 'page', page: { pageNo: 100_000, perPage: 100 } },
        { type: 'page', page: { pageNo: 3, perPage: 25 } },
        { type: 'command', command: 'setApiToken' },
        { type: 'command', command: 'selectAccount' },
        { type: 'command', command: 'stopMeetingLivestream' },
        { type: 'command', command: 'startMeetingLivestream' },
        { type: 'command', command: 'findMeetingSession' },
        { type: 'openSession', sessionId: '33333333-3333-4333-8333-000000000001' },
        { type: 'closeSession' },
        { type: 'copySessionId' },
        { type: 'openLivestream', livestreamId: REF.livestreamId },
      ];
      for (const message of ok) {
        assert.deepEqual(parseInboundMessage(message), message, JSON.stringify(message));
      }
    });

    it('refuses anything else', () => {
      const bad: unknown[] = [
        undefined,
        null,
        'ready',
        42,
        [],
        {},
        { type: 'READY' },
        { type: 'ready', extra: 1 },
        { type: 'copy' },
        { type: 'copy', field: 'token' },
        { type: 'copy', field: 'streamKey', value: 'x' },
        { type: 'copy', field: ['streamKey'] },
        { type: 'page', page: { pageNo: 0, perPage: 10 } },
        { type: 'page', page: { pageNo: 1.5, perPage: 10 } },
        { type: 'page', page: { pageNo: 100_001, perPage: 10 } },
        { type: 'page', page: { pageNo: 2, perPage: 7 } },
        { type: 'page', page: { pageNo: '2', perPage: 10 } },
        { type: 'page', page: { pageNo: 2, perPage: 10, extra: true } },
        { type: 'page', pageNo: 2, perPage: 10 },
        { type: 'command', command: 'workbench.action.terminal.new' },
        { type: 'command', command: 'signOut' },
        { type: 'secret', secret: {} },
        { type: 'update' },
        { type: '__proto__' },
        JSON.parse('{"type":"reveal","__proto__":{"x":1}}'),
        { type: 'openSession' },
        { type: 'openSession', sessionId: '../../livestreams' },
        { type: 'openSession', sessionId: 'x'.repeat(65) },
        { type: 'openSession', sessionId: 7 },
        { type: 'closeSession', sessionId: 'x' },
        { type: 'copySessionId', value: 'anything' },
        { type: 'openLivestream', livestreamId: 'a?b' },
        { type: 'openLivestream', livestreamId: REF.livestreamId, appId: REF.appId },
      ];
      for (const message of bad) {
        assert.equal(parseInboundMessage(message), undefined, JSON.stringify(message));
      }
    });
  });

  describe('persisted state', () => {
    it('round-trips a panel state and ignores the cached view beside it', () => {
      const state = { version: 1, ref: REF, page: { pageNo: 2, perPage: 25 } };
      assert.deepEqual(parsePanelState(state), state);
      // With a session's view open.
      const drilled = { ...state, session: '33333333-3333-4333-8333-000000000001' };
      assert.deepEqual(parsePanelState(drilled), drilled);
      assert.equal(parsePanelState({ ...state, session: '../x' }), undefined);
      assert.deepEqual(parsePanelState(JSON.parse(JSON.stringify({ ...state, view: { title: 'x' }, loadedAt: 5 }))), state);
    });

    it('refuses states it does not understand', () => {
      const bad: unknown[] = [
        undefined,
        null,
        {},
        { version: 2, ref: REF, page: { pageNo: 1, perPage: 10 } },
        { version: 1, ref: REF },
        { version: 1, ref: { ...REF, appId: '../../user/tokens' }, page: { pageNo: 1, perPage: 10 } },
        { version: 1, ref: { ...REF, livestreamId: '' }, page: { pageNo: 1, perPage: 10 } },
        { version: 1, ref: { ...REF, accountId: 7 }, page: { pageNo: 1, perPage: 10 } },
        { version: 1, ref: REF, page: { pageNo: -1, perPage: 10 } },
      ];
      for (const state of bad) {
        assert.equal(parsePanelState(state), undefined, JSON.stringify(state));
      }
    });

    it('validates refs as ids safe to put in an API path', () => {
      assert.deepEqual(parseRef(REF), REF);
      assert.equal(parseRef({ ...REF, livestreamId: 'a/b' }), undefined);
      assert.equal(parseRef({ ...REF, livestreamId: 'x'.repeat(65) }), undefined);
    });
  });

  describe('the app dashboard', () => {
    const APP_REF = { accountId: REF.accountId, appId: REF.appId };

    it('accepts its messages, and nothing else', () => {
      const ok: unknown[] = [
        { type: 'ready' },
        { type: 'refresh' },
        ...[7, 30, 90].map((days) => ({ type: 'range', days })),
        { type: 'openLivestream', livestreamId: REF.livestreamId },
        { type: 'command', command: 'setApiToken' },
        { type: 'command', command: 'selectAccount' },
      ];
      for (const message of ok) assert.deepEqual(parseDashboardMessage(message), message, JSON.stringify(message));
      const bad: unknown[] = [
        null,
        { type: 'range', days: 14 },
        { type: 'range', days: '30' },
        { type: 'range' },
        { type: 'refresh', force: true },
        { type: 'openLivestream', livestreamId: '../../user' },
        { type: 'command', command: 'stopMeetingLivestream' },
        { type: 'copy', field: 'streamKey' },
        { type: 'reveal' },
      ];
      for (const message of bad) assert.equal(parseDashboardMessage(message), undefined, JSON.stringify(message));
    });

    it('round-trips its state, ignoring the cached view, and refuses what it does not understand', () => {
      const state = { version: 1, ref: APP_REF, days: 90 };
      assert.deepEqual(parseDashboardState(JSON.parse(JSON.stringify({ ...state, view: { title: 'x' }, account: REF.accountId }))), state);
      for (const bad of [undefined, { ...state, version: 2 }, { ...state, days: 60 }, { ...state, ref: { ...APP_REF, appId: 'a/b' } }, { version: 1, days: 7 }]) {
        assert.equal(parseDashboardState(bad), undefined, JSON.stringify(bad));
      }
    });
  });
});
