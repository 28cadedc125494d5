// Tests of the fake OBS WebSocket server (test/fake-obs) over real sockets: with obs-websocket-js
// itself (the client the extension will use), with a raw `ws` client for the exact wire messages,
// and with a real ffmpeg publishing to a real local RTMP ingest.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import WebSocket from 'ws';
import {
  ffmpegArgs,
  keyintFrames,
  ObsOutputState,
  REDACTED,
  redactSecrets,
  RequestStatus,
  rtmpTarget,
  startFakeObs,
  WebSocketCloseCode,
  EventSubscription,
  type FakeObs,
  type FakeObsOptions,
  type ObsOutputStateName,
} from '../fake-obs/server';

// The root export of obs-websocket-js is its MessagePack build under require() (package.json
// "exports" → "require" → dist/msgpack.cjs), and this tsconfig's node10 resolution cannot see the
// "./json" subpath's types; the JSON build's types are the package's top-level "types", so:
// eslint-disable-next-line @typescript-eslint/no-require-imports
const obsJson = require('obs-websocket-js/json') as typeof import('obs-websocket-js');
const { OBSWebSocket, OBSWebSocketError } = obsJson;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const obsMsgpack = require('obs-websocket-js') as typeof import('obs-websocket-js');
type Client = InstanceType<typeof OBSWebSocket>;

const FFMPEG = process.env.FFMPEG ?? 'ffmpeg';
const KEY = 'sk_live_0123456789abcdef';
/** Small and cheap: the pattern encodes at a few % of a core. */
const SMALL: Pick<FakeObsOptions, 'video' | 'profile'> = {
  video: { baseWidth: 320, baseHeight: 180, outputWidth: 320, outputHeight: 180 },
  profile: { SimpleOutput: { VBitrate: '300', ABitrate: '64', Preset: 'ultrafast' } },
};

// ---------------------------------------------------------------------------------------------
// Helpers.

const fakes: FakeObs[] = [];
const clients: Client[] = [];
const ingests: TestIngest[] = [];

async function fake(options: FakeObsOptions = {}): Promise<FakeObs> {
  const obs = await startFakeObs({ password: null, ...options });
  fakes.push(obs);
  return obs;
}

async function connect(obs: FakeObs, identification: { eventSubscriptions?: number } = {}): Promise<Client> {
  const client = new OBSWebSocket();
  clients.push(client);
  await client.connect(obs.url, obs.password ?? undefined, identification);
  return client;
}

/** The rejection of a promise, asserting there is one. */
async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof OBSWebSocketError>> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OBSWebSocketError, `expected an OBSWebSocketError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

/** Every StreamStateChanged a client receives, and a way to wait for one. */
class StateLog {
  readonly states: ObsOutputStateName[] = [];
  readonly active: boolean[] = [];
  private waiters: (() => void)[] = [];
  constructor(client: Client) {
    client.on('StreamStateChanged', (e) => {
      this.states.push(e.outputState as ObsOutputStateName);
      this.active.push(e.outputActive);
      for (const w of this.waiters) w();
    });
  }
  wait(state: ObsOutputStateName, timeoutMs = 10000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!this.states.includes(state)) return false;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => reject(new Error(`no ${state} within ${timeoutMs} ms; got ${this.states.join(', ') || 'nothing'}`)), timeoutMs);
      if (!check()) this.waiters.push(waiter);
    });
  }
}

/** Poll a condition (a real stream's counters move on their own clock); fails with `what` after the deadline. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a fake's publisher still runs. pid_max can be small (32768 here), so a live pid must also be a test-pattern ffmpeg. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('testsrc2=');
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface IngestConnection {
  /** Bytes the publisher sent. */
  bytes: number;
  /** The receiving ffmpeg's stderr (it warns on a wrong app or stream key). */
  stderr: string;
  ffmpeg: ChildProcess;
  exited: Promise<void>;
  sockets: net.Socket[];
}

/**
 * A local RTMP ingest: for each publisher connection it starts a one-shot
 * `ffmpeg -listen 1 -i rtmp://…/app/key -c copy -f null -` and pipes the connection to it once it
 * listens. The front socket is listening before start() returns, so a publisher never races the
 * receiving ffmpeg's start-up; a reconnecting publisher gets a fresh receiver.
 */
class TestIngest {
  readonly connections: IngestConnection[] = [];
  private server: net.Server | null = null;
  port = 0;
  constructor(
    readonly app: string,
    readonly key: string,
  ) {}

  get serverUrl(): string {
    return `rtmp://127.0.0.1:${this.port}/${this.app}/`;
  }

