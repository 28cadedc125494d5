// Tests of the fake RealtimeKit API itself, over real sockets with global fetch.
import assert from 'node:assert/strict';
import {
  ERR_NO_KEYFRAME,
  FAKE_ACCOUNT_ID,
  FAKE_ACCOUNT_TOKEN,
  FAKE_SECOND_ACCOUNT_ID,
  FAKE_TOKEN,
  FAKE_TOKEN_EXPIRED,
  FAKE_TOKEN_NO_ACCOUNT,
  FAKE_TOKEN_ONE_ACCOUNT,
  FAKE_TOKEN_READ_ONLY,
  FAKE_TOKEN_UNLISTED,
  FAKE_TOKENS,
  parseFaultSpec,
  SEED_IDS,
  SEED_NAMES,
  startFakeApi,
  uuidFor,
  type FakeApi,
} from '../fake-api/server';

interface Res {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience for probing JSON
  json: any;
}

describe('fake RealtimeKit API', () => {
  let api: FakeApi;
  const kit = (path = ''): string => `/accounts/${FAKE_ACCOUNT_ID}/realtime/kit${path}`;
  const appPath = (app: string, path = ''): string => kit(`/${app}${path}`);

  async function call(path: string, init: { method?: string; token?: string | null; body?: unknown; signal?: AbortSignal } = {}): Promise<Res> {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? FAKE_TOKEN : init.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = path.startsWith('/__control') ? `${api.origin}${path}` : `${api.baseUrl}${path}`;
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      signal: init.signal,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  before(async () => {
    api = await startFakeApi({ port: 0 });
  });
  after(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.reset();
  });

  describe('startup', () => {
    it('exposes base URL, origin, token and account id', () => {
      assert.match(api.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(api.baseUrl, `${api.origin}/client/v4`);
      assert.equal(api.token, FAKE_TOKEN);
      assert.equal(api.accountId, FAKE_ACCOUNT_ID);
      assert.match(FAKE_ACCOUNT_ID, /^[0-9a-f]{32}$/);
      assert.match(FAKE_SECOND_ACCOUNT_ID, /^[0-9a-f]{32}$/);
      assert.ok(FAKE_TOKEN.startsWith('rtk_fake_') && FAKE_TOKEN.length >= 40);
    });

    it('honours pathPrefix', async () => {
      const other = await startFakeApi({ pathPrefix: '/api', seed: false });
      try {
        assert.equal(other.baseUrl, `${other.origin}/api`);
        const res = await fetch(`${other.baseUrl}/accounts`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } });
        assert.equal(res.status, 200);
        const apps = await fetch(`${other.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit/apps`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } });
        assert.deepEqual(((await apps.json()) as { data: unknown[] }).data, [], 'seed: false has no apps');
      } finally {
        await other.close();
      }
    });
  });

  describe('auth', () => {
    const cfAuthError = { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null };

    it('401 in the Cloudflare envelope without a token, on every kind of route', async () => {
      for (const path of ['/accounts', '/user/tokens/verify', kit('/apps'), appPath(SEED_IDS.productionApp, '/livestreams')]) {
        const res = await call(path, { token: null });
        assert.equal(res.status, 401, path);
        assert.deepEqual(res.json, cfAuthError, path);
      }
    });

    it('401 for an unknown token and for a non-Bearer header', async () => {
      assert.equal((await call(kit('/apps'), { token: 'nope' })).status, 401);
      const res = await fetch(`${api.baseUrl}/accounts`, { headers: { Authorization: `Basic ${FAKE_TOKEN}` } });
      assert.equal(res.status, 401);
    });

    it('403 (code 10000) for a valid token without Realtime permission', async () => {
      const verify = await call('/user/tokens/verify', { token: FAKE_TOKEN_NO_ACCOUNT });
      assert.equal(verify.status, 200);
      for (const path of [kit('/apps'), appPath(SEED_IDS.productionApp, '/livestreams'), appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.liveStream}`)]) {
        const res = await call(path, { token: FAKE_TOKEN_NO_ACCOUNT });
        assert.equal(res.status, 403, path);
        assert.equal(res.json.success, false);
        assert.equal(res.json.errors[0].code, 10000);
        assert.match(res.json.errors[0].message, /not authorized/);
      }
    });

    it('403 for a token that cannot reach the second account', async () => {
      const res = await call(`/accounts/${FAKE_SECOND_ACCOUNT_ID}/realtime/kit/apps`, { token: FAKE_TOKEN_ONE_ACCOUNT });
      assert.equal(res.status, 403);
    });

    it('read-only token may read but not create', async () => {
      assert.equal((await call(appPath(SEED_IDS.productionApp, '/livestreams'), { token: FAKE_TOKEN_READ_ONLY })).status, 200);
      const res = await call(appPath(SEED_IDS.productionApp, '/livestreams'), { method: 'POST', token: FAKE_TOKEN_READ_ONLY, body: { name: 'x' } });
      assert.equal(res.status, 403);
      assert.equal(res.json.errors[0].code, 10000);
    });

    it('expired token: verify says expired, other routes 401', async () => {
      const verify = await call('/user/tokens/verify', { token: FAKE_TOKEN_EXPIRED });
      assert.equal(verify.status, 200);
      assert.equal(verify.json.result.status, 'expired');
      assert.equal((await call(kit('/apps'), { token: FAKE_TOKEN_EXPIRED })).status, 401);
    });

    it('never records the token value, only its name', async () => {
      api.resetRequests();
      await call('/accounts');
      await call('/accounts', { token: 'wrong-token-value' });
      await call('/accounts', { token: null });
      assert.deepEqual(
        api.requests.map((r) => r.auth),
        ['admin', 'invalid', 'none'],
      );
      const dump = JSON.stringify(api.requests) + (await call('/__control/requests')).text;
      for (const value of Object.values(FAKE_TOKENS)) assert.ok(!dump.includes(value));
      assert.ok(!dump.includes('wrong-token-value'));
    });
  });

  describe('GET /accounts', () => {
    it('lists both accounts for FAKE_TOKEN with result_info', async () => {
      const res = await call('/accounts');
      assert.equal(res.status, 200);
      assert.equal(res.json.success, true);
      assert.deepEqual(
        res.json.result.map((a: { id: string; name: string }) => [a.id, a.name]),
        [
          [FAKE_ACCOUNT_ID, 'Acme Streaming'],
          [FAKE_SECOND_ACCOUNT_ID, 'Second Account'],
        ],
      );
      assert.deepEqual(res.json.result_info, { page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
    });

    it('one account, none, and paging', async () => {
      assert.equal((await call('/accounts', { token: FAKE_TOKEN_ONE_ACCOUNT })).json.result.length, 1);
      const none = await call('/accounts', { token: FAKE_TOKEN_UNLISTED });
      assert.deepEqual(none.json.result, []);
      assert.equal(none.json.result_info.total_count, 0);
      // ... but the unlisted token still reaches the primary account when its id is typed in.
      assert.equal((await call(kit('/apps'), { token: FAKE_TOKEN_UNLISTED })).status, 200);
      const page2 = await call('/accounts?page=2&per_page=5');
      assert.deepEqual(page2.json.result, []);
      assert.equal(page2.json.result_info.page, 2);
      assert.equal(page2.json.result_info.total_count, 2);
    });
  });

  describe('token verify', () => {
    it('user token: active on /user/tokens/verify, 401 on the account endpoint', async () => {
      const res = await call('/user/tokens/verify');
      assert.equal(res.status, 200);
      assert.equal(res.json.success, true);
      assert.equal(res.json.result.status, 'active');
      assert.match(res.json.result.id, /^[0-9a-f]{32}$/);
      assert.equal((await call(`/accounts/${FAKE_ACCOUNT_ID}/tokens/verify`)).status, 401);
    });

    it('account-owned token: 401 on the user endpoint, active on its account, works on realtime routes', async () => {
      const user = await call('/user/tokens/verify', { token: FAKE_ACCOUNT_TOKEN });
      assert.equal(user.status, 401);
      assert.equal(user.json.success, false);
      const acct = await call(`/accounts/${FAKE_ACCOUNT_ID}/tokens/verify`, { token: FAKE_ACCOUNT_TOKEN });
      assert.equal(acct.status, 200);
      assert.equal(acct.json.result.status, 'active');
      assert.equal((await call(`/accounts/${FAKE_SECOND_ACCOUNT_ID}/tokens/verify`, { token: FAKE_ACCOUNT_TOKEN })).status, 401);
      assert.equal((await call(kit('/apps'), { token: FAKE_ACCOUNT_TOKEN })).status, 200);
    });

    it('unknown account: 404 in the Cloudflare envelope', async () => {
      const res = await call(`/accounts/${'0'.repeat(32)}/tokens/verify`, { token: FAKE_ACCOUNT_TOKEN });
      assert.equal(res.status, 404);
      assert.equal(res.json.success, false);
      assert.ok(Array.isArray(res.json.errors));
    });
  });

  describe('apps', () => {
    it('lists the seeded apps in the bare RealtimeKit shape', async () => {
      const res = await call(kit('/apps'));
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.json).sort(), ['data', 'paging', 'success']);
      assert.deepEqual(
        res.json.data.map((a: { name: string }) => a.name),
        ['Production Events', 'Staging', 'Load Test', 'Sandbox'],
      );
      assert.deepEqual(Object.keys(res.json.data[0]), ['id', 'name', 'created_at']);
      assert.deepEqual(res.json.paging, { start_offset: 0, end_offset: 3, total_count: 4 });
    });

    it('search, sort_order and paging', async () => {
      const search = await call(kit('/apps?search=STAG'));
      assert.deepEqual(
        search.json.data.map((a: { id: string }) => a.id),
        [SEED_IDS.stagingApp],
      );
      const dsc = await call(kit('/apps?sort_order=DSC&per_page=2&page_no=2'));
      assert.deepEqual(
        dsc.json.data.map((a: { name: string }) => a.name),
        ['Staging', 'Production Events'],
      );
      assert.deepEqual(dsc.json.paging, { start_offset: 2, end_offset: 3, total_count: 4 });
    });

    it('the second account has its own app', async () => {
      const res = await call(`/accounts/${FAKE_SECOND_ACCOUNT_ID}/realtime/kit/apps`);
      assert.deepEqual(
        res.json.data.map((a: { id: string }) => a.id),
        [SEED_IDS.secondAccountApp],
      );
    });

    it('create app, then it is listed; 400 without a name', async () => {
      const created = await call(kit('/apps'), { method: 'POST', body: { name: 'New App' } });
      assert.equal(created.status, 201);
      assert.equal(created.json.data.app.name, 'New App');
      const list = await call(kit('/apps'));
      assert.ok(list.json.data.some((a: { id: string }) => a.id === created.json.data.app.id));
      const bad = await call(kit('/apps'), { method: 'POST', body: {} });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json, { success: false, error: { code: 400, message: 'BAD_REQUEST: name is required' } });
    });

    it('unknown account: 404 in the RealtimeKit error shape', async () => {
      const res = await call(`/accounts/${'f'.repeat(32)}/realtime/kit/apps`);
      assert.equal(res.status, 404);
      assert.equal(res.json.success, false);
      assert.equal(res.json.error.code, 404);
      assert.match(res.json.error.message, /^NOT_FOUND/);
    });
  });

  describe('livestreams list', () => {
    const big = (q: string): Promise<Res> => call(appPath(SEED_IDS.bigApp, `/livestreams${q}`));

    it('pages through 260 livestreams with paging totals', async () => {
      const first = await big('');
      assert.equal(first.status, 200);
      assert.equal(first.json.data.length, 25, 'default per_page is 25');
      assert.deepEqual(first.json.paging, { start_offset: 0, end_offset: 24, total_count: 260 });
      const last = await big('?page_no=11&per_page=25');
      assert.equal(last.json.data.length, 10);
      assert.deepEqual(last.json.paging, { start_offset: 250, end_offset: 259, total_count: 260 });
      const beyond = await big('?page_no=12&per_page=25');
      assert.deepEqual(beyond.json.data, []);
      assert.equal(beyond.json.paging.total_count, 260);
      const capped = await big('?per_page=500');
      assert.equal(capped.json.data.length, 100);
      const seen = new Set<string>();
      for (let page = 1; page <= 3; page++) {
        for (const ls of (await big(`?page_no=${page}&per_page=100`)).json.data) seen.add(ls.id);
      }
      assert.equal(seen.size, 260);
    });

    it('uses the documented wire fields', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, '/livestreams'));
      for (const ls of res.json.data) {
        assert.deepEqual(Object.keys(ls), ['id', 'name', 'status', 'ingest_server', 'stream_key', 'playback_url', 'meeting_id', 'disabled', 'created_at', 'updated_at']);
      }
      const keynote = res.json.data.find((l: { id: string }) => l.id === SEED_IDS.liveStream);
      assert.equal(keynote.name, SEED_NAMES.liveStream);
      assert.equal(keynote.status, 'LIVE');
      assert.equal(keynote.ingest_server, 'rtmps://live.cloudflare.com:443/live/');
      assert.match(keynote.stream_key, /^[0-9a-f]{32}k[0-9a-f]{32}$/);
      assert.match(keynote.playback_url, /^https:\/\/customer-[a-z0-9]{16}\.cloudflarestream\.com\/[0-9a-f]{32}\/manifest\/video\.m3u8$/);
      assert.equal(keynote.disabled, false);
    });

    it('filters by status', async () => {
      const counts: Record<string, number> = {};
      for (const status of ['LIVE', 'IDLE', 'ERRORED', 'INVOKED']) {
        const res = await big(`?status=${status}&per_page=100`);
        assert.ok(res.json.data.every((l: { status: string }) => l.status === status));
        counts[status] = res.json.paging.total_count;
      }
      assert.deepEqual(counts, { LIVE: 5, IDLE: 228, ERRORED: 20, INVOKED: 7 });
      assert.equal((await big('?status=OFFLINE')).status, 400);
    });

    it('sorts by created_at, newest first by default', async () => {
      const dsc = await big('?per_page=100');
      const asc = await big('?per_page=100&sort_order=ASC');
      const times = (r: Res): number[] => r.json.data.map((l: { created_at: string }) => Date.parse(l.created_at));
      assert.deepEqual(times(dsc), [...times(dsc)].sort((a, b) => b - a));
      assert.deepEqual(times(asc), [...times(asc)].sort((a, b) => a - b));
      assert.equal(dsc.json.data[0].name, 'Load Test Stream 260');
      assert.equal(asc.json.data[0].name, 'Load Test Stream 001');
      assert.equal((await big('?sort_order=desc')).status, 400);
    });

    it('exclude_meetings drops livestreams with a meeting_id', async () => {
      const res = await big('?exclude_meetings=true&per_page=100');
      assert.equal(res.json.paging.total_count, 195);
      assert.ok(res.json.data.every((l: { meeting_id: string | null }) => l.meeting_id === null));
      assert.equal((await big('?exclude_meetings=false')).json.paging.total_count, 260);
    });

    it('start_time / end_time filter on created_at', async () => {
      const all = (await big('?per_page=100&sort_order=ASC')).json.data;
      const from = all[10].created_at;
      const to = all[19].created_at;
      const res = await big(`?start_time=${encodeURIComponent(from)}&end_time=${encodeURIComponent(to)}&per_page=100`);
      assert.equal(res.json.paging.total_count, 10);
      assert.equal((await big('?start_time=yesterday')).status, 400);
    });

    it('400 for bad paging, 404 for an unknown app', async () => {
      const bad = await big('?page_no=0');
      assert.equal(bad.status, 400);
      assert.match(bad.json.error.message, /^BAD_REQUEST: page_no/);
      assert.equal((await big('?per_page=abc')).status, 400);
      const missing = await call(appPath('00000000-0000-4000-8000-000000000000', '/livestreams'));
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 404);
      // an app of the second account is not found under the first
      assert.equal((await call(appPath(SEED_IDS.secondAccountApp, '/livestreams'))).status, 404);
    });

    it('empty app lists nothing', async () => {
      const res = await call(appPath(SEED_IDS.emptyApp, '/livestreams'));
      assert.deepEqual(res.json.data, []);
      assert.equal(res.json.paging.total_count, 0);
    });
  });

  describe('create livestream', () => {
    it('creates an IDLE livestream that shows up first in the list', async () => {
      const res = await call(appPath(SEED_IDS.stagingApp, '/livestreams'), { method: 'POST', body: { name: 'Fresh – 新しい' } });
      assert.equal(res.status, 201);
      assert.equal(res.json.success, true);
      const ls = res.json.data;
      assert.equal(ls.name, 'Fresh – 新しい');
      assert.equal(ls.status, 'IDLE');
      assert.equal(ls.disabled, false);
      assert.equal(ls.meeting_id, null);
      assert.equal(ls.ingest_server, 'rtmps://live.cloudflare.com:443/live/');
      assert.match(ls.stream_key, /^[0-9a-f]{32}k[0-9a-f]{32}$/);
      assert.match(ls.playback_url, /\/manifest\/video\.m3u8$/);
      const list = await call(appPath(SEED_IDS.stagingApp, '/livestreams'));
      assert.equal(list.json.data[0].id, ls.id);
      const details = await call(appPath(SEED_IDS.stagingApp, `/livestreams/${ls.id}`));
      assert.equal(details.json.data.livestream.name, 'Fresh – 新しい');
      assert.equal(details.json.data.session, null);
      assert.deepEqual(details.json.data.sessions, []);
    });

    it('400 in the RealtimeKit shape for a bad body', async () => {
      const path = appPath(SEED_IDS.productionApp, '/livestreams');
      for (const body of [{}, { name: '' }, { name: 42 }, 'not json']) {
        const res = await call(path, { method: 'POST', body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.json.success, false);
        assert.equal(res.json.error.code, 400);
        assert.match(res.json.error.message, /^BAD_REQUEST: /);
      }
      assert.equal((await call(path, { method: 'POST', body: {} })).json.error.message, 'BAD_REQUEST: name is required');
    });

    it('created ids are deterministic in creation order', async () => {
      const a = await call(appPath(SEED_IDS.productionApp, '/livestreams'), { method: 'POST', body: { name: 'one' } });
      api.reset();
      const b = await call(appPath(SEED_IDS.productionApp, '/livestreams'), { method: 'POST', body: { name: 'two' } });
      assert.equal(a.json.data.id, b.json.data.id);
    });
  });

  describe('livestream details', () => {
    it('returns livestream, latest session, a page of sessions and paging', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.liveStream}`));
      assert.equal(res.status, 200);
      const data = res.json.data;
      assert.deepEqual(Object.keys(data), ['livestream', 'session', 'sessions', 'paging']);
      assert.equal(data.livestream.id, SEED_IDS.liveStream);
      assert.equal(data.session.id, SEED_IDS.liveSession);
      assert.equal(data.session.stopped_time, null);
      assert.deepEqual(Object.keys(data.session), [
        'id',
        'livestream_id',
        'created_at',
        'updated_at',
        'invoked_time',
        'started_time',
        'stopped_time',
        'err_message',
        'ingest_seconds',
        'viewer_seconds',
      ]);
      assert.deepEqual(data.sessions[0], data.session);
      assert.equal(data.paging.total_count, data.sessions.length);
    });

    it('pages sessions newest first', async () => {
      const path = (q: string): string => appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.manySessionsStream}${q}`);
      const p1 = (await call(path('?per_page=10'))).json.data;
      assert.equal(p1.paging.total_count, 36);
      assert.equal(p1.sessions.length, 10);
      const created = p1.sessions.map((s: { created_at: string }) => Date.parse(s.created_at));
      assert.deepEqual(created, [...created].sort((a, b) => b - a));
      const p4 = (await call(path('?per_page=10&page_no=4'))).json.data;
      assert.equal(p4.sessions.length, 6);
      assert.deepEqual(p4.paging, { start_offset: 30, end_offset: 35, total_count: 36 });
      assert.equal(p4.session.id, p1.sessions[0].id, 'session stays the latest one');
      const errs = [];
      for (let page = 1; page <= 4; page++) {
        for (const s of (await call(path(`?per_page=10&page_no=${page}`))).json.data.sessions) if (s.err_message) errs.push(s.err_message);
      }
      assert.equal(errs.length, 2);
    });

    it('404 for an unknown livestream, or one of another app', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, '/livestreams/nope'));
      assert.equal(res.status, 404);
      assert.match(res.json.error.message, /^NOT_FOUND/);
      assert.equal((await call(appPath(SEED_IDS.stagingApp, `/livestreams/${SEED_IDS.liveStream}`))).status, 404);
    });
  });

  describe('active session, session, analytics, meetings', () => {
    it('active session of a LIVE livestream; 404 when none', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.liveStream}/active-livestream-session`));
      assert.equal(res.status, 200);
      assert.equal(res.json.data.livestream.id, SEED_IDS.liveStream);
      assert.equal(res.json.data.session.id, SEED_IDS.liveSession);
      const invoked = await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.invokedStream}/active-livestream-session`));
      assert.equal(invoked.json.data.session.id, SEED_IDS.invokedSession);
      assert.equal(invoked.json.data.session.started_time, null);
      const idle = await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.idleStream}/active-livestream-session`));
      assert.equal(idle.status, 404);
      assert.equal(idle.json.error.message, 'NOT_FOUND: no active livestream session');
    });

    it('one session by id', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, `/livestreams/sessions/${SEED_IDS.erroredSession}`));
      assert.equal(res.status, 200);
      assert.equal(res.json.data.session.id, SEED_IDS.erroredSession);
      assert.equal(res.json.data.session.livestream_id, SEED_IDS.erroredStream);
      assert.equal(res.json.data.session.err_message, ERR_NO_KEYFRAME);
      assert.equal((await call(appPath(SEED_IDS.stagingApp, `/livestreams/sessions/${SEED_IDS.erroredSession}`))).status, 404);
      assert.equal((await call(appPath(SEED_IDS.productionApp, '/livestreams/sessions/nope'))).status, 404);
    });

    it('analytics are computed from state and honour the time range', async () => {
      const res = await call(appPath(SEED_IDS.productionApp, '/analytics/livestreams/overall'));
      assert.equal(res.status, 200);
      const ids = new Set(api.state.livestreams.filter((l) => l.app_id === SEED_IDS.productionApp).map((l) => l.id));
      const sessions = api.state.sessions.filter((s) => ids.has(s.livestream_id));
      assert.deepEqual(res.json.data, {
        count: sessions.length,
        total_ingest_seconds: sessions.reduce((n, s) => n + s.ingest_seconds, 0),
        total_viewer_seconds: sessions.reduce((n, s) => n + s.viewer_seconds, 0),
      });
      const since = new Date(api.state.now - 24 * 3600 * 1000).toISOString();
      const recent = await call(appPath(SEED_IDS.productionApp, `/analytics/livestreams/overall?start_time=${encodeURIComponent(since)}`));
      assert.equal(recent.json.data.count, sessions.filter((s) => Date.parse(s.created_at) >= Date.parse(since)).length);
      assert.ok(recent.json.data.count < sessions.length);
    });

    it('meeting routes: active livestream, start, stop', async () => {
      const active = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.townHallMeeting}/active-livestream`));
      assert.equal(active.status, 200);
      assert.equal(active.json.data.id, SEED_IDS.meetingLiveStream);
      assert.equal((await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/active-livestream`))).status, 404);
      const started = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/livestreams`), {
        method: 'POST',
        body: { name: 'From meeting', video_config: { width: 1280, height: 720 } },
      });
      assert.equal(started.status, 201);
      assert.equal(started.json.data.status, 'INVOKED');
      assert.equal(started.json.data.meeting_id, SEED_IDS.idleMeeting);
      const stop = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/active-livestream/stop`), { method: 'POST' });
      assert.equal(stop.status, 200);
      assert.equal(api.state.livestreams.find((l) => l.id === started.json.data.id)?.status, 'IDLE');
    });

    it('meeting routes: an unknown meeting is 404, a bad video_config 400, a second start 409', async () => {
      assert.equal((await call(appPath(SEED_IDS.productionApp, '/meetings/no-such-meeting/active-livestream'))).json.error.message, 'NOT_FOUND: meeting not found');
      // A meeting belongs to its app.
      assert.equal((await call(appPath(SEED_IDS.stagingApp, `/meetings/${SEED_IDS.townHallMeeting}/livestream`))).status, 404);
      const bad = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/livestreams`), { method: 'POST', body: { name: 'x', video_config: { width: '1280' } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.message, 'BAD_REQUEST: video_config must be {width, height} in pixels');
      const again = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.townHallMeeting}/livestreams`), { method: 'POST', body: { name: 'x' } });
      assert.equal(again.status, 409);
      const readOnly = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.townHallMeeting}/active-livestream/stop`), { method: 'POST', token: FAKE_TOKEN_READ_ONLY });
      assert.equal(readOnly.status, 403);
      assert.equal(readOnly.json.errors[0].message, 'Authentication error: token is not authorized to write (Realtime Admin required)');
    });

    it("a meeting's livestreams: page of livestreams, their sessions newest first, paging about livestreams", async () => {
      const res = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.townHallMeeting}/livestream`));
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.data.livestreams.map((l: { id: string }) => l.id), [SEED_IDS.meetingLiveStream]);
      assert.deepEqual(res.json.data.sessions.map((x: { id: string }) => x.id), [SEED_IDS.meetingLiveSession, uuidFor('session:town-hall:0')]);
      assert.deepEqual(res.json.data.paging, { start_offset: 0, end_offset: 0, total_count: 1 });
      const none = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/livestream?per_page=5`));
      assert.deepEqual(none.json.data, { livestreams: [], sessions: [], paging: { start_offset: 0, end_offset: -1, total_count: 0 } });
      // A start adds a livestream to the meeting, newest first.
      const started = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/livestreams`), { method: 'POST', body: { name: 'Review stream' } });
      const after = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.idleMeeting}/livestream`));
      assert.deepEqual(after.json.data.livestreams.map((l: { id: string; name: string }) => [l.id, l.name]), [[started.json.data.id, 'Review stream']]);
      assert.equal(after.json.data.sessions.length, 1);
      api.setFault('meetingLivestreams', { shape: 'objectData', times: 1 });
      const one = await call(appPath(SEED_IDS.productionApp, `/meetings/${SEED_IDS.townHallMeeting}/livestream`));
      assert.equal(one.json.data.livestream.id, SEED_IDS.meetingLiveStream);
      assert.equal(one.json.data.session.id, SEED_IDS.meetingLiveSession);
    });

    it('the livestream sessions of a meeting session: those invoked while it ran', async () => {
      const path = (id: string, query = '') => appPath(SEED_IDS.productionApp, `/sessions/${id}/livestream-sessions${query}`);
      const now = await call(path(SEED_IDS.townHallMeetingSession));
      assert.equal(now.status, 200);
      assert.deepEqual(now.json.data.map((x: { id: string }) => x.id), [SEED_IDS.meetingLiveSession]);
      assert.deepEqual(now.json.paging, { start_offset: 0, end_offset: 0, total_count: 1 });
      assert.deepEqual((await call(path(SEED_IDS.townHallPastMeetingSession))).json.data.map((x: { id: string }) => x.id), [uuidFor('session:town-hall:0')]);
      assert.deepEqual((await call(path(SEED_IDS.devQaMeetingSession))).json.data.map((x: { id: string }) => x.id), [SEED_IDS.invokedSession]);
      assert.deepEqual((await call(path(SEED_IDS.idleMeetingSession))).json.data, []);
      assert.equal((await call(path('nope'))).json.error.message, 'NOT_FOUND: session not found');
      assert.equal((await call(appPath(SEED_IDS.stagingApp, `/sessions/${SEED_IDS.townHallMeetingSession}/livestream-sessions`))).status, 404);
      assert.equal((await call(path(SEED_IDS.townHallMeetingSession, '?per_page=0'))).status, 400);
    });

    it('analytics by day: Unix seconds or ISO, sums per UTC day, oldest first', async () => {
      const now = Date.parse('2025-06-01T12:00:00Z');
      const fixed = await startFakeApi({ seed: { now } });
      try {
        const get = async (query: string) => {
          const res = await fetch(`${fixed.baseUrl}${appPath(SEED_IDS.productionApp, `/analytics/livestreams/daywise${query}`)}`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } });
          return { status: res.status, json: (await res.json()) as { data: unknown; error?: { message: string } } };
        };
        const lastDay = { start: (now - 24 * 3600 * 1000) / 1000, end: now / 1000 };
        // The webinar's errored session (3 h before), the keynote, the town hall and the Q&A in progress.
        const today = [{ date: '2025-06-01', count: 4, total_ingest_seconds: 3974, total_viewer_seconds: 4877990 }];
        assert.deepEqual((await get(`?start_time=${lastDay.start}&end_time=${lastDay.end}`)).json.data, today);
        assert.deepEqual((await get(`?start_time=${new Date(lastDay.start * 1000).toISOString()}&end_time=${new Date(now).toISOString()}`)).json.data, today);
        const week = (await get(`?start_time=${lastDay.start - 7 * 86400}&end_time=${lastDay.end}`)).json.data as Array<{ date: string; count: number }>;
        assert.deepEqual(week.map((d) => d.date), ['2025-05-25', '2025-05-29', '2025-05-30', '2025-06-01']);
        assert.equal((await get('?start_time=yesterday')).status, 400);
      } finally {
        await fixed.close();
      }
    });

    it('unknown route: bare 404; wrong method: 405', async () => {
      const res = await call('/nope/nothing');
      assert.equal(res.status, 404);
      assert.deepEqual(res.json, { message: 'Not Found' });
      const outside = await fetch(`${api.origin}/elsewhere`);
      assert.equal(outside.status, 404);
      const wrong = await call(kit('/apps'), { method: 'DELETE' });
      assert.equal(wrong.status, 405);
    });
  });

  describe('seed', () => {
    it('covers the notable cases', () => {
      const s = api.state;
      const ls = (id: string) => s.livestreams.find((l) => l.id === id);
      const statuses = new Set(s.livestreams.map((l) => l.status));
      for (const st of ['LIVE', 'IDLE', 'ERRORED', 'INVOKED', 'OFFLINE']) assert.ok(statuses.has(st), st);
      assert.equal(ls(SEED_IDS.xssStream)?.name, '<img src=x onerror=alert(1)>');
      assert.equal(ls(SEED_IDS.scriptStream)?.name, '<script>alert("xss")</script>');
      assert.equal(ls(SEED_IDS.nullNameStream)?.name, null);
      assert.equal(ls(SEED_IDS.unicodeStream)?.name, 'Konferenz – Zürich 🎥');
      assert.equal(ls(SEED_IDS.japaneseStream)?.name, '東京ライブ');
      assert.equal(ls(SEED_IDS.disabledStream)?.disabled, true);
      assert.equal(ls(SEED_IDS.offlineStream)?.status, 'OFFLINE');
      assert.equal(ls(SEED_IDS.invokedStream)?.stream_key, null);
      assert.equal(ls(SEED_IDS.invokedStream)?.playback_url, null);
      assert.equal(ls(SEED_IDS.erroredStream)?.status, 'ERRORED');
      // every LIVE livestream has exactly one session in progress
      const live = s.livestreams.filter((l) => l.status === 'LIVE');
      assert.ok(live.length >= 2);
      for (const l of live) {
        const open = s.sessions.filter((x) => x.livestream_id === l.id && x.stopped_time === null);
        assert.equal(open.length, 1, l.name ?? l.id);
        assert.ok(open[0]?.started_time);
      }
      // every session ends before now and belongs to a livestream
      for (const x of s.sessions) {
        assert.ok(s.livestreams.some((l) => l.id === x.livestream_id));
        if (x.stopped_time) assert.ok(Date.parse(x.stopped_time) <= s.now, x.id);
      }
      // every seeded id resolves
      const all = new Set([...s.apps.map((a) => a.id), ...s.livestreams.map((l) => l.id), ...s.sessions.map((x) => x.id), ...s.meetings.map((m) => m.id), ...s.meetingSessions.map((m) => m.id)]);
      for (const [name, id] of Object.entries(SEED_IDS)) assert.ok(all.has(id), name);
      // every meeting livestream's meeting exists, in its app
      for (const l of s.livestreams.filter((x) => x.meeting_id)) assert.ok(s.meetings.some((m) => m.id === l.meeting_id && m.app_id === l.app_id), l.id);
    });

    it('is deterministic: two servers seed identical ids and names', async () => {
      const now = Date.parse('2025-06-01T12:00:00Z');
      const a = await startFakeApi({ seed: { now } });
      const b = await startFakeApi({ seed: { now } });
      const c = await startFakeApi();
      try {
        assert.deepEqual(a.state, b.state);
        const idsAndNames = (x: FakeApi) => x.state.livestreams.map((l) => [l.id, l.name, l.status, l.stream_key]);
        assert.deepEqual(idsAndNames(c), idsAndNames(a));
        assert.deepEqual(
          c.state.sessions.map((x) => x.id),
          a.state.sessions.map((x) => x.id),
        );
        const res = await fetch(`${a.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit/${SEED_IDS.productionApp}/livestreams`, {
          headers: { Authorization: `Bearer ${FAKE_TOKEN}` },
        });
        const res2 = await fetch(`${b.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit/${SEED_IDS.productionApp}/livestreams`, {
          headers: { Authorization: `Bearer ${FAKE_TOKEN}` },
        });
        assert.equal(await res.text(), await res2.text());
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });

    it('timestamps are relative to server start', () => {
      assert.ok(Math.abs(api.state.now - Date.now()) < 60_000);
      const keynoteSession = api.state.sessions.find((x) => x.id === SEED_IDS.liveSession);
      assert.equal(Date.parse(keynoteSession?.started_time ?? ''), api.state.now - 42 * 60_000);
    });

    it('loadTestCount changes the size of the big app', async () => {
      const small = await startFakeApi({ seed: { loadTestCount: 30 } });
      try {
        const res = await fetch(`${small.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit/${SEED_IDS.bigApp}/livestreams`, {
          headers: { Authorization: `Bearer ${FAKE_TOKEN}` },
        });
        assert.equal(((await res.json()) as { paging: { total_count: number } }).paging.total_count, 30);
      } finally {
        await small.close();
      }
    });
  });

  describe('faults', () => {
    const livestreams = (): Promise<Res> => call(appPath(SEED_IDS.productionApp, '/livestreams'));
    const details = (id: string = SEED_IDS.liveStream): Promise<Res> => call(appPath(SEED_IDS.productionApp, `/livestreams/${id}`));

    it('status with times: fails N times, then clears', async () => {
      api.setFault('livestreams', { status: 500, times: 2 });
      const a = await livestreams();
      assert.equal(a.status, 500);
      assert.deepEqual(a.json, { success: false, error: { code: 500, message: 'INTERNAL_SERVER_ERROR: something went wrong' } });
      assert.equal((await livestreams()).status, 500);
      assert.equal((await livestreams()).status, 200);
      assert.deepEqual(api.faults(), []);
      assert.deepEqual(
        api.requests.map((r) => [r.route, r.status, r.fault]),
        [
          ['livestreams', 500, true],
          ['livestreams', 500, true],
          ['livestreams', 200, false],
        ],
      );
    });

    it('faults apply before auth and only to their route', async () => {
      api.setFault('apps', { status: 503 });
      assert.equal((await call(kit('/apps'), { token: null })).status, 503);
      assert.equal((await livestreams()).status, 200);
      api.clearFaults();
      assert.equal((await call(kit('/apps'))).status, 200);
    });

    it("'*' applies everywhere and merges with a route fault", async () => {
      api.setFault('*', { latencyMs: 30 });
      api.setFault('livestream', { status: 502, body: 'html' });
      const t0 = Date.now();
      assert.equal((await livestreams()).status, 200);
      assert.ok(Date.now() - t0 >= 25);
      const d = await details();
      assert.equal(d.status, 502);
      assert.match(d.headers.get('content-type') ?? '', /text\/html/);
      assert.match(d.text, /<title>502 Bad Gateway<\/title>/);
    });

    it('429 with Retry-After in the Cloudflare envelope', async () => {
      api.setFault('livestreams', { status: 429, retryAfter: 7 });
      const res = await livestreams();
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '7');
      assert.equal(res.json.errors[0].code, 971);
      api.setFault('livestreams', { retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
      const dated = await livestreams();
      assert.equal(dated.status, 429, 'retryAfter alone implies 429');
      assert.equal(dated.headers.get('retry-after'), 'Wed, 21 Oct 2015 07:28:00 GMT');
    });

    it('malformed, empty and error bodies', async () => {
      api.setFault('livestreams', { body: 'malformed' });
      const m = await livestreams();
      assert.equal(m.status, 200);
      assert.throws(() => JSON.parse(m.text));
      api.setFault('livestreams', { status: 200, body: 'empty' });
      const e = await livestreams();
      assert.equal(e.status, 200);
      assert.equal(e.text, '');
      api.setFault('livestreams', { status: 401, body: 'bareMessage', message: 'Unauthorized' });
      assert.deepEqual((await livestreams()).json, { message: 'Unauthorized' });
      api.setFault('livestreams', { status: 403, body: 'kitError', message: 'FORBIDDEN: nope' });
      assert.deepEqual((await livestreams()).json, { success: false, error: { code: 403, message: 'FORBIDDEN: nope' } });
      api.setFault('livestreams', { status: 500, body: 'cloudflareError', message: 'Internal' });
      const cf = await livestreams();
      assert.deepEqual(cf.json, { success: false, errors: [{ code: 10002, message: 'Internal' }], messages: [], result: null });
    });

    it('hang: never answers (client times out)', async () => {
      api.setFault('livestreams', { hang: true, times: 1 });
      await assert.rejects(
        call(appPath(SEED_IDS.productionApp, '/livestreams'), { signal: AbortSignal.timeout(100) }),
        (err: Error) => err.name === 'TimeoutError' || err.name === 'AbortError',
      );
      assert.equal(api.requests[0]?.status, 0);
      assert.equal((await livestreams()).status, 200);
    });

    it('hang with an AbortController', async () => {
      api.setFault('*', { hang: true });
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), 100);
      try {
        await assert.rejects(call(kit('/apps'), { signal: ctrl.signal }), (err: Error) => err.name === 'AbortError');
      } finally {
        clearTimeout(timer);
      }
    });

    it('disconnect: the connection is reset without an answer', async () => {
      api.setFault('livestreams', { disconnect: true, times: 1 });
      await assert.rejects(livestreams(), (err: Error) => err.name === 'TypeError');
      assert.equal((await livestreams()).status, 200);
    });

    it('close() returns promptly while a request hangs', async () => {
      const other = await startFakeApi({ seed: false });
      other.setFault('accounts', { hang: true });
      const pending = fetch(`${other.baseUrl}/accounts`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } }).then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((r) => setTimeout(r, 50));
      const t0 = Date.now();
      await other.close();
      assert.ok(Date.now() - t0 < 1000);
      assert.equal(await pending, 'failed');
    });

    it('shape objectData: a list becomes one object with paging inside', async () => {
      api.setFault('livestreams', { shape: 'objectData' });
      const res = await livestreams();
      assert.equal(Array.isArray(res.json.data), false);
      assert.equal(typeof res.json.data.id, 'string');
      assert.equal(res.json.data.paging.total_count, 10);
      assert.equal(res.json.paging, undefined);
      api.setFault('session', { shape: 'objectData' });
      const s = await call(appPath(SEED_IDS.productionApp, `/livestreams/sessions/${SEED_IDS.liveSession}`));
      assert.equal(s.json.data.id, SEED_IDS.liveSession);
    });

    it('shapes sessionOnly / sessionsOnly on the details route', async () => {
      api.setFault('livestream', { shape: 'sessionOnly' });
      const one = (await details()).json.data;
      assert.deepEqual(Object.keys(one), ['livestream', 'session', 'paging']);
      api.setFault('livestream', { shape: 'sessionsOnly' });
      const many = (await details()).json.data;
      assert.deepEqual(Object.keys(many), ['livestream', 'sessions', 'paging']);
    });

    it('shapes stringNumbers and booleanDisabledAsString (combinable)', async () => {
      api.setFault('livestream', { shape: ['stringNumbers', 'booleanDisabledAsString'] });
      const data = (await details(SEED_IDS.disabledStream)).json.data;
      assert.equal(data.livestream.disabled, 'true');
      assert.equal(typeof data.session.ingest_seconds, 'string');
      assert.equal(typeof data.paging.total_count, 'string');
      assert.equal(data.paging.total_count, '5');
    });

    it('shape missingFields: entities keep only their id, some fields null', async () => {
      api.setFault('livestream', { shape: 'missingFields' });
      const data = (await details()).json.data;
      assert.deepEqual(data.livestream, { id: SEED_IDS.liveStream, name: null, stream_key: null, playback_url: null, meeting_id: null });
      assert.equal(data.session.id, SEED_IDS.liveSession);
      assert.equal(data.session.ingest_seconds, undefined);
      assert.equal(data.session.err_message, null);
      api.setFault('analytics', { shape: 'missingFields' });
      assert.deepEqual((await call(appPath(SEED_IDS.productionApp, '/analytics/livestreams/overall'))).json.data, {});
    });

    it('shape resultWrapper: Cloudflare-style result / result_info', async () => {
      api.setFault('livestreams', { shape: 'resultWrapper' });
      const res = await livestreams();
      assert.equal(res.json.success, true);
      assert.ok(Array.isArray(res.json.result));
      assert.equal(res.json.result_info.total_count, 10);
      assert.equal(res.json.data, undefined);
    });

    it('shapes do not touch error answers', async () => {
      api.setFault('livestream', { shape: 'resultWrapper' });
      const res = await details('nope');
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, 404);
    });

    it('rejects invalid faults', () => {
      assert.throws(() => api.setFault('nope' as never, { status: 500 }));
      assert.throws(() => api.setFault('*', { body: 'xml' as never }));
      assert.throws(() => api.setFault('*', { status: 99 }));
    });

    it('parseFaultSpec reads the CLI form', () => {
      assert.deepEqual(parseFaultSpec('livestreams:status=500,times=2'), { route: 'livestreams', fault: { status: 500, times: 2 } });
      assert.deepEqual(parseFaultSpec('*:latencyMs=200'), { route: '*', fault: { latencyMs: 200 } });
      assert.deepEqual(parseFaultSpec('livestream:shape=stringNumbers+objectData,hang=false'), {
        route: 'livestream',
        fault: { shape: ['stringNumbers', 'objectData'], hang: false },
      });
      assert.deepEqual(parseFaultSpec('apps:hang'), { route: 'apps', fault: { hang: true } });
      assert.throws(() => parseFaultSpec('apps'));
      assert.throws(() => parseFaultSpec('apps:colour=red'));
    });
  });

  describe('/__control', () => {
    const post = (path: string, body?: unknown): Promise<Res> => call(path, { method: 'POST', body: body ?? {}, token: null });

    it('info', async () => {
      const res = await call('/__control/info', { token: null });
      assert.equal(res.status, 200);
      assert.equal(res.json.baseUrl, api.baseUrl);
      assert.equal(res.json.token, FAKE_TOKEN);
      assert.equal(res.json.accountId, FAKE_ACCOUNT_ID);
      assert.equal(res.json.seedIds.liveStream, SEED_IDS.liveStream);
    });

    it('faults over HTTP', async () => {
      assert.equal((await post('/__control/faults', { route: 'livestreams', fault: { status: 503, times: 1 } })).status, 200);
      assert.equal((await call('/__control/faults', { token: null })).json.length, 1);
      assert.equal((await call(appPath(SEED_IDS.productionApp, '/livestreams'))).status, 503);
      assert.equal((await call(appPath(SEED_IDS.productionApp, '/livestreams'))).status, 200);
      await post('/__control/faults', { route: '*', fault: { status: 500 } });
      assert.equal((await call('/accounts')).status, 500);
      assert.equal((await call('/__control/faults', { method: 'DELETE', token: null })).status, 200);
      assert.equal((await call('/accounts')).status, 200);
      assert.equal((await post('/__control/faults', { route: 'bogus', fault: {} })).status, 400);
      assert.equal((await post('/__control/faults', { route: 'apps', fault: { shape: 'weird' } })).status, 400);
    });

    it('patch a livestream LIVE: a session opens; back to IDLE: it closes', async () => {
      const id = SEED_IDS.idleStream;
      const active = (): Promise<Res> => call(appPath(SEED_IDS.productionApp, `/livestreams/${id}/active-livestream-session`));
      assert.equal((await active()).status, 404);
      const patched = await post(`/__control/livestreams/${id}`, { status: 'LIVE' });
      assert.equal(patched.status, 200);
      assert.equal(patched.json.livestream.status, 'LIVE');
      const a = await active();
      assert.equal(a.status, 200);
      assert.equal(a.json.data.session.stopped_time, null);
      const list = await call(appPath(SEED_IDS.productionApp, '/livestreams?status=LIVE'));
      assert.ok(list.json.data.some((l: { id: string }) => l.id === id));
      await post(`/__control/livestreams/${id}`, { status: 'ERRORED' });
      assert.equal((await active()).status, 404);
      const d = (await call(appPath(SEED_IDS.productionApp, `/livestreams/${id}`))).json.data;
      assert.equal(d.session.id, a.json.data.session.id);
      assert.equal(d.session.err_message, ERR_NO_KEYFRAME);
      assert.ok(d.session.stopped_time);
    });

    it('patch fields and add a session', async () => {
      const res = await post(`/__control/livestreams/${SEED_IDS.unicodeStream}`, {
        name: 'Renamed',
        disabled: true,
        addSession: { err_message: 'boom', stopped_time: '2030-01-01T00:00:00.000Z', ingest_seconds: 12, viewer_seconds: 34 },
      });
      assert.equal(res.status, 200);
      const d = (await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.unicodeStream}`))).json.data;
      assert.equal(d.livestream.name, 'Renamed');
      assert.equal(d.livestream.disabled, true);
      assert.equal(d.sessions.length, 2);
      assert.equal(d.session.err_message, 'boom');
      assert.equal(d.session.viewer_seconds, 34);
      assert.equal((await post('/__control/livestreams/nope', { status: 'LIVE' })).status, 404);
      assert.equal((await post(`/__control/livestreams/${SEED_IDS.unicodeStream}`, { id: 'x' })).status, 400);
      const sess = await post(`/__control/sessions/${SEED_IDS.liveSession}`, { viewer_seconds: 99 });
      assert.equal(sess.json.session.viewer_seconds, 99);
    });

    it('patchLivestream programmatically, and direct state mutation', async () => {
      api.patchLivestream(SEED_IDS.japaneseStream, { status: 'LIVE' });
      const ls = api.state.livestreams.find((l) => l.id === SEED_IDS.noSessionsStream);
      assert.ok(ls);
      ls.status = 'ERRORED';
      const live = await call(appPath(SEED_IDS.productionApp, '/livestreams?status=LIVE'));
      assert.ok(live.json.data.some((l: { id: string }) => l.id === SEED_IDS.japaneseStream));
      const errored = await call(appPath(SEED_IDS.stagingApp, '/livestreams?status=ERRORED'));
      assert.ok(errored.json.data.some((l: { id: string }) => l.id === SEED_IDS.noSessionsStream));
    });

    it('delete a livestream', async () => {
      assert.equal((await call(`/__control/livestreams/${SEED_IDS.japaneseStream}`, { method: 'DELETE', token: null })).status, 200);
      assert.equal((await call(appPath(SEED_IDS.productionApp, `/livestreams/${SEED_IDS.japaneseStream}`))).status, 404);
    });

    it('requests and reset', async () => {
      await call('/accounts?page=1');
      await call('/__control/info', { token: null });
      const reqs = await call('/__control/requests', { token: null });
      assert.equal(reqs.json.length, 1, 'control requests are not recorded');
      assert.equal(reqs.json[0].method, 'GET');
      assert.equal(reqs.json[0].path, '/client/v4/accounts');
      assert.deepEqual(reqs.json[0].query, { page: '1' });
      assert.equal(reqs.json[0].status, 200);
      assert.equal(reqs.json[0].route, 'accounts');
      assert.equal(typeof reqs.json[0].time, 'number');
      await call('/__control/requests', { method: 'DELETE', token: null });
      assert.equal(api.requests.length, 0);

      await call(appPath(SEED_IDS.productionApp, '/livestreams'), { method: 'POST', body: { name: 'temp' } });
      api.setFault('apps', { status: 500 });
      const stateRef = api.state;
      assert.equal((await post('/__control/reset')).status, 200);
      assert.equal(api.state, stateRef, 'reset refills the same state object');
      assert.equal(api.state.livestreams.filter((l) => l.name === 'temp').length, 0);
      assert.deepEqual(api.faults(), []);
      assert.equal(api.requests.length, 0);
    });
  });
});
