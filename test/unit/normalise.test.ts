import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import {
  mergeSessions,
  toActiveSession,
  toAccountPage,
  toAnalytics,
  toAppPage,
  toBoolean,
  toLivestream,
  toLivestreamAnswer,
  toLivestreamDetails,
  toLivestreamPage,
  toNumber,
  toPaging,
  toSession,
  toSessionAnswer,
  toStatus,
  toTokenInfo,
} from '../../src/api/normalise';
import { redact } from '../../src/shared/redact';

const APP = 'app-1';

/** One wire object of each kind, with overrides: every test states only what it is about. */
function wire(kind: 'livestream' | 'session', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base =
    kind === 'livestream'
      ? {
          id: 'ls-1',
          name: 'Main stage',
          status: 'LIVE',
          ingest_server: 'rtmps://live.cloudflare.com:443/live/',
          stream_key: 'sk-secret-1',
          playback_url: 'https://customer.example/abc/manifest/video.m3u8',
          meeting_id: null,
          disabled: false,
          created_at: '2025-01-01T10:00:00.000Z',
          updated_at: '2025-01-02T10:00:00.000Z',
        }
      : {
          id: 'se-1',
          livestream_id: 'ls-1',
          created_at: '2025-01-01T10:00:00.000Z',
          updated_at: '2025-01-01T11:00:00.000Z',
          invoked_time: '2025-01-01T10:00:00.000Z',
          started_time: '2025-01-01T10:00:05.000Z',
          stopped_time: '2025-01-01T11:00:00.000Z',
          err_message: null,
          ingest_seconds: 3595,
          viewer_seconds: 12000,
        };
  return { ...base, ...overrides };
}

