// The OBS adapter (src/obs/obsClient.ts) against the fake OBS (test/fake-obs) over real sockets:
// connecting and its failures (refused, password needed or wrong, too old, silent), requests
// and their errors and timeouts, Send to OBS's read-back, the encoder's settings, and start/stop
// with a real ffmpeg publishing to the fake API's real ingest.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { ObsClient, ObsError } from '../../src/obs/obsClient';
import { SEED_IDS, startFakeApi, type FakeApi } from '../fake-api/server';
import { LIGHT_ENCODING, ObsOutputState, startFakeObs, type FakeObs } from '../fake-obs/server';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<ObsError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ObsError, `expected an ObsError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a failure');
}

describe('OBS adapter against the fake OBS', function () {
  this.timeout(30_000);
  const servers: FakeObs[] = [];
  const clients: ObsClient[] = [];
  async function obs(options: Parameters<typeof startFakeObs>[0] = {}): Promise<FakeObs> {
    const s = await startFakeObs({ ...LIGHT_ENCODING, ...options });
    servers.push(s);
    return s;
  }
  async function connect(server: FakeObs, password: string | undefined = server.password ?? undefined, timeoutMs = 2000): Promise<ObsClient> {
    const c = await ObsClient.connect({ url: server.url, ...(password !== undefined ? { password } : {}), timeoutMs });
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('connecting', () => {
    it('with the right password: identified, knows the versions', async () => {
      const s = await obs({ password: 'supersecretpassword' });
      const c = await connect(s);
      assert.deepEqual(c.version, { obs: '32.0.1', websocket: '5.6.3' });
    });

    it('a wrong password is auth; no password where one is needed asks for it', async () => {
      const s = await obs({ password: 'right' });
      const wrong = await failure(connect(s, 'wrong'));
      assert.equal(wrong.kind, 'auth');
      assert.match(wrong.message, /refused the WebSocket password/);
      assert.ok(!wrong.message.includes('wrong'.padEnd(6, 'x')) && !wrong.message.includes('right'), 'no password in the message');
      const none = await failure(ObsClient.connect({ url: s.url, timeoutMs: 2000 }));
      assert.equal(none.kind, 'passwordNeeded');
    });

    it('nothing listening is unreachable, with what to do', async () => {
      const err = await failure(ObsClient.connect({ url: `ws://127.0.0.1:${await closedPort()}`, timeoutMs: 2000 }));
      assert.equal(err.kind, 'unreachable');
      assert.match(err.message, /^OBS is not reachable at ws:\/\/127\.0\.0\.1:\d+: start OBS and enable Tools → WebSocket Server Settings/);
    });

    it('an obs-websocket 4 server is too old: it says which version is needed', async () => {
      const s = await obs({ mode: 'v4' });
      const err = await failure(connect(s, undefined));
      assert.equal(err.kind, 'version');
      assert.match(err.message, /OBS Studio 28 or later/);
    });

    it('a server that never says Hello times out, in time', async () => {
      const s = await obs({ mode: 'silent' });
      const started = Date.now();
      const err = await failure(connect(s, undefined, 500));
      assert.equal(err.kind, 'timeout');
      assert.ok(Date.now() - started < 2000);
    });
  });

  describe('requests', () => {
    it('Send to OBS: Custom server and key, read back; the key never in what the fake logged', async () => {
      const s = await obs({ password: null });
      const c = await connect(s);
      assert.equal(await c.setCustomService('rtmps://live.cloudflare.com:443/live/', 'sk_secret_1234567890'), true);
      assert.deepEqual(await c.streamService(), { type: 'rtmp_custom', server: 'rtmps://live.cloudflare.com:443/live/', key: 'sk_secret_1234567890' });
      assert.deepEqual(s.state.streamService, { type: 'rtmp_custom', settings: { server: 'rtmps://live.cloudflare.com:443/live/', key: 'sk_secret_1234567890' } });
    });

    it('a request OBS refuses says why; one it never answers times out within the limit', async () => {
      const s = await obs({ password: null, hang: ['GetStreamStatus'] });
      const c = await connect(s, undefined, 500);
      const notStreaming = await failure(c.stopStream());
      assert.equal(notStreaming.kind, 'request');
      assert.equal(notStreaming.code, 501);
      assert.equal(notStreaming.message, 'OBS refused StopStream: OBS is not streaming.');
      const started = Date.now();
      const hung = await failure(c.streamStatus());
      assert.equal(hung.kind, 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('reads the encoder settings OBS exposes: Simple mode, with the keyframe interval OBS leaves to the encoder', async () => {
      const s = await obs({ password: null, profile: { SimpleOutput: { VBitrate: '4500', ABitrate: '160', StreamEncoder: 'x264' } } });
      const c = await connect(s);
      const e = await c.encoderSettings();
      assert.deepEqual(e, { mode: 'Simple', encoder: 'x264', videoBitrateKbps: 4500, audioBitrateKbps: 160, keyframeSeconds: 8.3, keyframeDefaulted: true, fps: 30 });
      s.state.profile.SimpleOutput = { ...s.state.profile.SimpleOutput, UseAdvanced: 'true', x264Settings: 'keyint=60 bframes=0' };
      assert.equal((await c.encoderSettings()).keyframeSeconds, 2);
    });
  });

  describe('streaming, with a real encoder into the fake API', () => {
    let api: FakeApi;
    before(async () => {
      api = await startFakeApi({ port: 0, ingest: { invokedMs: 0 } });
    });
    after(() => api.close());

    it('start: STARTED and LIVE at the ingest, the status counts bytes; stop: STOPPED and IDLE', async () => {
      const s = await obs({ password: null });
      const c = await connect(s);
      const states: string[] = [];
      c.onStreamStateChanged((e) => states.push(e.state));
      const livestream = api.state.livestreams.find((l) => l.id === SEED_IDS.idleStream)!;
      assert.equal(await c.setCustomService(api.ingest!.rtmpBase, livestream.stream_key!), true);
      await c.startStream();
      await s.waitForOutputState(ObsOutputState.Started, { after: 0, timeoutMs: 15_000 });
      await api.ingest!.waitFor((e) => e.type === 'live' && e.livestreamId === SEED_IDS.idleStream);
      let status = await c.streamStatus();
      for (let i = 0; i < 100 && status.bytes === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = await c.streamStatus();
      }
      assert.equal(status.active, true);
      assert.ok(status.bytes > 0 && status.totalFrames > 0, JSON.stringify(status));
      await c.stopStream();
      await api.ingest!.waitFor((e) => e.type === 'stopped' && e.livestreamId === SEED_IDS.idleStream);
      for (let i = 0; i < 100 && !states.includes('OBS_WEBSOCKET_OUTPUT_STOPPED'); i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(states, ['OBS_WEBSOCKET_OUTPUT_STARTING', 'OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPING', 'OBS_WEBSOCKET_OUTPUT_STOPPED']);
    });
  });
});
