import assert from 'node:assert/strict';
import type { ClientOptions } from '../../src/api/api';
import { RealtimeKitClient } from '../../src/api/client';
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import type { Logger } from '../../src/shared/log';
import {
  ERR_NO_KEYFRAME,
  FAKE_ACCOUNT_ID,
  FAKE_ACCOUNT_NAME,
  FAKE_SECOND_ACCOUNT_ID,
  FAKE_SECOND_ACCOUNT_NAME,
  FAKE_TOKENS,
  SEED_APP_NAMES,
  SEED_IDS,
  SEED_NAMES,
  startFakeApi,
  type FakeApi,
} from '../fake-api/server';

const ACC = FAKE_ACCOUNT_ID;
const PROD = SEED_IDS.productionApp;

describe('RealtimeKitClient against the fake API', () => {
  let api: FakeApi;
  /** Everything any client logged, and every error message seen: checked for secrets at the end. */
  const transcript: string[] = [];

  before(async () => {
    api = await startFakeApi({ port: 0 });
  });
  after(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.clearFaults();
    api.resetRequests();
  });

  interface Harness {
    readonly client: RealtimeKitClient;
    readonly logs: string[];
    readonly sleeps: number[];
  }

  /** A client on the fake: instant recorded sleeps, logs kept per client and in the transcript. */
  function connect(overrides: Partial<ClientOptions> & { token?: string | undefined } = {}): Harness {
    const logs: string[] = [];
    const sleeps: number[] = [];
    const line = (level: string) => (m: string) => {
      logs.push(`${level} ${m}`);
      transcript.push(m);
    };
    const logger: Logger = { trace: line('trace'), debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
    const token = 'token' in overrides ? overrides.token : api.token;
    const client = new RealtimeKitClient({
      baseUrl: `${api.baseUrl}/`,
      getToken: () => token,
      logger,
      timeoutMs: 2000,
      retryBaseMs: 10,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...overrides,
    });
    return { client, logs, sleeps };
  }

  async function failure(promise: Promise<unknown>, kind: ApiErrorKind, message?: RegExp): Promise<ApiError> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
      transcript.push(err.message, err.apiMessage ?? '', err.request ?? '');
      assert.equal(err.kind, kind, `kind of: ${err.message}`);
      if (message) {
        assert.match(err.message, message);
      }
      return err;
    }
    assert.fail(`expected a ${kind} error`);
  }

  /** The app a seeded livestream lives in, read from the fake's state so seed reshuffles don't break tests. */
  const appOf = (livestreamId: string): string => {
    const appId = api.state.livestreams.find((l) => l.id === livestreamId)?.app_id;
    assert.ok(appId, `seeded livestream ${livestreamId} not found`);
    return appId;
  };

  const lastRequest = (): FakeApi['requests'][number] => {
    const r = api.requests.at(-1);
    assert.ok(r, 'no request reached the fake');
    return r;
  };

  describe('accounts and tokens', () => {
    it('lists the accounts the token can reach', async () => {
      const accounts = await connect().client.listAccounts();
      assert.deepEqual(accounts, [
        { id: FAKE_ACCOUNT_ID, name: FAKE_ACCOUNT_NAME },
        { id: FAKE_SECOND_ACCOUNT_ID, name: FAKE_SECOND_ACCOUNT_NAME },
      ]);
      assert.equal(lastRequest().path, '/client/v4/accounts');
      assert.equal(lastRequest().auth, 'admin');
    });

    it('answers an empty list for a narrowly scoped token', async () => {
      assert.deepEqual(await connect({ token: FAKE_TOKENS.unlisted }).client.listAccounts(), []);
    });

    it('verifies a user token on the user endpoint', async () => {
      const info = await connect().client.verifyToken(ACC);
      assert.equal(info.owner, 'user');
      assert.equal(info.status, 'active');
      assert.match(info.id ?? '', /^[0-9a-f]{32}$/);
      assert.equal(api.requests.length, 1);
    });

    it('falls back to the account endpoint for an account-owned token', async () => {
      const info = await connect({ token: FAKE_TOKENS.accountOwned }).client.verifyToken(ACC);
      assert.equal(info.owner, 'account');
      assert.equal(info.status, 'active');
      assert.deepEqual(
        api.requests.map((r) => [r.path, r.status]),
        [
          ['/client/v4/user/tokens/verify', 401],
          [`/client/v4/accounts/${ACC}/tokens/verify`, 200],
        ],
      );
    });

    it('without an account id an account-owned token is simply rejected', async () => {
      await failure(connect({ token: FAKE_TOKENS.accountOwned }).client.verifyToken(), 'auth', /Invalid API Token/);
    });

    it('reports an expired token as such', async () => {
      assert.equal((await connect({ token: FAKE_TOKENS.expired }).client.verifyToken()).status, 'expired');
    });
  });

  describe('apps and livestreams', () => {
    it('lists all apps of an account', async () => {
      const apps = await connect().client.listApps(ACC);
      assert.deepEqual(
        apps.map((a) => a.name).sort(),
        [SEED_APP_NAMES.bigApp, SEED_APP_NAMES.emptyApp, SEED_APP_NAMES.productionApp, SEED_APP_NAMES.stagingApp].sort(),
      );
      assert.ok(apps.every((a) => a.createdAt !== null));
      assert.equal(lastRequest().query.page_no, '1');
    });

    it('pages through apps until it has them all', async () => {
      const many = connect();
      // Shrink the page the fake serves by adding apps beyond one page of 50.
      const extra = Array.from({ length: 55 }, (_, i) => ({ id: `extra-app-${i}`, account_id: ACC, name: `Extra ${i}`, created_at: new Date(Date.UTC(2020, 0, 1 + i)).toISOString() }));
      api.state.apps.push(...extra);
      try {
        const apps = await many.client.listApps(ACC);
        assert.equal(apps.length, 59);
        assert.equal(new Set(apps.map((a) => a.id)).size, 59);
        assert.deepEqual(
          api.requests.map((r) => r.query.page_no),
          ['1', '2'],
        );
      } finally {
        api.state.apps.splice(api.state.apps.length - extra.length, extra.length);
      }
    });

    it('lists one page of livestreams, normalised, with the appId from the request', async () => {
      const c = connect().client;
      const app = appOf(SEED_IDS.liveStream);
      const page = await c.listLivestreams(ACC, app, { perPage: 100 });
      const byId = new Map(page.items.map((l) => [l.id, l]));
      assert.equal(page.paging.totalCount, page.items.length);
      assert.equal(page.items.length, api.state.livestreams.filter((l) => l.app_id === app).length);
      assert.ok(page.items.every((l) => l.appId === app));
      const live = byId.get(SEED_IDS.liveStream);
      assert.equal(live?.status, 'LIVE');
      assert.equal(live?.name, SEED_NAMES.liveStream);
      assert.equal(live?.unnamed, false);
      assert.equal(live?.ingestServer, 'rtmps://live.cloudflare.com:443/live/');
      assert.match(live?.playbackUrl ?? '', /\/manifest\/video\.m3u8$/);

      const find = async (id: string) => (await c.listLivestreams(ACC, appOf(id), { perPage: 100 })).items.find((l) => l.id === id);
      assert.equal((await find(SEED_IDS.offlineStream))?.status, 'OFFLINE');
      assert.equal((await find(SEED_IDS.disabledStream))?.disabled, true);
      assert.equal((await find(SEED_IDS.invokedStream))?.streamKey, null);
      for (const id of [SEED_IDS.nullNameStream, SEED_IDS.emptyNameStream]) {
        const unnamed = await find(id);
        assert.deepEqual([unnamed?.name, unnamed?.unnamed], [id, true]);
      }
    });

    it('sends every query parameter under its wire name', async () => {
      await connect().client.listLivestreams(ACC, SEED_IDS.bigApp, {
        pageNo: 2,
        perPage: 10,
        status: 'LIVE',
        sortOrder: 'ASC',
        startTime: '2020-01-01T00:00:00.000Z',
        endTime: '2100-01-01T00:00:00.000Z',
        excludeMeetings: false,
      });
      assert.deepEqual(lastRequest().query, {
        page_no: '2',
        per_page: '10',
        status: 'LIVE',
        sort_order: 'ASC',
        start_time: '2020-01-01T00:00:00.000Z',
        end_time: '2100-01-01T00:00:00.000Z',
        exclude_meetings: 'false',
      });
    });

    it('pages a big app and filters by status', async () => {
      const c = connect().client;
      const third = await c.listLivestreams(ACC, SEED_IDS.bigApp, { pageNo: 3, perPage: 100 });
      assert.equal(third.items.length, 60);
      assert.deepEqual(third.paging, { startOffset: 200, endOffset: 259, totalCount: 260 });
      assert.deepEqual([third.pageNo, third.perPage], [3, 100]);
      const live = await c.listLivestreams(ACC, SEED_IDS.bigApp, { status: 'LIVE', perPage: 100 });
      assert.equal(live.items.length, 5);
      assert.ok(live.items.every((l) => l.status === 'LIVE'));
    });

    it('encodes ids in paths', async () => {
      await failure(connect().client.getLivestream(ACC, PROD, 'a/b?c'), 'notFound');
      assert.equal(lastRequest().path, `/client/v4/accounts/${ACC}/realtime/kit/${PROD}/livestreams/a%2Fb%3Fc`);
    });

    it('gets a livestream with one page of sessions, newest first', async () => {
      const c = connect().client;
      const d = await c.getLivestream(ACC, appOf(SEED_IDS.manySessionsStream), SEED_IDS.manySessionsStream, { pageNo: 1, perPage: 10 });
      assert.equal(d.livestream.name, SEED_NAMES.manySessionsStream);
      assert.equal(d.sessions.length, 10);
      assert.equal(d.paging.totalCount, 36);
      const times = d.sessions.map((s) => Date.parse(s.startedTime ?? ''));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      assert.deepEqual(lastRequest().query, { page_no: '1', per_page: '10' });

      const last = await c.getLivestream(ACC, appOf(SEED_IDS.manySessionsStream), SEED_IDS.manySessionsStream, { pageNo: 4, perPage: 10 });
      assert.equal(last.sessions.length, 6);
      assert.ok(!last.sessions.some((s) => s.id === d.sessions[0]?.id), 'the newest session stays on page 1');
      assert.equal(last.latestSession?.id, d.sessions[0]?.id);
    });

    it('gets the active session of a LIVE livestream', async () => {
      const a = await connect().client.getActiveSession(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream);
      assert.equal(a.livestream.id, SEED_IDS.liveStream);
      assert.equal(a.session?.id, SEED_IDS.liveSession);
      assert.equal(a.session?.stoppedTime, null);
      assert.ok((a.session?.ingestSeconds ?? 0) > 0);
    });

    it('gets one session, with its error message', async () => {
      const s = await connect().client.getSession(ACC, appOf(SEED_IDS.erroredStream), SEED_IDS.erroredSession);
      assert.equal(s.id, SEED_IDS.erroredSession);
      assert.equal(s.livestreamId, SEED_IDS.erroredStream);
      assert.equal(s.errMessage, ERR_NO_KEYFRAME);
    });

    it('gets app analytics', async () => {
      const sessions = api.state.sessions.filter((s) => api.state.livestreams.some((l) => l.id === s.livestream_id && l.app_id === PROD));
      const a = await connect().client.getAppAnalytics(ACC, PROD, { startMs: Date.parse('2000-01-01T00:00:00Z'), endMs: Date.parse('2100-01-01T00:00:00Z') });
      assert.equal(a.count, sessions.length);
      assert.equal(a.totalIngestSeconds, sessions.reduce((sum, s) => sum + Number(s.ingest_seconds), 0));
      assert.ok(a.totalViewerSeconds > 0);
      // ISO, as the overall endpoint documents.
      assert.deepEqual(lastRequest().query, { start_time: '2000-01-01T00:00:00.000Z', end_time: '2100-01-01T00:00:00.000Z' });
    });

    it('creates a livestream with a POST and returns its credentials', async () => {
      const ls = await connect({ userAgent: 'rtk-tests' }).client.createLivestream(ACC, SEED_IDS.stagingApp, 'Created by test');
      assert.equal(ls.name, 'Created by test');
      assert.equal(ls.appId, SEED_IDS.stagingApp);
      assert.equal(ls.status, 'IDLE');
      assert.ok(ls.streamKey && ls.ingestServer && ls.playbackUrl);
      const r = lastRequest();
      assert.equal(r.method, 'POST');
      assert.deepEqual(r.body, { name: 'Created by test' });
      assert.equal(r.userAgent, 'rtk-tests');
    });
  });

  describe('alternative wire shapes', () => {
    it('objectData: a list as one object with paging inside', async () => {
      api.setFault('livestreams', { shape: 'objectData' });
      const page = await connect().client.listLivestreams(ACC, SEED_IDS.bigApp, { perPage: 5 });
      assert.equal(page.items.length, 1);
      assert.equal(page.paging.totalCount, 260);
    });

    it('objectData: a session answer as the bare session', async () => {
      api.setFault('session', { shape: 'objectData' });
      assert.equal((await connect().client.getSession(ACC, appOf(SEED_IDS.erroredStream), SEED_IDS.erroredSession)).errMessage, ERR_NO_KEYFRAME);
    });

    it('sessionsOnly and sessionOnly on the details endpoint', async () => {
      const c = connect().client;
      api.setFault('livestream', { shape: 'sessionsOnly' });
      const onlyList = await c.getLivestream(ACC, appOf(SEED_IDS.idleStream), SEED_IDS.idleStream);
      assert.equal(onlyList.sessions.length, 3);
      api.setFault('livestream', { shape: 'sessionOnly' });
      const onlyOne = await c.getLivestream(ACC, appOf(SEED_IDS.idleStream), SEED_IDS.idleStream);
      assert.equal(onlyOne.sessions.length, 1);
      assert.equal(onlyOne.sessions[0]?.id, onlyList.sessions[0]?.id, 'the single session is the newest');
      assert.equal(onlyOne.paging.totalCount, 3);
    });

    it('stringNumbers and booleanDisabledAsString', async () => {
      const c = connect().client;
      const plain = await c.getLivestream(ACC, appOf(SEED_IDS.disabledStream), SEED_IDS.disabledStream);
      api.setFault('livestream', { shape: ['stringNumbers', 'booleanDisabledAsString'] });
      const odd = await c.getLivestream(ACC, appOf(SEED_IDS.disabledStream), SEED_IDS.disabledStream);
      assert.deepEqual(odd, plain);
      assert.equal(odd.livestream.disabled, true);
      assert.ok(odd.sessions.every((s) => typeof s.ingestSeconds === 'number' && s.ingestSeconds > 0));
      api.setFault('analytics', { shape: 'stringNumbers' });
      assert.ok((await c.getAppAnalytics(ACC, PROD)).totalIngestSeconds > 0);
    });

    it('missingFields: names fall back to ids, statuses become UNKNOWN, nothing crashes', async () => {
      api.setFault('livestreams', { shape: 'missingFields' });
      const page = await connect().client.listLivestreams(ACC, PROD);
      assert.ok(page.items.length > 0);
      for (const l of page.items) {
        assert.deepEqual([l.name, l.unnamed, l.status, l.disabled, l.createdAt, l.streamKey], [l.id, true, 'UNKNOWN', false, null, null]);
      }
    });

    it('resultWrapper: a RealtimeKit answer in the Cloudflare envelope', async () => {
      const c = connect().client;
      api.setFault('livestreams', { shape: 'resultWrapper' });
      const page = await c.listLivestreams(ACC, SEED_IDS.bigApp, { perPage: 10 });
      assert.equal(page.items.length, 10);
      assert.equal(page.paging.totalCount, 260);
      api.setFault('apps', { shape: 'resultWrapper' });
      assert.equal((await c.listApps(ACC)).length, 4);
    });
  });

  describe('failures', () => {
    it('no token: auth, and no request at all', async () => {
      await failure(connect({ token: undefined }).client.listApps(ACC), 'auth', /No API token is set/);
      assert.equal(api.requests.length, 0);
    });

    it('a wrong token: auth with the fix and the API text', async () => {
      const err = await failure(connect({ token: 'not-a-real-token-0123456789' }).client.listLivestreams(ACC, PROD), 'auth', /rejected \(401\)\. Set a new token with “RealtimeKit: Set API Token”\./);
      assert.match(err.message, /Authentication error/);
      assert.equal(api.requests.length, 1, '401 is not retried');
    });

    it('a token without the Realtime permission: permission, naming the account', async () => {
      await failure(connect({ token: FAKE_TOKENS.noRealtime }).client.listApps(ACC), 'permission', new RegExp(`Realtime permission.*account ${ACC}`));
    });

    it('a read-only token cannot create: permission, and the POST is not retried', async () => {
      await failure(connect({ token: FAKE_TOKENS.readOnly }).client.createLivestream(ACC, PROD, 'x'), 'permission', /Realtime Admin/);
      assert.equal(api.requests.length, 1);
    });

    it('unknown livestream: notFound', async () => {
      await failure(connect().client.getLivestream(ACC, PROD, 'does-not-exist'), 'notFound', /NOT_FOUND: livestream not found/);
    });

    it('create validation: badResponse with the API message', async () => {
      await failure(connect().client.createLivestream(ACC, PROD, '  '), 'badResponse', /BAD_REQUEST: name is required/);
    });

    it('429 with a long Retry-After fails at once with the wait in the message', async () => {
      api.setFault('livestreams', { status: 429, retryAfter: 120 });
      const h = connect();
      const err = await failure(h.client.listLivestreams(ACC, PROD), 'rateLimited', /try again in 120 s/);
      assert.equal(err.retryAfterSeconds, 120);
      assert.equal(api.requests.length, 1);
      assert.deepEqual(h.sleeps, []);
    });

    it('429 with a short Retry-After waits that long and succeeds', async () => {
      api.setFault('livestreams', { status: 429, retryAfter: 1, times: 1 });
      const h = connect();
      const page = await h.client.listLivestreams(ACC, PROD);
      assert.ok(page.items.length > 0);
      assert.deepEqual(h.sleeps, [1000]);
      assert.deepEqual(api.requests.map((r) => r.status), [429, 200]);
    });

    it('500 then success: retried with backoff', async () => {
      api.setFault('livestream', { status: 500, times: 2 });
      // The jitter's random number fixed in the middle: with any other, the two jittered waits
      // could round to the same 10 ms.
      const h = connect({ random: () => 0.5 });
      const d = await h.client.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream);
      assert.equal(d.livestream.id, SEED_IDS.liveStream);
      assert.deepEqual(api.requests.map((r) => r.status), [500, 500, 200]);
      assert.deepEqual(h.sleeps, [8, 15], 'backoff doubles: 10 ms × 2^attempt, jittered to 75 %');
      assert.equal(h.logs.filter((l) => l.startsWith('warn') && / → 500 .*retry/.test(l)).length, 2);
    });

    it('5xx that does not recover: server error saying try again later', async () => {
      api.setFault('apps', { status: 503 });
      const h = connect({ maxRetries: 2 });
      await failure(h.client.listApps(ACC), 'server', /answered 503 .*try again later.*please try again later/);
      assert.equal(api.requests.length, 3);
    });

    it('a hanging server: timeout', async () => {
      api.setFault('livestreams', { hang: true });
      const h = connect({ timeoutMs: 60, maxRetries: 1 });
      await failure(h.client.listLivestreams(ACC, PROD), 'timeout', /^No answer from 127\.0\.0\.1:\d+ after \d+ ms \(\d attempts\)/);
      assert.equal(api.requests.length, 2);
    });

    it('HTML, malformed and empty bodies: badResponse', async () => {
      const c = connect().client;
      api.setFault('livestreams', { body: 'html', times: 1 });
      await failure(c.listLivestreams(ACC, PROD), 'badResponse', /HTML instead of JSON — a proxy or captive portal\?/);
      api.setFault('livestreams', { body: 'malformed', times: 1 });
      await failure(c.listLivestreams(ACC, PROD), 'badResponse', /malformed JSON/);
      api.setFault('livestreams', { body: 'empty', times: 1 });
      await failure(c.listLivestreams(ACC, PROD), 'badResponse', /empty body/);
    });

    it('reads all three error shapes', async () => {
      const c = connect().client;
      api.setFault('livestream', { status: 400, body: 'cloudflareError', message: 'cf says no', times: 1 });
      await failure(c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream), 'badResponse', /cf says no/);
      api.setFault('livestream', { status: 404, body: 'kitError', message: 'kit says gone', times: 1 });
      await failure(c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream), 'notFound', /kit says gone/);
      api.setFault('livestream', { status: 401, body: 'bareMessage', message: 'Unauthorized', times: 1 });
      await failure(c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream), 'auth', /The API said: Unauthorized/);
    });

    it('success:false sent with 200 is an error', async () => {
      api.setFault('livestreams', { status: 200, body: 'kitError', message: 'quota exceeded', times: 1 });
      await failure(connect().client.listLivestreams(ACC, PROD), 'badResponse', /quota exceeded/);
    });

    it('the caller cancelling: cancelled', async () => {
      api.setFault('livestreams', { latencyMs: 200 });
      const controller = new AbortController();
      const pending = connect().client.listLivestreams(ACC, PROD, {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await failure(pending, 'cancelled');
    });
  });

  describe('secrets', () => {
    it('never puts the token or a stream key in a log line or an error message', async () => {
      const h = connect();
      const c = h.client;
      const seen = await c.listLivestreams(ACC, appOf(SEED_IDS.liveStream), { perPage: 100 });
      const key = seen.items.find((l) => l.id === SEED_IDS.liveStream)?.streamKey;
      assert.ok(key, 'the seeded LIVE stream has a key');
      // An API that echoes secrets in its error text, in every error shape.
      const echo = `token ${api.token} key ${key} url rtmps://live.cloudflare.com:443/live/${key}`;
      for (const body of ['cloudflareError', 'kitError', 'bareMessage'] as const) {
        api.setFault('livestream', { status: 400, body, message: echo, times: 1 });
        await failure(c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream), 'badResponse', /\[redacted\]/);
      }
      api.setFault('livestream', { status: 200, body: 'kitError', message: echo, times: 1 });
      await failure(c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream), 'badResponse');
      api.setFault('livestream', { status: 503, body: 'kitError', message: echo, times: 1 });
      await c.getLivestream(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream);
      await c.getActiveSession(ACC, appOf(SEED_IDS.liveStream), SEED_IDS.liveStream);
      await c.createLivestream(ACC, PROD, 'secret check');
      assert.ok(h.logs.length >= 7);

      const everything = transcript.join('\n');
      const secrets = [...Object.values(FAKE_TOKENS), ...api.state.livestreams.map((l) => l.stream_key).filter((k): k is string => !!k)];
      for (const secret of secrets) {
        assert.ok(!everything.includes(secret), `a secret leaked: …${secret.slice(-6)}`);
      }
      assert.ok(!/authorization/i.test(everything), 'no Authorization header in logs');
    });
  });
});