  async start(): Promise<this> {
    this.server = net.createServer((client) => void this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    ingests.push(this);
    return this;
  }

  private async accept(client: net.Socket): Promise<void> {
    client.pause();
    const port = await freePort();
    const ffmpeg = spawn(FFMPEG, ['-hide_banner', '-nostdin', '-listen', '1', '-i', `rtmp://127.0.0.1:${port}/${this.app}/${this.key}`, '-c', 'copy', '-f', 'null', '-'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const conn: IngestConnection = { bytes: 0, stderr: '', ffmpeg, exited: new Promise((r) => ffmpeg.once('close', () => r())), sockets: [client] };
    ffmpeg.stderr!.on('data', (d: Buffer) => (conn.stderr += d.toString()));
    this.connections.push(conn);
    client.on('error', () => undefined);
    const deadline = Date.now() + 5000;
    const tryConnect = (): void => {
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('error', () => {
        if (Date.now() < deadline && !client.destroyed) setTimeout(tryConnect, 25);
        else client.destroy();
      });
      upstream.once('connect', () => {
        upstream.on('error', () => undefined);
        conn.sockets.push(upstream);
        client.on('data', (chunk: Buffer) => (conn.bytes += chunk.length));
        client.pipe(upstream);
        upstream.pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.resume();
      });
    };
    tryConnect();
  }

  /** The network drops: reset every publisher connection. */
  dropAll(): void {
    for (const c of this.connections) for (const s of c.sockets) s.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    for (const c of this.connections) c.ffmpeg.kill('SIGKILL');
    await Promise.all(this.connections.map((c) => c.exited));
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }
}

/** A raw obs-websocket connection: every text message as received, and the close code. */
class RawClient {
  readonly ws: WebSocket;
  readonly messages: string[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  constructor(url: string, protocols: string[] = ['obswebsocket.json']) {
    this.ws = new WebSocket(url, protocols);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('message', (data) => {
      this.messages.push(data.toString());
      for (const w of this.waiters) w();
    });
  }

  /** The n-th message (0-based), waiting for it. */
  message(n: number, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.messages.length <= n) return false;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.messages[n]!);
        return true;
      };
      const waiter = (): void => void check();
      const timer = setTimeout(() => reject(new Error(`no message #${n} within ${timeoutMs} ms`)), timeoutMs);
      if (!check()) this.waiters.push(waiter);
    });
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Resolves once the server has processed everything sent so far and answered a ping. */
  roundTrip(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('pong', () => resolve());
      this.ws.ping();
    });
  }
}

const sha256b64 = (s: string): string => createHash('sha256').update(s).digest('base64');

// ---------------------------------------------------------------------------------------------

