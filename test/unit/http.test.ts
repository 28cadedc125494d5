import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientOptions } from '../../src/api/api';
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import { HttpClient, buildUrl, defaultSleep, parseRetryAfter } from '../../src/api/http';
import type { Logger } from '../../src/shared/log';

const TOKEN = 'test-token-Zq9xW3vB7nM2kL5pR8tY1uI4oA6sD0fG';

interface Hit {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

/** A real server on a real socket; `handler` decides each answer, `hits` records each request. */
async function startServer(handler: Handler): Promise<{ url: string; port: number; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, hits.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/client/v4/`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const OK = { success: true, data: [{ id: 'ls-1' }] };

interface Harness {
  readonly http: HttpClient;
  readonly logs: string[];
  readonly sleeps: number[];
}

/** Sleeps are recorded and resolve at once: retry tests check the delays without waiting for them. */
function client(baseUrl: string, overrides: Partial<ClientOptions> = {}): Harness {
  const logs: string[] = [];
  const sleeps: number[] = [];
  const logger: Logger = {
    trace: (m) => logs.push(`trace ${m}`),
    debug: (m) => logs.push(`debug ${m}`),
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  const options: ClientOptions = {
    baseUrl,
    getToken: () => TOKEN,
    logger,
    retryBaseMs: 100,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  };
  return { http: new HttpClient(options), logs, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the request to fail');
}

function assertKind(err: ApiError, kind: ApiErrorKind, message?: RegExp): void {
  assert.equal(err.kind, kind, `kind of: ${err.message}`);
  if (message) {
    assert.match(err.message, message);
  }
  assert.ok(!err.message.includes(TOKEN), 'token leaked into the message');
}

describe('http core', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  async function serve(handler: Handler): ReturnType<typeof startServer> {
    const s = await startServer(handler);
    servers.push(s);
    return s;
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('requests', () => {
    it('sends the token, Accept and User-Agent, builds the URL and logs one line', async () => {
      const s = await serve((_req, res) => json(res, 200, OK));
      const h = client(s.url, { userAgent: 'rtk-test/1.0' });
      const body = await h.http.get('/accounts/a%2Fb/x', { page_no: 1, per_page: 25, status: undefined, exclude_meetings: 'false' });
      assert.deepEqual(body, OK);
      assert.equal(s.hits.length, 1);
      const hit = s.hits[0]!;
      assert.equal(hit.method, 'GET');
      assert.equal(hit.url, '/client/v4/accounts/a%2Fb/x?page_no=1&per_page=25&exclude_meetings=false');
      assert.equal(hit.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(hit.headers.accept, 'application/json');
      assert.equal(hit.headers['user-agent'], 'rtk-test/1.0');
      assert.equal(hit.headers['content-type'], undefined);
      assert.equal(h.logs.length, 1);
      assert.match(h.logs[0]!, /^info GET \/accounts\/a%2Fb\/x\?page_no=1&per_page=25&exclude_meetings=false → 200 \(\d+ ms\)$/);
    });

    it('POSTs JSON with Content-Type', async () => {
      const s = await serve((_req, res) => json(res, 201, { success: true, data: { id: 'new' } }));
      const h = client(s.url);
      assert.deepEqual(await h.http.post('/things', { name: 'Main' }), { success: true, data: { id: 'new' } });
      assert.equal(s.hits[0]?.method, 'POST');
      assert.equal(s.hits[0]?.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(s.hits[0]?.body ?? ''), { name: 'Main' });
    });

    it('reads the token for each request, so a new token applies at once', async () => {
      const s = await serve((_req, res) => json(res, 200, OK));
      let token = 'first-token-1234';
      const h = client(s.url, { getToken: async () => token });
      await h.http.get('/a');
      token = 'second-token-5678';
      await h.http.get('/a');
      assert.deepEqual(s.hits.map((x) => x.headers.authorization), ['Bearer first-token-1234', 'Bearer second-token-5678']);
    });

    it('fails with auth and sends nothing when no token is set', async () => {
      let fetched = 0;
      const h = client('http://127.0.0.1:9', {
        getToken: () => undefined,
        fetch: async () => {
          fetched++;
          return new Response('{}');
        },
      });
      assertKind(await rejection(h.http.get('/accounts')), 'auth', /No API token is set/);
      assertKind(await rejection(h.http.post('/x', {})), 'auth');
      assert.equal(fetched, 0);
    });

    it('builds URLs without double slashes and skips undefined query values', () => {
      assert.equal(buildUrl('https://h/v4///', '/a', { b: 1, c: undefined, d: true }), 'https://h/v4/a?b=1&d=true');
      assert.equal(buildUrl('https://h/v4', '/a'), 'https://h/v4/a');
    });
  });

  describe('error statuses', () => {
    it('401 is auth, tells how to fix it, includes the API text and never the token', async () => {
      // A hostile or careless server echoing the token must not get it into our message.
      const s = await serve((_req, res) => json(res, 401, { success: false, errors: [{ code: 10000, message: `Invalid token ${TOKEN}` }] }));
      const h = client(s.url);
      const err = await rejection(h.http.get('/accounts'));
      assertKind(err, 'auth', /The API token was rejected \(401\)\. Set a new token with “RealtimeKit: Set API Token”\./);
      assert.match(err.message, /Invalid token \[redacted\] \(code 10000\)/);
      assert.equal(err.status, 401);
      assert.equal(s.hits.length, 1, '401 is not retried');
      assert.ok(!h.logs.join('\n').includes(TOKEN));
    });

    it('403 is permission and names the Realtime permission and the account', async () => {
      const s = await serve((_req, res) => json(res, 403, { message: 'Forbidden' }));
      const err = await rejection(client(s.url).http.get('/accounts/acc123/realtime/kit/apps'));
      assertKind(err, 'permission', /Realtime permission.*account acc123.*Forbidden/);
    });

    it('404 is notFound with the RealtimeKit error text', async () => {
      const s = await serve((_req, res) => json(res, 404, { success: false, error: { code: 404, message: 'Livestream not found' } }));
      const err = await rejection(client(s.url).http.get('/accounts/a/realtime/kit/b/livestreams/zz', { page_no: 1 }));
      assertKind(err, 'notFound', /Not found \(404\): GET \/accounts\/a\/realtime\/kit\/b\/livestreams\/zz\. .*Livestream not found/);
      assert.equal(err.apiMessage, 'Livestream not found');
      assert.equal(err.request, 'GET /accounts/a/realtime/kit/b/livestreams/zz?page_no=1');
    });

    it('other 4xx is badResponse with the API message, and is not retried', async () => {
      const s = await serve((_req, res) => json(res, 400, { success: false, error: { code: 400, message: 'BAD_REQUEST: name must be a string' } }));
      const h = client(s.url);
      const err = await rejection(h.http.post('/livestreams', { name: 5 }));
      assertKind(err, 'badResponse', /400.*BAD_REQUEST: name must be a string/);
      assert.equal(s.hits.length, 1);
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 with jittered exponential backoff, then succeeds', async () => {
      const s = await serve((_req, res, n) => (n <= 2 ? json(res, 503, { message: 'busy' }) : json(res, 200, OK)));
      const h = client(s.url);
      assert.deepEqual(await h.http.get('/a'), OK);
      assert.equal(s.hits.length, 3);
      // 100 * 2^attempt * (0.5 + 0.5/2)
      assert.deepEqual(h.sleeps, [75, 150]);
      const warns = h.logs.filter((l) => l.startsWith('warn'));
      assert.equal(warns.length, 2);
      assert.match(warns[0]!, /GET \/a → 503 \(\d+ ms\); retry 1\/3 in 75 ms \(server error 503\)/);
      assert.match(h.logs.at(-1)!, /^info GET \/a → 200/);
    });

    it('gives up after maxRetries with a server error that says try again later', async () => {
      const s = await serve((_req, res) => json(res, 500, { success: false, errors: [{ code: 7000, message: 'Internal' }] }));
      const h = client(s.url, { maxRetries: 2 });
      const err = await rejection(h.http.get('/a'));
      assertKind(err, 'server', /answered 500 Internal Server Error to GET \/a: try again later\. The API said: Internal \(code 7000\)/);
      assert.equal(s.hits.length, 3);
      assert.equal(h.sleeps.length, 2);
    });

    it('never retries a POST', async () => {
      const s = await serve((_req, res) => json(res, 502, {}));
      const h = client(s.url);
      assertKind(await rejection(h.http.post('/a', {})), 'server', /answered 502/);
      assert.equal(s.hits.length, 1);
      assert.deepEqual(h.sleeps, []);
    });

    it('bounds every backoff by maxRetryDelayMs', async () => {
      const s = await serve((_req, res) => json(res, 504, {}));
      const h = client(s.url, { retryBaseMs: 800, maxRetryDelayMs: 1000, random: () => 1 });
      await rejection(h.http.get('/a'));
      assert.deepEqual(h.sleeps, [800, 1000, 1000]);
    });

    it('honours Retry-After in seconds on 429', async () => {
      const s = await serve((_req, res, n) => (n === 1 ? json(res, 429, { message: 'slow down' }, { 'Retry-After': '2' }) : json(res, 200, OK)));
      const h = client(s.url);
      assert.deepEqual(await h.http.get('/a'), OK);
      assert.deepEqual(h.sleeps, [2000]);
      assert.ok(h.logs.some((l) => /retry 1\/3 in 2 s \(rate limited, Retry-After 2 s\)/.test(l)), h.logs.join('\n'));
    });

    it('honours Retry-After as an HTTP date', async () => {
      const when = new Date(Date.now() + 5000).toUTCString();
      const s = await serve((_req, res, n) => (n === 1 ? json(res, 503, {}, { 'Retry-After': when }) : json(res, 200, OK)));
      const h = client(s.url);
      await h.http.get('/a');
      assert.equal(h.sleeps.length, 1);
      assert.ok(h.sleeps[0]! >= 3000 && h.sleeps[0]! <= 6000, `waited ${h.sleeps[0]}`);
    });

    it('fails at once with rateLimited when Retry-After is longer than it is willing to wait', async () => {
      const s = await serve((_req, res) => json(res, 429, { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }] }, { 'Retry-After': '300' }));
      const h = client(s.url);
      const err = await rejection(h.http.get('/a'));
      assertKind(err, 'rateLimited', /rate limiting.*\(429\): try again in 300 s\..*throttling/);
      assert.equal(err.retryAfterSeconds, 300);
      assert.equal(s.hits.length, 1);
      assert.deepEqual(h.sleeps, []);
    });

    it('the default sleep waits, and stops early on abort', async () => {
      const started = Date.now();
      await defaultSleep(20);
      assert.ok(Date.now() - started >= 15);
      const controller = new AbortController();
      const pending = defaultSleep(60_000, controller.signal);
      controller.abort();
      await assert.rejects(pending);
      await assert.rejects(defaultSleep(10, AbortSignal.abort()));
    });

    it('parses Retry-After forms', () => {
      const now = Date.parse('2025-01-01T00:00:00Z');
      assert.equal(parseRetryAfter('120', now), 120);
      assert.equal(parseRetryAfter(' 1.2 ', now), 2);
      assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30);
      assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
      assert.equal(parseRetryAfter('soon', now), undefined);
      assert.equal(parseRetryAfter(null, now), undefined);
    });
  });

  describe('bad answers', () => {
    it('HTML with 200 is badResponse that suspects a proxy or captive portal', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!doctype html><html><body>Sign in to the Wi-Fi</body></html>');
      });
      const h = client(s.url);
      assertKind(await rejection(h.http.get('/a')), 'badResponse', /answered with HTML instead of JSON — a proxy or captive portal\?/);
      assert.equal(s.hits.length, 1, 'a bad answer is not retried');
    });

    it('HTML with 502 is a server error, and retried', async () => {
      const s = await serve((_req, res, n) => {
        if (n === 1) {
          res.writeHead(502, { 'Content-Type': 'text/html' });
          res.end('<html>Bad gateway</html>');
        } else {
          json(res, 200, OK);
        }
      });
      assert.deepEqual(await client(s.url).http.get('/a'), OK);
      assert.equal(s.hits.length, 2);
    });

    it('malformed and empty JSON are badResponse', async () => {
      const s = await serve((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(req.url?.endsWith('/empty') ? '' : '{"success": true, "data": [');
      });
      const h = client(s.url);
      assertKind(await rejection(h.http.get('/bad')), 'badResponse', /malformed JSON/);
      assertKind(await rejection(h.http.get('/empty')), 'badResponse', /empty body/);
    });

    it('success:false with 200 is an error carrying the API text, classified by its code when it has one', async () => {
      const s = await serve((req, res) =>
        json(res, 200, req.url?.endsWith('/coded') ? { success: false, error: { code: 404, message: 'no such app' } } : { success: false, errors: [{ code: 1234, message: 'Something odd' }] }),
      );
      const h = client(s.url);
      assertKind(await rejection(h.http.get('/plain')), 'badResponse', /reported a failure: Something odd \(code 1234\)/);
      assertKind(await rejection(h.http.get('/coded')), 'notFound', /no such app/);
    });
  });

  describe('network, timeout, cancel', () => {
    it('connection refused is network, names the host only, and is retried', async () => {
      const s = await startServer((_req, res) => json(res, 200, OK));
      await s.close();
      const h = client(`http://127.0.0.1:${s.port}/client/v4`, { maxRetries: 2 });
      const err = await rejection(h.http.get('/accounts/secret-path', { page_no: 1 }));
      assertKind(err, 'network', new RegExp(`^Couldn't reach 127\\.0\\.0\\.1:${s.port}: connection refused\\. Check realtimekit\\.apiBaseUrl and your network\\.$`));
      assert.equal(h.sleeps.length, 2);
      assert.ok(h.logs.some((l) => /retry 1\/2 .*\(network error\)/.test(l)), h.logs.join('\n'));
    });

    it('no answer within timeoutMs is timeout, retried, and says how long it waited in all', async () => {
      const s = await serve(() => undefined); // never answers
      const h = client(s.url, { timeoutMs: 50, maxRetries: 1 });
      const started = Date.now();
      const err = await rejection(h.http.get('/a'));
      assertKind(err, 'timeout', /^No answer from 127\.0\.0\.1:\d+ after \d+ ms \(2 attempts\)\. Check your network and realtimekit\.apiBaseUrl, then try again\.$/);
      assert.equal(s.hits.length, 2);
      assert.ok(Date.now() - started < 1000);
    });

    it('one deadline bounds a read across its attempts, whatever the per-attempt timeout', async () => {
      const s = await serve(() => undefined);
      // Real sleeps: the waits between attempts count against the deadline too.
      const h = client(s.url, { timeoutMs: 400, deadlineMs: 1000, retryBaseMs: 50, sleep: defaultSleep });
      const started = Date.now();
      const err = await rejection(h.http.get('/a'));
      const took = Date.now() - started;
      assertKind(err, 'timeout', /after \d+ ms \(2 attempts\)/);
      assert.equal(s.hits.length, 2, 'a third attempt would not fit in the deadline');
      assert.ok(took >= 800 && took < 1000 + 500, `took ${took} ms`);
    });

    it('a server that sends headers and then stalls also times out', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"success":');
      });
      const h = client(s.url, { timeoutMs: 50, maxRetries: 0 });
      assertKind(await rejection(h.http.get('/a')), 'timeout');
    });

    it('the caller aborting gives cancelled, quickly', async () => {
      const s = await serve(() => undefined);
      const h = client(s.url);
      const controller = new AbortController();
      const pending = h.http.get('/a', undefined, controller.signal);
      setTimeout(() => controller.abort(), 20);
      const started = Date.now();
      assertKind(await rejection(pending), 'cancelled');
      assert.ok(Date.now() - started < 500);
      assert.equal(h.sleeps.length, 0, 'a cancelled request is not retried');
    });

    it('an already aborted signal sends nothing', async () => {
      const s = await serve((_req, res) => json(res, 200, OK));
      assertKind(await rejection(client(s.url).http.get('/a', undefined, AbortSignal.abort())), 'cancelled');
      assert.equal(s.hits.length, 0);
    });

    it('aborting during the backoff wait cancels without another attempt', async () => {
      const s = await serve((_req, res) => json(res, 503, {}));
      const controller = new AbortController();
      const h = client(s.url, {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            controller.abort();
            if (signal?.aborted) reject(new Error('aborted'));
          }),
      });
      assertKind(await rejection(h.http.get('/a', undefined, controller.signal)), 'cancelled');
      assert.equal(s.hits.length, 1);
    });
  });

  describe('limits', () => {
    it('a redirect is not followed (the token goes nowhere else) and not retried', async () => {
      const s = await serve((req, res) => {
        res.writeHead(302, { Location: `${req.url}-again` });
        res.end();
      });
      const h = client(s.url);
      const err = await rejection(h.http.get('/accounts'));
      assertKind(err, 'badResponse', /redirected GET \/accounts to \/client\/v4\/accounts-again \(302\)\. .*realtimekit\.apiBaseUrl/);
      assert.equal(s.hits.length, 1);
      assert.deepEqual(h.sleeps, []);
    });

    it('an answer over maxBodyBytes is refused while it streams in, with or without Content-Length', async () => {
      let unfinished = 0;
      const s = await serve((req, res) => {
        res.on('close', () => {
          if (!res.writableFinished) unfinished++;
        });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.writeHead(200, req.url?.endsWith('/declared') ? { 'Content-Type': 'application/json', 'Content-Length': String(64 * chunk.length) } : { 'Content-Type': 'application/json' });
        let sent = 0;
        const pump = (): void => {
          while (sent < 64) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
      const h = client(s.url, { maxBodyBytes: 256 * 1024 });
      for (const path of ['/streamed', '/declared']) {
        assertKind(await rejection(h.http.get(path)), 'badResponse', /answer larger than 0 MB|larger than/);
      }
      assert.equal(s.hits.length, 2, 'not retried');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(unfinished, 2, 'the client stopped reading before the server finished writing');
    });

    it('a token a header cannot carry is refused before anything is sent, by position', async () => {
      let fetched = 0;
      const h = client('http://127.0.0.1:9', {
        getToken: () => 'abc€def',
        fetch: async () => {
          fetched++;
          return new Response('{}');
        },
      });
      const err = await rejection(h.http.get('/accounts'));
      assertKind(err, 'auth', /a non-ASCII character at position 4.*Set API Token/);
      assert.ok(!err.message.includes('abc'), 'the token is not echoed');
      assert.equal(fetched, 0);
    });

    it('DNS "not found" and TLS errors are not retried; a reset is', async () => {
      const failing = (code: string) => async (): Promise<Response> => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      };
      for (const [code, kind, tries] of [['ENOTFOUND', 'network', 1], ['CERT_HAS_EXPIRED', 'network', 1], ['ECONNRESET', 'network', 4]] as const) {
        const h = client('https://nowhere.invalid', { fetch: failing(code) });
        assertKind(await rejection(h.http.get('/a')), kind);
        assert.equal(h.sleeps.length, tries - 1, code);
      }
    });

    it('plain http to another machine is asked about once; refused, nothing is sent; loopback is never asked', async () => {
      let fetched = 0;
      const asked: string[] = [];
      const fetchCounter = async (): Promise<Response> => {
        fetched++;
        return new Response(JSON.stringify(OK), { headers: { 'content-type': 'application/json' } });
      };
      const refuse = client('http://api.example.test/client/v4', { fetch: fetchCounter, approveInsecure: async (url) => (asked.push(url), false) });
      const errors = await Promise.all([rejection(refuse.http.get('/a')), rejection(refuse.http.get('/b'))]);
      for (const err of errors) assertKind(err, 'insecure', /^Nothing was sent: realtimekit\.apiBaseUrl \(http:\/\/api\.example\.test\/client\/v4\) is plain http/);
      assert.deepEqual(asked, ['http://api.example.test/client/v4'], 'asked once for both requests');
      assert.equal(fetched, 0);

      const accept = client('http://api.example.test/client/v4', { fetch: fetchCounter, approveInsecure: async () => true });
      assert.deepEqual(await accept.http.get('/a'), OK);
      assert.equal(fetched, 1);

      const nobodyToAsk = client('http://api.example.test/client/v4', { fetch: fetchCounter });
      assertKind(await rejection(nobodyToAsk.http.get('/a')), 'insecure');

      const local = client('http://127.0.0.1:9/client/v4', { fetch: fetchCounter, approveInsecure: async (url) => (asked.push(url), false) });
      assert.deepEqual(await local.http.get('/a'), OK);
      assert.equal(asked.length, 1, 'loopback is not asked about');
    });

    it('never more than four attempts, whatever maxRetries says', async () => {
      const s = await serve((_req, res) => json(res, 503, {}));
      const h = client(s.url, { maxRetries: 10 });
      await rejection(h.http.get('/a'));
      assert.equal(s.hits.length, 4);
    });

    it('a Retry-After beyond the deadline fails at once and says when to come back', async () => {
      const s = await serve((_req, res) => json(res, 429, {}, { 'Retry-After': '25' }));
      const h = client(s.url, { deadlineMs: 20_000 });
      assertKind(await rejection(h.http.get('/a')), 'rateLimited', /try again in 25 s/);
      assert.equal(s.hits.length, 1);
    });
  });
});