describe('normalise', () => {
  describe('scalars', () => {
    it('reads numbers sent as strings and turns garbage into 0', () => {
      assert.equal(toNumber('12.5'), 12.5);
      assert.equal(toNumber(' 7 '), 7);
      assert.equal(toNumber(3), 3);
      assert.equal(toNumber('abc'), 0);
      assert.equal(toNumber(''), 0);
      assert.equal(toNumber(null), 0);
      assert.equal(toNumber(undefined), 0);
      assert.equal(toNumber(Number.NaN), 0);
      assert.equal(toNumber({}), 0);
    });

    it('reads disabled as boolean, string or number', () => {
      assert.equal(toBoolean(true), true);
      assert.equal(toBoolean('true'), true);
      assert.equal(toBoolean(' TRUE '), true);
      assert.equal(toBoolean('1'), true);
      assert.equal(toBoolean(1), true);
      assert.equal(toBoolean(false), false);
      assert.equal(toBoolean('false'), false);
      assert.equal(toBoolean('0'), false);
      assert.equal(toBoolean(0), false);
      assert.equal(toBoolean(null), false);
      assert.equal(toBoolean('disabled'), false);
    });

    it('keeps unknown statuses, upper-cased and trimmed, and names missing ones UNKNOWN', () => {
      assert.equal(toStatus('LIVE'), 'LIVE');
      assert.equal(toStatus(' offline '), 'OFFLINE');
      assert.equal(toStatus('Errored'), 'ERRORED');
      assert.equal(toStatus(''), 'UNKNOWN');
      assert.equal(toStatus('  '), 'UNKNOWN');
      assert.equal(toStatus(null), 'UNKNOWN');
      assert.equal(toStatus(undefined), 'UNKNOWN');
    });
  });

  describe('livestream', () => {
    it('maps every wire field to the domain object, appId from the request', () => {
      assert.deepEqual(toLivestream(wire('livestream'), APP), {
        id: 'ls-1',
        appId: APP,
        name: 'Main stage',
        unnamed: false,
        status: 'LIVE',
        ingestServer: 'rtmps://live.cloudflare.com:443/live/',
        streamKey: 'sk-secret-1',
        playbackUrl: 'https://customer.example/abc/manifest/video.m3u8',
        meetingId: null,
        disabled: false,
        createdAt: '2025-01-01T10:00:00.000Z',
        updatedAt: '2025-01-02T10:00:00.000Z',
      });
    });

    it('falls back to the id for null, empty or blank names', () => {
      for (const name of [null, '', '   ', undefined]) {
        const ls = toLivestream(wire('livestream', { name }), APP);
        assert.equal(ls.name, 'ls-1');
        assert.equal(ls.unnamed, true);
      }
    });

    it('accepts disabled as a string, null timestamps and missing optional fields', () => {
      const ls = toLivestream({ id: 'ls-9', disabled: 'true', created_at: null }, APP);
      assert.equal(ls.disabled, true);
      assert.equal(ls.createdAt, null);
      assert.equal(ls.updatedAt, null);
      assert.equal(ls.status, 'UNKNOWN');
      assert.equal(ls.streamKey, null);
      assert.equal(ls.ingestServer, null);
    });

    it('fails with badResponse when the id is missing', () => {
      assert.throws(
        () => toLivestream(wire('livestream', { id: undefined }), APP),
        (err: unknown) => err instanceof ApiError && err.kind === 'badResponse' && err.message.includes('without a livestream id'),
      );
      assert.throws(() => toLivestream(null, APP), ApiError);
      assert.throws(() => toLivestream(wire('livestream', { id: '' }), APP), ApiError);
    });

    it('accepts numeric ids as strings', () => {
      assert.equal(toLivestream({ id: 42 }, APP).id, '42');
    });
  });

  describe('session', () => {
    it('maps fields, reads string numbers and turns an empty err_message into null', () => {
      const s = toSession(wire('session', { ingest_seconds: '12.5', viewer_seconds: 'n/a', err_message: '' }));
      assert.equal(s.ingestSeconds, 12.5);
      assert.equal(s.viewerSeconds, 0);
      assert.equal(s.errMessage, null);
      assert.equal(s.livestreamId, 'ls-1');
      assert.equal(s.startedTime, '2025-01-01T10:00:05.000Z');
    });

    it('keeps a real err_message', () => {
      assert.equal(toSession(wire('session', { err_message: 'Encoder disconnected' })).errMessage, 'Encoder disconnected');
    });

    it('requires an id', () => {
      assert.throws(() => toSession({ ingest_seconds: 1 }), /without a session id/);
    });
  });

  describe('lists', () => {
    it('reads data as an array with paging beside it', () => {
      const page = toLivestreamPage(
        { success: true, data: [wire('livestream'), wire('livestream', { id: 'ls-2', status: 'IDLE' })], paging: { start_offset: 0, end_offset: 1, total_count: 7 } },
        APP,
        1,
        2,
      );
      assert.deepEqual(page.items.map((l) => [l.id, l.status, l.appId]), [['ls-1', 'LIVE', APP], ['ls-2', 'IDLE', APP]]);
      assert.deepEqual(page.paging, { startOffset: 0, endOffset: 1, totalCount: 7 });
      assert.equal(page.pageNo, 1);
      assert.equal(page.perPage, 2);
    });

    it('reads data as a single object with paging inside it', () => {
      const page = toLivestreamPage({ success: true, data: { ...wire('livestream'), paging: { start_offset: 0, end_offset: 0, total_count: '1' } } }, APP, 1, 25);
      assert.equal(page.items.length, 1);
      assert.equal(page.items[0]?.id, 'ls-1');
      assert.deepEqual(page.paging, { startOffset: 0, endOffset: 0, totalCount: 1 });
    });

    it('reads data as {livestream, paging} and {livestreams: [...], paging}', () => {
      const one = toLivestreamPage({ data: { livestream: wire('livestream'), paging: { total_count: 1 } } }, APP, 1, 25);
      assert.deepEqual(one.items.map((l) => l.id), ['ls-1']);
      const many = toLivestreamPage({ data: { livestreams: [wire('livestream'), wire('livestream', { id: 'ls-2' })], paging: { total_count: 2 } } }, APP, 1, 25);
      assert.deepEqual(many.items.map((l) => l.id), ['ls-1', 'ls-2']);
      assert.equal(many.paging.totalCount, 2);
    });

    it('reads the Cloudflare result wrapper with result_info paging', () => {
      const page = toLivestreamPage(
        { success: true, result: [wire('livestream')], result_info: { page: 2, per_page: 10, count: 1, total_count: 11 } },
        APP,
        2,
        10,
      );
      assert.deepEqual(page.items.map((l) => l.id), ['ls-1']);
      assert.deepEqual(page.paging, { startOffset: 10, endOffset: 10, totalCount: 11 });
    });

    it('skips items without id and reports them, instead of failing the list', () => {
      const warnings: string[] = [];
      const page = toLivestreamPage({ data: [wire('livestream'), { name: 'ghost' }, null] }, APP, 1, 25, (m) => warnings.push(m));
      assert.deepEqual(page.items.map((l) => l.id), ['ls-1']);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /Skipped 2 livestreams without an id/);
    });

    it('answers an empty page for an empty list, with paging guessed from the request', () => {
      assert.deepEqual(toLivestreamPage({ success: true, data: [] }, APP, 3, 10).paging, { startOffset: 20, endOffset: 19, totalCount: 20 });
    });

    it('a list that cannot be read is an error, never an empty page', () => {
      for (const body of [{ success: true }, { success: true, data: null }, { success: true, data: 'nothing' }, { success: true, data: 7 }]) {
        assert.throws(() => toLivestreamPage(body, APP, 1, 10), (err: unknown) => err instanceof ApiError && err.kind === 'badResponse' && /unavailable/.test(err.message), JSON.stringify(body));
      }
    });

    it('reads apps with names falling back to ids, and reports the API total', () => {
      const page = toAppPage({ data: [{ id: 'a1', name: 'Prod', created_at: '2025-01-01T00:00:00Z' }, { id: 'a2', name: null }], paging: { total_count: 2 } }, 1, 50);
      assert.deepEqual(page.items, [
        { id: 'a1', name: 'Prod', createdAt: '2025-01-01T00:00:00Z' },
        { id: 'a2', name: 'a2', createdAt: null },
      ]);
      assert.equal(page.reportedTotal, 2);
      assert.equal(page.totalPages, undefined);
    });

    it('reads accounts from the result wrapper, with total_pages', () => {
      const page = toAccountPage({ success: true, result: [{ id: 'acc1', name: 'Team' }], result_info: { page: 1, per_page: 50, count: 1, total_count: 1, total_pages: 1 } }, 1, 50);
      assert.deepEqual(page.items, [{ id: 'acc1', name: 'Team' }]);
      assert.equal(page.totalPages, 1);
      assert.equal(page.reportedTotal, 1);
    });
  });

  describe('paging', () => {
    it('reads string numbers and fills gaps from the request (end offset inclusive, as on the wire)', () => {
      assert.deepEqual(toPaging({ start_offset: '5', end_offset: '9', total_count: '40' }, 2, 5, 5), { startOffset: 5, endOffset: 9, totalCount: 40 });
      assert.deepEqual(toPaging({ total_count: 40 }, 2, 5, 5), { startOffset: 5, endOffset: 9, totalCount: 40 });
      assert.deepEqual(toPaging(undefined, 1, 25, 3), { startOffset: 0, endOffset: 2, totalCount: 3 });
      assert.deepEqual(toPaging({ page: 3, per_page: 20, count: 5, total_count: 45 }, 1, 50, 0), { startOffset: 40, endOffset: 44, totalCount: 45 });
    });
  });

  describe('livestream details', () => {
    const older = wire('session', { id: 'se-old', started_time: '2025-01-01T10:00:00Z' });
    const newer = wire('session', { id: 'se-new', started_time: '2025-03-01T10:00:00Z' });
    const middle = wire('session', { id: 'se-mid', started_time: null, invoked_time: null, created_at: '2025-02-01T10:00:00Z' });

    it('reads the documented shape: livestream, one session, paging', () => {
      const d = toLivestreamDetails({ success: true, data: { livestream: wire('livestream'), session: older, paging: { start_offset: 0, end_offset: 1, total_count: 1 } } }, APP, 1, 10);
      assert.equal(d.livestream.id, 'ls-1');
      assert.equal(d.livestream.appId, APP);
      assert.deepEqual(d.sessions.map((s) => s.id), ['se-old']);
      assert.deepEqual(d.paging, { startOffset: 0, endOffset: 1, totalCount: 1 });
      assert.equal(d.latestSession?.id, 'se-old');
      assert.equal(d.pageNo, 1);
      assert.equal(d.perPage, 10);
    });

    it('reads a sessions array only, sorted newest first', () => {
      const d = toLivestreamDetails({ data: { livestream: wire('livestream'), sessions: [older, newer, middle] } }, APP, 1, 10);
      assert.deepEqual(d.sessions.map((s) => s.id), ['se-new', 'se-mid', 'se-old']);
    });

    it('merges session and sessions on page 1, without duplicates', () => {
      const d = toLivestreamDetails({ data: { livestream: wire('livestream'), session: newer, sessions: [older, newer] } }, APP, 1, 10);
      assert.deepEqual(d.sessions.map((s) => s.id), ['se-new', 'se-old']);
      const added = toLivestreamDetails({ data: { livestream: wire('livestream'), session: newer, sessions: [older] } }, APP, 1, 10);
      assert.deepEqual(added.sessions.map((s) => s.id), ['se-new', 'se-old']);
    });

    it('keeps the newest session out of later pages, but still reports it as latest', () => {
      const d = toLivestreamDetails({ data: { livestream: wire('livestream'), session: newer, sessions: [middle, older] } }, APP, 2, 2);
      assert.deepEqual(d.sessions.map((s) => s.id), ['se-mid', 'se-old']);
      assert.equal(d.latestSession?.id, 'se-new');
      const noSingle = toLivestreamDetails({ data: { livestream: wire('livestream'), sessions: [older] } }, APP, 2, 1);
      assert.equal(noSingle.latestSession, null, 'unknown on a later page without data.session');
      const first = toLivestreamDetails({ data: { livestream: wire('livestream'), sessions: [middle, older] } }, APP, 1, 2);
      assert.equal(first.latestSession?.id, 'se-mid');
    });

    it('answers no sessions when there are none, and null session is fine', () => {
      const d = toLivestreamDetails({ data: { livestream: wire('livestream'), session: null } }, APP, 1, 10);
      assert.deepEqual(d.sessions, []);
      assert.equal(d.latestSession, null);
    });

    it('tolerates the livestream fields directly in data', () => {
      const d = toLivestreamDetails({ data: { ...wire('livestream', { id: 'ls-flat' }), sessions: [older] } }, APP, 1, 10);
      assert.equal(d.livestream.id, 'ls-flat');
      assert.equal(d.sessions.length, 1);
    });

    it('fails with badResponse when the livestream has no id', () => {
      assert.throws(
        () => toLivestreamDetails({ data: { livestream: { name: 'x' }, session: older } }, APP, 1, 10),
        (err: unknown) => err instanceof ApiError && err.kind === 'badResponse' && /livestream id/.test(err.message),
      );
    });

    it('keeps sessions without any time at the end, in API order', () => {
      const a = wire('session', { id: 'a', started_time: null, invoked_time: null, created_at: null });
      const b = wire('session', { id: 'b', started_time: null, invoked_time: null, created_at: 'not a date' });
      assert.deepEqual(mergeSessions(undefined, [a, older, b]).map((s) => s.id), ['se-old', 'a', 'b']);
    });
  });

  describe('other answers', () => {
    it('reads the active session, with or without one in progress', () => {
      const live = toActiveSession({ data: { livestream: wire('livestream'), session: wire('session') } }, APP);
      assert.equal(live.livestream.id, 'ls-1');
      assert.equal(live.session?.id, 'se-1');
      const idle = toActiveSession({ data: { livestream: wire('livestream', { status: 'IDLE' }) } }, APP);
      assert.equal(idle.session, null);
    });

    it('reads a session answer whether data is the session or holds it', () => {
      assert.equal(toSessionAnswer({ data: wire('session') }).id, 'se-1');
      assert.equal(toSessionAnswer({ data: { session: wire('session', { id: 'se-2' }) } }).id, 'se-2');
      assert.throws(() => toSessionAnswer({ data: {} }), /session id/);
    });

    it('reads a created livestream whether data is it or holds it', () => {
      assert.equal(toLivestreamAnswer({ data: wire('livestream') }, APP).streamKey, 'sk-secret-1');
      assert.equal(toLivestreamAnswer({ data: { livestream: wire('livestream', { id: 'ls-3' }) } }, APP).id, 'ls-3');
      assert.throws(() => toLivestreamAnswer({ data: null }, APP), /livestream id/);
    });

    it('reads analytics with string numbers', () => {
      assert.deepEqual(toAnalytics({ data: { count: '3', total_ingest_seconds: 10.5, total_viewer_seconds: 'x' } }), {
        count: 3,
        totalIngestSeconds: 10.5,
        totalViewerSeconds: 0,
      });
      for (const body of [{}, { data: null }, { data: 'x' }, { data: { unrelated: 1 } }]) {
        assert.throws(() => toAnalytics(body), (err: unknown) => err instanceof ApiError && err.kind === 'badResponse', `${JSON.stringify(body)} must not read as zeros`);
      }
    });

    it('reads token verification from the result wrapper', () => {
      assert.deepEqual(toTokenInfo({ success: true, result: { id: 'tok1', status: 'active' } }, 'user'), { id: 'tok1', status: 'active', owner: 'user' });
      assert.equal(toTokenInfo({ result: { status: 'Expired' } }, 'account').status, 'expired');
      assert.throws(() => toTokenInfo({ result: null }, 'user'), ApiError);
    });
  });

  describe('redact', () => {
    it('removes known secrets, verbatim and URL-encoded', () => {
      const token = 'tok/en+secret=1234567890';
      const out = redact(`a ${token} b ${encodeURIComponent(token)} c`, [token]);
      assert.equal(out, 'a [redacted] b [redacted] c');
    });

    it('removes secrets it was not told about, by pattern', () => {
      const text = [
        'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789ABCD',
        '{"stream_key":"sk-live-9f8e7d6c","name":"x"}',
        'ffmpeg -f flv "rtmps://live.cloudflare.com:443/live/sk-live-1234"',
        'streamKey=abc123def',
      ].join('\n');
      const out = redact(text);
      for (const secret of ['abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'sk-live-9f8e7d6c', 'sk-live-1234', 'abc123def']) {
        assert.ok(!out.includes(secret), `${secret} leaked in: ${out}`);
      }
      assert.ok(out.includes('rtmps://live.cloudflare.com:443/live/'), 'keeps the ingest server');
      assert.ok(out.includes('"name":"x"'), 'keeps the rest');
    });

    it('leaves ordinary text alone and ignores tiny secrets', () => {
      const text = 'GET /accounts/abc/realtime/kit/app-1/livestreams?page_no=1 → 200 (43 ms)';
      assert.equal(redact(text, ['', undefined, 'a']), text);
    });
  });
});
