import assert from 'node:assert/strict';
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
});