describe('fake OBS (obs-websocket 5)', function () {
  this.timeout(20000);

  before(function () {
    const probe = spawnSync(FFMPEG, ['-hide_banner', '-version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      throw new Error(
        `ffmpeg is needed by the fake OBS (StartStream publishes with it) and by these tests, but "${FFMPEG} -version" failed` +
          ` (${probe.error?.message ?? `exit ${probe.status}`}). Install it (apt-get install -y ffmpeg) or set FFMPEG=/path/to/ffmpeg.`,
      );
    }
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect().catch(() => undefined)));
    const closing = fakes.splice(0);
    await Promise.all(closing.map((f) => f.close()));
    // close() kills the publisher: no ffmpeg survives a fake.
    for (const f of closing) for (const pid of f.output.pids) assert.equal(pidAlive(pid), false, `ffmpeg ${pid} still running after close()`);
    await Promise.all(ingests.splice(0).map((i) => i.close()));
  });

  describe('handshake with obs-websocket-js', () => {
    it('identifies with the right password and returns Hello + Identified data', async () => {
      const obs = await fake({ password: 'supersecretpassword' });
      const client = new OBSWebSocket();
      clients.push(client);
      const result = await client.connect(obs.url, 'supersecretpassword');
      assert.deepEqual(result, { obsStudioVersion: '32.0.1', obsWebSocketVersion: '5.6.3', rpcVersion: 1, negotiatedRpcVersion: 1 });
      assert.equal(client.identified, true);
      assert.deepEqual(
        obs.sessions.map((s) => [s.identified, s.subprotocol, s.eventSubscriptions]),
        // 5.6.3's All has no Canvases bit (added in 5.7.0).
        [[true, 'obswebsocket.json', EventSubscription.All & ~EventSubscription.Canvases]],
      );
      const version = await client.call('GetVersion');
      assert.equal(version.rpcVersion, 1);
      assert.ok(version.availableRequests.includes('GetStreamStatus'));
    });

    it('closes a wrong password with 4009 AuthenticationFailed', async () => {
      const obs = await fake({ password: 'right' });
      const err = await rejection(new OBSWebSocket().connect(obs.url, 'wrong'));
      assert.equal(err.code, WebSocketCloseCode.AuthenticationFailed);
      assert.equal(err.message, 'Authentication failed.');
    });

    it('closes an Identify without a password with 4009 too', async () => {
      const obs = await fake({ password: 'right' });
      const err = await rejection(new OBSWebSocket().connect(obs.url));
      assert.equal(err.code, 4009);
      assert.match(err.message, /missing an `authentication` string/);
    });

    it('lets anyone in when the server has no password (a given password is ignored)', async () => {
      const obs = await fake({ password: null });
      assert.equal(obs.password, null);
      await connect(obs);
      const client = new OBSWebSocket();
      clients.push(client);
      const result = await client.connect(obs.url, 'anything');
      assert.equal(result.negotiatedRpcVersion, 1);
    });

    it('generates a password like OBS when none is given', async () => {
      const obs = await fake({ password: undefined });
      assert.match(obs.password ?? '', /^[A-Za-z0-9]{16}$/);
    });

    it('sends StreamStateChanged only to sessions subscribed to Outputs (Identify, then Reidentify)', async () => {
      // An empty server makes StartStream emit STARTING and nothing else: events without ffmpeg.
      const obs = await fake();
      const deaf = await connect(obs, { eventSubscriptions: EventSubscription.None });
      const all = await connect(obs);
      const deafLog = new StateLog(deaf);
      const allLog = new StateLog(all);
      await all.call('StartStream');
      await allLog.wait(ObsOutputState.Starting);
      // Anything the server sent `deaf` before answering this request has arrived by now.
      await deaf.call('GetVersion');
      assert.deepEqual(deafLog.states, []);

      await deaf.reidentify({ eventSubscriptions: EventSubscription.Outputs });
      await all.call('StartStream');
      await deafLog.wait(ObsOutputState.Starting);
      assert.deepEqual(allLog.states, [ObsOutputState.Starting, ObsOutputState.Starting]);
      assert.deepEqual(allLog.active, [false, false]);
    });
  });

  describe('wire protocol (raw ws client)', () => {
    it('sends the documented Hello, checks the SHA-256 challenge answer, answers Identified and requests', async () => {
      const password = 'supersecretpassword';
      const obs = await fake({ password });
      const raw = new RawClient(obs.url);
      await raw.opened;
      assert.equal(raw.ws.protocol, 'obswebsocket.json');
      const helloText = await raw.message(0);
      // nlohmann::json writes keys sorted, so the exact text is predictable apart from the random strings.
      const m = /^\{"d":\{"authentication":\{"challenge":"([A-Za-z0-9+/=]{44})","salt":"([A-Za-z0-9+/=]{44})"\},"obsStudioVersion":"32\.0\.1","obsWebSocketVersion":"5\.6\.3","rpcVersion":1\},"op":0\}$/.exec(
        helloText,
      );
      assert.ok(m, helloText);
      const [, challenge, salt] = m;
      // The docs' steps, by hand: base64(sha256(password + salt)), then base64(sha256(that + challenge)).
      const secret = sha256b64(password + salt!);
      const authentication = sha256b64(secret + challenge!);
      raw.send({ op: 1, d: { rpcVersion: 1, authentication, eventSubscriptions: EventSubscription.Outputs } });
      assert.equal(await raw.message(1), '{"d":{"negotiatedRpcVersion":1},"op":2}');

      raw.send({ op: 6, d: { requestType: 'GetStreamServiceSettings', requestId: 'abc' } });
      assert.equal(
        await raw.message(2),
        '{"d":{"requestId":"abc","requestStatus":{"code":100,"result":true},"requestType":"GetStreamServiceSettings","responseData":{"streamServiceSettings":{},"streamServiceType":"rtmp_common"}},"op":7}',
      );
      raw.send({ op: 6, d: { requestType: 'NoSuchRequest', requestId: 7 } });
      assert.equal(
        await raw.message(3),
        '{"d":{"requestId":7,"requestStatus":{"code":204,"comment":"Your request type is not valid.","result":false},"requestType":"NoSuchRequest"},"op":7}',
      );
      raw.send({ op: 6, d: { requestType: 'StartStream', requestId: 's' } });
      assert.equal(await raw.message(4), '{"d":{"requestId":"s","requestStatus":{"code":100,"result":true},"requestType":"StartStream"},"op":7}');
      assert.equal(
        await raw.message(5),
        '{"d":{"eventData":{"outputActive":false,"outputState":"OBS_WEBSOCKET_OUTPUT_STARTING"},"eventIntent":64,"eventType":"StreamStateChanged"},"op":5}',
      );
      raw.ws.close();
    });

    it('sends a Hello without authentication when there is no password', async () => {
      const obs = await fake({ password: null });
      const raw = new RawClient(obs.url);
      assert.equal(await raw.message(0), '{"d":{"obsStudioVersion":"32.0.1","obsWebSocketVersion":"5.6.3","rpcVersion":1},"op":0}');
      raw.ws.close();
    });

    it('answers a RequestBatch in order and stops at the first failure with haltOnFailure', async () => {
      const obs = await fake();
      const client = await connect(obs);
      const results = await client.callBatch(
        [
          { requestType: 'GetVideoSettings', requestId: 'v' },
          { requestType: 'Sleep', requestData: { sleepMillis: 10 } },
          { requestType: 'Bogus' as never },
          { requestType: 'GetVersion' },
        ],
        { haltOnFailure: true },
      );
      assert.deepEqual(
        results.map((r) => [r.requestType, r.requestStatus.code, r.requestId]),
        [
          ['GetVideoSettings', 100, 'v'],
          ['Sleep', 100, undefined],
          ['Bogus', 204, undefined],
        ],
      );
      // Sleep outside a batch is refused, as in OBS.
      assert.equal((await rejection(client.call('Sleep', { sleepMillis: 1 }))).code, RequestStatus.UnsupportedRequestBatchExecutionType);
    });

    const closeCases: { name: string; messages: (hello: { challenge?: string; salt?: string }) => unknown[]; code: number; reason: RegExp }[] = [
      { name: 'a wrong authentication string', messages: () => [{ op: 1, d: { rpcVersion: 1, authentication: 'AAAA' } }], code: 4009, reason: /^Authentication failed\.$/ },
      { name: 'an unsupported rpcVersion', messages: (h) => [{ op: 1, d: { rpcVersion: 2, authentication: auth(h) } }], code: 4010, reason: /not supported/ },
      { name: 'a missing rpcVersion', messages: (h) => [{ op: 1, d: { authentication: auth(h) } }], code: 4003, reason: /missing an `rpcVersion`/ },
      { name: 'a request before Identify', messages: () => [{ op: 6, d: { requestType: 'GetVersion', requestId: '1' } }], code: 4007, reason: /while not identified/ },
      {
        name: 'a second Identify',
        messages: (h) => [
          { op: 1, d: { rpcVersion: 1, authentication: auth(h) } },
          { op: 1, d: { rpcVersion: 1, authentication: auth(h) } },
        ],
        code: 4008,
        reason: /already Identified/,
      },
      { name: 'a 4.x request', messages: () => [{ 'request-type': 'GetVersion', 'message-id': '1' }], code: 4010, reason: /pre-5\.0\.0 plugin protocol/ },
      { name: 'text that is not JSON', messages: () => ['{nope'], code: 4002, reason: /^Unable to decode Json/ },
      { name: 'a non-object payload', messages: () => ['[1,2]'], code: 4002, reason: /non-object payload/ },
      { name: 'a message without op', messages: () => [{ d: {} }], code: 4006, reason: /missing an `op`/ },
      // Only Identify may come first, so an unknown op is judged after identification.
      {
        name: 'an unknown op',
        messages: (h) => [{ op: 1, d: { rpcVersion: 1, authentication: auth(h) } }, { op: 4, d: {} }],
        code: 4006,
        reason: /^Unknown OpCode: 4$/,
      },
      { name: 'an unknown op before Identify', messages: () => [{ op: 4, d: {} }], code: 4007, reason: /while not identified/ },
      { name: 'a message without d', messages: () => [{ op: 1 }], code: 4003, reason: /missing data/ },
      {
        name: 'a negative eventSubscriptions',
        messages: (h) => [{ op: 1, d: { rpcVersion: 1, authentication: auth(h), eventSubscriptions: -1 } }],
        code: 4004,
        reason: /eventSubscriptions/,
      },
      {
        name: 'a request without requestId',
        messages: (h) => [{ op: 1, d: { rpcVersion: 1, authentication: auth(h) } }, { op: 6, d: { requestType: 'GetVersion' } }],
        code: 4003,
        reason: /requestId/,
      },
    ];
    const auth = (h: { challenge?: string; salt?: string }): string => sha256b64(sha256b64('pw' + (h.salt ?? '')) + (h.challenge ?? ''));
    for (const c of closeCases) {
      it(`closes ${c.name} with ${c.code}`, async () => {
        const obs = await fake({ password: 'pw' });
        const raw = new RawClient(obs.url);
        const hello = JSON.parse(await raw.message(0)) as { d: { authentication: { challenge: string; salt: string } } };
        for (const msg of c.messages(hello.d.authentication)) raw.send(msg);
        const closed = await raw.closed;
        assert.equal(closed.code, c.code);
        assert.match(closed.reason, c.reason);
      });
    }

    it('closes a binary frame with 4002 (JSON sessions only take text)', async () => {
      const obs = await fake();
      const raw = new RawClient(obs.url);
      await raw.message(0);
      raw.ws.send(Buffer.from('{}'), { binary: true });
      assert.equal((await raw.closed).code, WebSocketCloseCode.MessageDecodeError);
    });

    it('closes every session with 4011 on kick() and 1001 "Server stopping." on close()', async () => {
      const obs = await fake();
      const kicked = await connect(obs);
      const closedByKick = new Promise<{ code: number; message: string }>((resolve) => kicked.once('ConnectionClosed', (e) => resolve(e)));
      obs.kick();
      assert.equal((await closedByKick).code, WebSocketCloseCode.SessionInvalidated);

      const client = await connect(obs);
      const closed = new Promise<{ code: number; message: string }>((resolve) => client.once('ConnectionClosed', (e) => resolve(e)));
      await obs.close();
      const e = await closed;
      assert.deepEqual([e.code, e.message], [1001, 'Server stopping.']);
    });
  });

  describe('requests', () => {
    it('keeps the stream service: Set/Get round trip, merge for the same type, replace for another, 700 for an unknown one', async () => {
      const obs = await fake();
      const client = await connect(obs);
      assert.deepEqual(await client.call('GetStreamServiceSettings'), { streamServiceType: 'rtmp_common', streamServiceSettings: {} });
      await client.call('SetStreamServiceSettings', {
        streamServiceType: 'rtmp_custom',
        streamServiceSettings: { server: 'rtmps://live.cloudflare.com:443/live/', key: KEY },
      });
      assert.deepEqual(await client.call('GetStreamServiceSettings'), {
        streamServiceType: 'rtmp_custom',
        streamServiceSettings: { key: KEY, server: 'rtmps://live.cloudflare.com:443/live/' },
      });
      // Same type: obs_data_apply over the current settings, so the key survives a server-only change.
      await client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://other/app' } });
      assert.deepEqual(obs.state.streamService, { type: 'rtmp_custom', settings: { server: 'rtmp://other/app', key: KEY } });
      // Another type: a new service from the request alone.
      await client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_common', streamServiceSettings: { service: 'Twitch' } });
      assert.deepEqual(obs.state.streamService, { type: 'rtmp_common', settings: { service: 'Twitch' } });

      const bad = await rejection(client.call('SetStreamServiceSettings', { streamServiceType: 'nonsense', streamServiceSettings: { server: 'x' } }));
      assert.equal(bad.code, RequestStatus.ResourceCreationFailed);
      const empty = await rejection(client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: {} }));
      assert.deepEqual([empty.code, empty.message], [RequestStatus.RequestFieldEmpty, 'The field value of `streamServiceSettings` must not be empty.']);
      const missing = await rejection(client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom' } as never));
      assert.deepEqual([missing.code, missing.message], [RequestStatus.MissingRequestField, 'Your request is missing the `streamServiceSettings` field.']);

      // Recorded requests never hold the key.
      assert.ok(!JSON.stringify(obs.requests).includes(KEY));
      const recorded = obs.requests.find((r) => r.requestType === 'SetStreamServiceSettings');
      assert.deepEqual(recorded?.requestData, { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmps://live.cloudflare.com:443/live/', key: REDACTED } });
      assert.deepEqual(
        obs.requests.filter((r) => r.requestType === 'SetStreamServiceSettings').map((r) => r.code),
        [100, 100, 100, 700, 403, 300],
      );
    });

    it('reads profile parameters the way OBS does (value, default, null) and writes strings', async () => {
      const obs = await fake();
      const client = await connect(obs);
      const get = (parameterCategory: string, parameterName: string): Promise<unknown> => client.call('GetProfileParameter', { parameterCategory, parameterName });
      assert.deepEqual(await get('Output', 'Mode'), { parameterValue: 'Simple', defaultParameterValue: 'Simple' });
      assert.deepEqual(await get('SimpleOutput', 'VBitrate'), { parameterValue: '6000', defaultParameterValue: '6000' });
      assert.deepEqual(await get('SimpleOutput', 'StreamEncoder'), { parameterValue: 'x264', defaultParameterValue: 'x264' });
      assert.deepEqual(await get('Output', 'Reconnect'), { parameterValue: 'true', defaultParameterValue: 'true' });
      // The keyframe interval is not a profile parameter in either mode.
      assert.deepEqual(await get('SimpleOutput', 'KeyframeInterval'), { parameterValue: null, defaultParameterValue: null });
      assert.deepEqual(await get('AdvOut', 'Encoder'), { parameterValue: 'obs_x264', defaultParameterValue: 'obs_x264' });

      await client.call('SetProfileParameter', { parameterCategory: 'SimpleOutput', parameterName: 'VBitrate', parameterValue: '4500' });
      assert.deepEqual(await get('SimpleOutput', 'VBitrate'), { parameterValue: '4500', defaultParameterValue: '6000' });
      await client.call('SetProfileParameter', { parameterCategory: 'Custom', parameterName: 'Thing', parameterValue: 'x' });
      assert.deepEqual(await get('Custom', 'Thing'), { parameterValue: 'x', defaultParameterValue: null });
      await client.call('SetProfileParameter', { parameterCategory: 'SimpleOutput', parameterName: 'VBitrate', parameterValue: null } as never);
      assert.deepEqual(await get('SimpleOutput', 'VBitrate'), { parameterValue: '6000', defaultParameterValue: '6000' });

      const gone = await rejection(client.call('SetProfileParameter', { parameterCategory: 'X', parameterName: 'Y' } as never));
      assert.equal(gone.code, RequestStatus.ResourceNotFound);
      const number = await rejection(client.call('SetProfileParameter', { parameterCategory: 'X', parameterName: 'Y', parameterValue: 5 as never }));
      assert.equal(number.code, RequestStatus.InvalidRequestFieldType);
      const emptyName = await rejection(client.call('GetProfileParameter', { parameterCategory: 'Output', parameterName: '' }));
      assert.equal(emptyName.code, RequestStatus.RequestFieldEmpty);
      const noData = await rejection(client.call('GetProfileParameter'));
      assert.deepEqual([noData.code, noData.message], [RequestStatus.MissingRequestData, 'Your request data is missing or invalid (non-object)']);
    });

    it('reports and changes video settings, validating pairs and ranges', async () => {
      const obs = await fake();
      const client = await connect(obs);
      assert.deepEqual(await client.call('GetVideoSettings'), { fpsNumerator: 30, fpsDenominator: 1, baseWidth: 1920, baseHeight: 1080, outputWidth: 1280, outputHeight: 720 });
      await client.call('SetVideoSettings', { fpsNumerator: 60000, fpsDenominator: 1001, outputWidth: 640, outputHeight: 360 });
      assert.deepEqual(await client.call('GetVideoSettings'), { fpsNumerator: 60000, fpsDenominator: 1001, baseWidth: 1920, baseHeight: 1080, outputWidth: 640, outputHeight: 360 });
      assert.deepEqual(await client.call('GetProfileParameter', { parameterCategory: 'Video', parameterName: 'FPSType' }), { parameterValue: '2', defaultParameterValue: '0' });

      const small = await rejection(client.call('SetVideoSettings', { outputWidth: 4, outputHeight: 360 }));
      assert.deepEqual([small.code, small.message], [RequestStatus.RequestFieldOutOfRange, 'The field value of `outputWidth` is below the minimum of `8.000000`']);
      // A lone half of a pair changes nothing, so nothing was asked for.
      const half = await rejection(client.call('SetVideoSettings', { baseWidth: 800 }));
      assert.deepEqual([half.code, half.message], [RequestStatus.MissingRequestField, 'You must specify at least one video-changing pair.']);
    });

    it('answers 204, 203, 501 and 500 like OBS', async () => {
      const obs = await fake();
      const client = await connect(obs);
      assert.equal((await rejection(client.call('GetSceneList' as never))).code, RequestStatus.UnknownRequestType);
      assert.equal((await rejection(client.call('' as never))).code, RequestStatus.MissingRequestType);
      const notRunning = await rejection(client.call('StopStream'));
      // No comment from OBS, so obs-websocket-js's error message is empty.
      assert.deepEqual([notRunning.code, notRunning.message], [RequestStatus.OutputNotRunning, '']);
      assert.deepEqual(await client.call('GetStreamStatus'), {
        outputActive: false,
        outputReconnecting: false,
        outputTimecode: '00:00:00.000',
        outputDuration: 0,
        outputCongestion: 0,
        outputBytes: 0,
        outputSkippedFrames: 0,
        outputTotalFrames: 0,
      });
    });

    it('never answers a hung request type and delays a slowed one (client timeouts)', async () => {
      const obs = await fake({ hang: ['GetStreamStatus'], delayMs: { GetVideoSettings: 300 } });
      const client = await connect(obs);
      let settled = false;
      const hung = client.call('GetStreamStatus').finally(() => (settled = true));
      const t0 = Date.now();
      await client.call('GetVideoSettings');
      assert.ok(Date.now() - t0 >= 290, 'GetVideoSettings came back before its delay');
      // Requests are answered independently, as OBS's thread pool does; the hung one is still pending.
      assert.equal(settled, false);
      const pending = obs.requests.find((r) => r.requestType === 'GetStreamStatus');
      assert.equal(pending?.code, null);
      // obs-websocket-js has no request timeout: even a closed socket leaves the promise pending.
      obs.kick();
      await until('the session to close', () => (obs.sessions[0]?.closeCode !== null ? true : undefined));
      await client.call('GetVersion').catch(() => undefined);
      assert.equal(settled, false);
      void hung;
    });
  });

  describe('stream output with a real ffmpeg', () => {
    it('publishes to server + key: STARTING, STARTED, live counters, 500s while live, STOPPING, STOPPED', async () => {
      const ingest = await new TestIngest('live', KEY).start();
      const obs = await fake(SMALL);
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: ingest.serverUrl, key: KEY } });
      await client.call('StartStream');
      await log.wait(ObsOutputState.Started);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Started]);
      assert.deepEqual(log.active, [false, true]);

      const first = await client.call('GetStreamStatus');
      assert.equal(first.outputActive, true);
      assert.equal(first.outputReconnecting, false);
      const later = await until('outputBytes to grow', async () => {
        const s = await client.call('GetStreamStatus');
        return s.outputBytes > first.outputBytes && s.outputTotalFrames > first.outputTotalFrames ? s : undefined;
      });
      // outputDuration is frames × the frame time (30 fps), and the timecode spells it out.
      assert.equal(later.outputDuration, Math.floor((later.outputTotalFrames * Math.floor(1e9 / 30)) / 1e6));
      const ms = later.outputDuration;
      assert.equal(later.outputTimecode, `00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`);

      // Knobs for what a healthy local ffmpeg never shows.
      obs.state.stream.congestion = 0.25;
      obs.state.stream.extraSkippedFrames = 7;
      const congested = await client.call('GetStreamStatus');
      assert.equal(congested.outputCongestion, 0.25);
      assert.ok(congested.outputSkippedFrames >= 7);

      assert.equal((await rejection(client.call('StartStream'))).code, RequestStatus.OutputRunning);
      const locked = await rejection(client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'x', key: 'y' } }));
      assert.deepEqual([locked.code, locked.message], [RequestStatus.OutputRunning, 'You cannot change stream service settings while streaming.']);
      assert.equal((await rejection(client.call('SetVideoSettings', { outputWidth: 640, outputHeight: 360 }))).code, RequestStatus.OutputRunning);

      const pid = obs.output.pid;
      assert.ok(pid !== null && pidAlive(pid));
      await client.call('StopStream');
      await log.wait(ObsOutputState.Stopped);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Started, ObsOutputState.Stopping, ObsOutputState.Stopped]);
      assert.equal(pidAlive(pid), false);
      const stopped = await client.call('GetStreamStatus');
      assert.equal(stopped.outputActive, false);
      assert.equal(stopped.outputDuration, 0);
      assert.ok(stopped.outputBytes >= later.outputBytes, 'the last counters stay readable after the stop');
      assert.equal((await rejection(client.call('StopStream'))).code, RequestStatus.OutputNotRunning);

      // The ingest got the stream under the right app and key, and the key never reached a log.
      assert.equal(ingest.connections.length, 1);
      await ingest.connections[0]!.exited;
      const conn = ingest.connections[0]!;
      assert.ok(conn.bytes > 10000, `ingest received ${conn.bytes} bytes`);
      assert.match(conn.stderr, /Input #0, flv/);
      assert.doesNotMatch(conn.stderr, /Unexpected stream|don't match/);
      assert.ok(!obs.output.log.join('\n').includes(KEY));
      assert.equal(obs.output.current?.url, `rtmp://127.0.0.1:${ingest.port}/live/${REDACTED}`);
      assert.equal(obs.output.current?.plan.keyintFrames, 250);
    });

    it('stops with STARTING then STOPPED when nothing listens at the server (no reconnect for a first connection)', async () => {
      const port = await freePort();
      const obs = await fake({ ...SMALL, streamService: { type: 'rtmp_custom', settings: { server: `rtmp://127.0.0.1:${port}/live`, key: KEY } } });
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('StartStream');
      await log.wait(ObsOutputState.Stopped);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Stopped]);
      assert.match(obs.output.lastError ?? '', /refused/i);
      assert.ok(!(obs.output.lastError ?? '').includes(KEY));
      assert.equal((await client.call('GetStreamStatus')).outputActive, false);
      assert.equal((await rejection(client.call('StopStream'))).code, RequestStatus.OutputNotRunning);
    });

    it('stops with STARTING then STOPPED when the ingest refuses the publish (failure knob)', async () => {
      const ingest = await new TestIngest('live', KEY).start();
      const obs = await fake({ ...SMALL, streamService: { type: 'rtmp_custom', settings: { server: ingest.serverUrl, key: KEY } } });
      obs.state.stream.failure = 'refuse';
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('StartStream');
      await log.wait(ObsOutputState.Stopped);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Stopped]);
      assert.equal(ingest.connections.length, 0);
    });

    it('sends only STARTING when the server is empty (OBS shows a dialog and says nothing more)', async () => {
      const obs = await fake({ streamService: { type: 'rtmp_custom', settings: { server: '', key: KEY } } });
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('StartStream');
      await log.wait(ObsOutputState.Starting);
      assert.equal(obs.output.phase, 'idle');
      assert.deepEqual(obs.output.pids, []);
      // The next request's answer follows any event OBS would have sent: there was none.
      assert.equal((await rejection(client.call('StopStream'))).code, RequestStatus.OutputNotRunning);
      assert.deepEqual(log.states, [ObsOutputState.Starting]);
    });

    it('answers 501 to StopStream while still STARTING (streaming is not active before STARTED)', async () => {
      // An ingest that accepts TCP but never speaks RTMP keeps the publisher connecting.
      const mute = net.createServer(() => undefined);
      await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
      try {
        const port = (mute.address() as net.AddressInfo).port;
        const obs = await fake({ ...SMALL, streamService: { type: 'rtmp_custom', settings: { server: `rtmp://127.0.0.1:${port}/live/`, key: KEY } } });
        const client = await connect(obs);
        const log = new StateLog(client);
        await client.call('StartStream');
        await log.wait(ObsOutputState.Starting);
        assert.equal((await rejection(client.call('StopStream'))).code, RequestStatus.OutputNotRunning);
        // Not streaming yet, so the service can still be changed.
        await client.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { key: 'other' } });
        assert.equal(obs.output.phase, 'connecting');
        await obs.close();
      } finally {
        mute.close();
      }
    });

    it('reconnects after the connection drops (RECONNECTING, RECONNECTED) and close() kills the publisher', async () => {
      const ingest = await new TestIngest('live', KEY).start();
      const obs = await fake({
        ...SMALL,
        profile: { ...SMALL.profile, Output: { RetryDelay: '1', MaxRetries: '5' } },
        streamService: { type: 'rtmp_custom', settings: { server: ingest.serverUrl, key: KEY } },
      });
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('StartStream');
      await log.wait(ObsOutputState.Started);
      const firstPid = obs.output.pid!;
      // What GetStreamStatus answers while reconnecting, read as the state changes (a request could race the retry timer).
      const during = new Promise<[boolean, boolean]>((resolve) =>
        obs.events.on('outputState', (s) => {
          if (s === ObsOutputState.Reconnecting) resolve([obs.streamStatus().outputActive, obs.streamStatus().outputReconnecting]);
        }),
      );
      ingest.dropAll();
      await log.wait(ObsOutputState.Reconnecting);
      assert.deepEqual(await during, [true, true]);
      await log.wait(ObsOutputState.Reconnected);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Started, ObsOutputState.Reconnecting, ObsOutputState.Reconnected]);
      assert.deepEqual(log.active, [false, true, false, true]);
      assert.equal(ingest.connections.length, 2);
      assert.equal(pidAlive(firstPid), false);

      const livePid = obs.output.pid!;
      assert.ok(pidAlive(livePid));
      await obs.close();
      assert.equal(pidAlive(livePid), false);
    });

    it('stops when the connection drops and Output/Reconnect is off', async () => {
      const ingest = await new TestIngest('live', KEY).start();
      const obs = await fake({
        ...SMALL,
        profile: { ...SMALL.profile, Output: { Reconnect: 'false' } },
        streamService: { type: 'rtmp_custom', settings: { server: ingest.serverUrl, key: KEY } },
      });
      const client = await connect(obs);
      const log = new StateLog(client);
      await client.call('StartStream');
      await log.wait(ObsOutputState.Started);
      obs.dropStream();
      await log.wait(ObsOutputState.Stopped);
      assert.deepEqual(log.states, [ObsOutputState.Starting, ObsOutputState.Started, ObsOutputState.Stopped]);
    });
  });

  describe('failure modes as obs-websocket-js sees them', () => {
    it("v4: an obs-websocket 4.x server selects no subprotocol, so the client fails with 'Server sent no subprotocol'", async () => {
      const obs = await fake({ mode: 'v4', password: 'pw' });
      const err = await rejection(new OBSWebSocket().connect(obs.url, 'pw'));
      assert.deepEqual([err.code, err.message], [-1, 'Server sent no subprotocol']);
    });

    it('v4: answers request-type/message-id requests, with its own authentication handshake', async () => {
      const obs = await fake({ mode: 'v4', password: 'pw' });
      const raw = new RawClient(obs.url, []);
      await raw.opened;
      raw.send({ op: 1, d: { rpcVersion: 1 } });
      assert.deepEqual(JSON.parse(await raw.message(0)), { status: 'error', error: 'missing request parameters' });
      raw.send({ 'request-type': 'GetStreamingStatus', 'message-id': 'a' });
      assert.deepEqual(JSON.parse(await raw.message(1)), { 'message-id': 'a', status: 'error', error: 'Not Authenticated' });
      raw.send({ 'request-type': 'GetAuthRequired', 'message-id': 'b' });
      const required = JSON.parse(await raw.message(2)) as { authRequired: boolean; challenge: string; salt: string };
      assert.equal(required.authRequired, true);
      raw.send({ 'request-type': 'Authenticate', 'message-id': 'c', auth: sha256b64(sha256b64('pw' + required.salt) + required.challenge) });
      assert.deepEqual(JSON.parse(await raw.message(3)), { 'message-id': 'c', status: 'ok' });
      raw.send({ 'request-type': 'GetVersion', 'message-id': 'd' });
      const version = JSON.parse(await raw.message(4)) as Record<string, unknown>;
      assert.deepEqual([version.status, version.version, version['obs-websocket-version']], ['ok', 1.1, '4.9.1']);
      raw.ws.close();
    });

    it('silent: the socket opens but no Hello ever comes; connect() settles only when the server goes away', async () => {
      const obs = await fake({ mode: 'silent', password: 'pw' });
      // Proof on a raw socket: a ping answered with nothing before it means no Hello was sent.
      const raw = new RawClient(obs.url);
      await raw.opened;
      await raw.roundTrip();
      assert.deepEqual(raw.messages, []);

      let settled = false;
      const client = new OBSWebSocket();
      const outcome = rejection(client.connect(obs.url, 'pw').finally(() => (settled = true)));
      await until('the server to accept the socket', () => (obs.sessions.length === 2 ? true : undefined));
      assert.equal(settled, false);
      await obs.close();
      const err = await outcome;
      assert.deepEqual([err.code, err.message], [1001, 'Server stopping.']);
    });

    it('refuses a MessagePack-only client (the root obs-websocket-js export under require) with HTTP 400', async () => {
      const obs = await fake();
      const client = new obsMsgpack.OBSWebSocket();
      assert.equal(client.protocol, 'obswebsocket.msgpack');
      const err = await rejection(client.connect(obs.url));
      assert.deepEqual([err.code, err.message], [-1, 'Unexpected server response: 400']);
    });
  });

  describe('helpers', () => {
    it('splits server and key like librtmp does (app from the server, one trailing slash dropped)', () => {
      assert.deepEqual(rtmpTarget(' rtmps://live.cloudflare.com:443/live/ ', ` ${KEY}\n`), {
        url: `rtmps://live.cloudflare.com:443/live/${KEY}`,
        app: 'live',
        playpath: KEY,
        tcUrl: 'rtmps://live.cloudflare.com:443/live',
      });
      assert.deepEqual(rtmpTarget('rtmp://h/live', 'k'), { url: 'rtmp://h/live/k', app: 'live', playpath: 'k', tcUrl: 'rtmp://h/live' });
      assert.deepEqual(rtmpTarget('rtmp://h/app/inst/', 'k'), { url: 'rtmp://h/app/inst/k', app: 'app/inst', playpath: 'k', tcUrl: 'rtmp://h/app/inst' });
      assert.equal(rtmpTarget('live.cloudflare.com/live', 'k'), null);
    });

    it('builds the ffmpeg command from the plan (CBR, GOP, sizes) and redacts secrets', () => {
      assert.equal(keyintFrames(0, 30, 1), 250);
      assert.equal(keyintFrames(2, 60000, 1001), 119);
      const args = ffmpegArgs(rtmpTarget('rtmp://h/live/', 'k')!, {
        width: 640,
        height: 360,
        fpsNumerator: 30,
        fpsDenominator: 1,
        encoderId: 'x264',
        videoBitrateKbps: 2500,
        audioBitrateKbps: 160,
        keyintFrames: 60,
        preset: 'veryfast',
      });
      const after = (flag: string): string | undefined => args[args.indexOf(flag) + 1];
      assert.equal(after('-i'), 'testsrc2=size=640x360:rate=30/1');
      assert.deepEqual([after('-b:v'), after('-maxrate'), after('-bufsize'), after('-g'), after('-b:a')], ['2500k', '2500k', '2500k', '60', '160k']);
      assert.deepEqual([after('-rtmp_app'), after('-rtmp_playpath'), args.at(-1)], ['live', 'k', 'rtmp://h/live/k']);
      assert.deepEqual(redactSecrets({ streamServiceSettings: { server: 's', key: 'k', password: '' }, list: [{ key: 'x' }] }), {
        streamServiceSettings: { server: 's', key: REDACTED, password: '' },
        list: [{ key: REDACTED }],
      });
    });
  });
});
