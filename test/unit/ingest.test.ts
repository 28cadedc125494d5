// The fake API's real ingest, driven by a real encoder: Debian's ffmpeg publishing a test pattern
// over RTMP, the fake's statuses read back over its HTTP API, its HLS fetched like a player would.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ERR_NO_VIDEO,
  FAKE_ACCOUNT_ID,
  maskStreamKey,
  SEED_IDS,
  startFakeApi,
  type FakeApi,
  type FakeIngest,
  type IngestEvent,
  type WireLivestream,
  type WireSession,
} from '../fake-api/server';

const FFMPEG = 'ffmpeg';

interface Encoder {
  child: ChildProcess;
  /** Resolves when the encoder has exited, with its code and what it printed. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

const encoders = new Set<ChildProcess>();

/**
 * A small test pattern with a one-second GOP (HLS can only cut at keyframes, so this keeps the
 * first playlist about a second away), published in real time until stopped.
 */
function publish(url: string, o: { audioOnly?: boolean; noMetadata?: boolean } = {}): Encoder {
  const audio = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'];
  const video = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15'];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-re',
    ...(o.audioOnly ? audio : [...video, ...audio]),
    ...(o.audioOnly ? [] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '15']),
    '-c:a',
    'aac',
    '-t',
    '60',
    ...(o.noMetadata ? ['-flvflags', 'no_metadata'] : []),
    '-f',
    'flv',
    url,
  ];
  const child = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return { child, exited: exitOf(child) };
}

/** Asynchronously: the ingest runs in this process, so a blocking spawnSync could never be answered. */
function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  encoders.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => {
    child.once('close', (code) => {
      encoders.delete(child);
      resolve({ code, stderr });
    });
  });
}

/** Polls until `probe` returns something other than undefined; fails with `what` at the deadline. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function requireFfmpeg(): void {
  const probe = spawnSync(FFMPEG, ['-version'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    throw new Error("ffmpeg is not installed: these tests publish with a real encoder. Run `bash test/editor/setup.sh` (installs Debian's ffmpeg).");
  }
}

/** Processes whose parent is this test process, by name. */
function childProcesses(name: string): number[] {
  const r = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === name)
    .map(([pid]) => Number(pid));
}

describe('fake API ingest (real ffmpeg over RTMP, real HLS)', function () {
  this.timeout(20_000);
  let api: FakeApi;
  let ingest: FakeIngest;
  const INVOKED_MS = 300;

  async function get<T>(path: string): Promise<{ status: number; data: T }> {
    const res = await fetch(`${api.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit${path}`, { headers: { Authorization: `Bearer ${api.token}` } });
    const body = (await res.json()) as { data: T };
    return { status: res.status, data: body.data };
  }
  const details = async (id: string): Promise<{ livestream: WireLivestream; session: WireSession | null }> =>
    (await get<{ livestream: WireLivestream; session: WireSession | null }>(`/${SEED_IDS.productionApp}/livestreams/${id}`)).data;
  const seeded = (id: string): WireLivestream => {
    const ls = api.state.livestreams.find((l) => l.id === id);
    assert.ok(ls, `seeded livestream ${id}`);
    return ls;
  };

  before(async function () {
    requireFfmpeg();
    api = await startFakeApi({ ingest: { invokedMs: INVOKED_MS, noVideoMs: 500 } });
    assert.ok(api.ingest, 'api.ingest');
    ingest = api.ingest;
    assert.equal(ingest.hls, true, 'ffmpeg is there, so HLS must be on');
  });
  after(async () => {
    await api?.close();
  });
  beforeEach(() => api.reset());
  afterEach(async () => {
    for (const child of encoders) child.kill('SIGKILL');
    await until('encoders to exit', () => (encoders.size === 0 ? true : undefined), 5000);
  });

  it('points every provisioned livestream at the local ingest and the fake\'s own HLS', async () => {
    assert.match(ingest.rtmpBase, /^rtmp:\/\/127\.0\.0\.1:\d+\/live\/$/);
    assert.equal(ingest.rtmpBase, `rtmp://127.0.0.1:${ingest.port}/live/`);
    const idle = (await details(SEED_IDS.idleStream)).livestream;
    assert.equal(idle.ingest_server, ingest.rtmpBase);
    assert.equal(idle.playback_url, `${api.origin}/stream/${SEED_IDS.idleStream}/manifest/video.m3u8`);
    // Not provisioned (a meeting's livestream being set up): still no ingest at all.
    assert.equal(seeded(SEED_IDS.invokedStream).ingest_server, null);
    assert.equal(seeded(SEED_IDS.invokedStream).playback_url, null);

    const res = await fetch(`${api.baseUrl}/accounts/${FAKE_ACCOUNT_ID}/realtime/kit/${SEED_IDS.productionApp}/livestreams`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Created at runtime' }),
    });
    const created = ((await res.json()) as { data: WireLivestream }).data;
    assert.equal(created.ingest_server, ingest.rtmpBase);
    assert.equal(created.playback_url, `${api.origin}/stream/${created.id}/manifest/video.m3u8`);

    // Before anything is published: 404, readable cross-origin.
    const manifest = await fetch(idle.playback_url ?? '');
    assert.equal(manifest.status, 404);
    assert.equal(manifest.headers.get('access-control-allow-origin'), '*');
    // HLS requests are not API requests.
    assert.ok(!api.requests.some((r) => r.path.startsWith('/stream/')));
  });

  it('publish → INVOKED → LIVE with a ticking session and playable HLS; disconnect → session stopped, IDLE', async () => {
    const id = SEED_IDS.idleStream;
    const key = seeded(id).stream_key ?? '';
    const before = seeded(id).updated_at;
    // What a poller would see at the moment the publish is accepted.
    let atInvoked: { status: string; started: string | null; invoked: string | null } | undefined;
    const off = ingest.onEvent((e) => {
      if (e.type !== 'invoked') return;
      const s = api.state.sessions.find((x) => x.id === e.sessionId);
      atInvoked = { status: seeded(id).status, started: s?.started_time ?? null, invoked: s?.invoked_time ?? null };
    });
    const enc = publish(ingest.publishUrl(key));
    try {
      const invoked = await ingest.waitFor((e) => e.type === 'invoked' && e.livestreamId === id);
      assert.deepEqual(atInvoked && { status: atInvoked.status, started: atInvoked.started }, { status: 'INVOKED', started: null });
      assert.ok(atInvoked?.invoked);
      assert.equal(invoked.keyHint, maskStreamKey(key));
      assert.ok(!invoked.keyHint.includes(key.slice(0, 12)), 'the key is never recorded whole');

      const live = await ingest.waitFor((e) => e.type === 'live' && e.livestreamId === id);
      assert.equal(live.sessionId, invoked.sessionId);
      assert.ok(live.time - invoked.time >= INVOKED_MS - 5, `INVOKED held ${live.time - invoked.time} ms, configured ${INVOKED_MS}`);

      const d = await details(id);
      assert.equal(d.livestream.status, 'LIVE');
      assert.notEqual(d.livestream.updated_at, before);
      assert.equal(d.session?.id, invoked.sessionId);
      assert.ok(d.session?.started_time, 'started_time set');
      assert.equal(d.session?.stopped_time, null);
      const active = await get<{ session: WireSession }>(`/${SEED_IDS.productionApp}/livestreams/${id}/active-livestream-session`);
      assert.equal(active.status, 200);
      assert.equal(active.data.session.id, invoked.sessionId);
      // What a test in another process (the extension host) sees.
      const control = (await (await fetch(`${api.origin}/__control/ingest`)).json()) as { rtmpBase: string; publishing: { livestreamId: string; phase: string }[]; events: IngestEvent[] };
      assert.equal(control.rtmpBase, ingest.rtmpBase);
      assert.deepEqual(
        control.publishing.map((p) => [p.livestreamId, p.phase]),
        [[id, 'live']],
      );
      // (hlsReady may follow at any moment.)
      assert.deepEqual(
        control.events.slice(0, 2).map((e) => e.type),
        ['invoked', 'live'],
      );
      assert.equal(((await (await fetch(`${api.origin}/__control/info`)).json()) as { rtmpBase: string }).rtmpBase, ingest.rtmpBase);

      // A second encoder on the same key is turned away; the first keeps going.
      const second = await publish(ingest.publishUrl(key)).exited;
      assert.notEqual(second.code, 0);
      assert.match(second.stderr, /already publishing/);
      assert.ok(ingest.events.some((e) => e.type === 'refused' && e.reason === 'busy' && e.livestreamId === id));
      // Nor can anyone play the RTMP: viewers get the HLS.
      const probe = await exitOf(spawn('ffprobe', ['-hide_banner', '-loglevel', 'error', ingest.publishUrl(key)], { stdio: ['ignore', 'ignore', 'pipe'] }));
      assert.notEqual(probe.code, 0);
      assert.match(probe.stderr, /play the livestream's playback_url/);

      // A real player's view of the HLS.
      const url = d.livestream.playback_url ?? '';
      const playlist = await until('the HLS playlist', async () => {
        const res = await fetch(url);
        return res.status === 200 ? res : undefined;
      });
      assert.equal(playlist.headers.get('content-type'), 'application/vnd.apple.mpegurl');
      assert.equal(playlist.headers.get('access-control-allow-origin'), '*');
      const text = await playlist.text();
      assert.match(text, /^#EXTM3U/);
      const segment = text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
      assert.ok(segment, `a segment in\n${text}`);
      const seg = await fetch(new URL(segment, url));
      assert.equal(seg.status, 200);
      assert.equal(seg.headers.get('content-type'), 'video/mp2t');
      const bytes = Buffer.from(await seg.arrayBuffer());
      assert.ok(bytes.length > 1000, `segment of ${bytes.length} bytes`);
      assert.equal(bytes[0], 0x47, 'MPEG-TS sync byte');
      assert.ok(ingest.events.some((e) => e.type === 'hlsReady' && e.livestreamId === id));

      const ticking = await until('ingest_seconds to grow', async () => {
        const s = (await details(id)).session;
        return s && s.ingest_seconds >= 1 ? s : undefined;
      });
      assert.equal(ticking.stopped_time, null);

      enc.child.kill('SIGINT');
      const stopped = await ingest.waitFor((e) => e.type === 'stopped' && e.livestreamId === id);
      assert.equal(stopped.sessionId, invoked.sessionId);
      const after = await details(id);
      assert.equal(after.livestream.status, 'IDLE');
      assert.equal(after.session?.id, invoked.sessionId);
      assert.ok(after.session?.stopped_time, 'stopped_time set');
      assert.equal(after.session?.err_message, null);
      assert.ok((after.session?.ingest_seconds ?? 0) >= 1);
      assert.equal((await get(`/${SEED_IDS.productionApp}/livestreams/${id}/active-livestream-session`)).status, 404);
      assert.equal((await fetch(url)).status, 404, 'no playlist once the stream has ended');
      assert.equal((await fetch(new URL(segment, url))).status, 404);
    } finally {
      off();
    }
  });

  it('takes over a seeded LIVE livestream: its simulated session is closed, a new one opens', async () => {
    const id = SEED_IDS.liveStream;
    const enc = publish(ingest.publishUrl(seeded(id).stream_key ?? ''));
    const live = await ingest.waitFor((e) => e.type === 'live' && e.livestreamId === id);
    const seededSession = api.state.sessions.find((s) => s.id === SEED_IDS.liveSession);
    assert.ok(seededSession?.stopped_time, 'the simulated session is closed');
    const d = await details(id);
    assert.equal(d.livestream.status, 'LIVE');
    assert.equal(d.session?.id, live.sessionId);
    enc.child.kill('SIGINT');
    await ingest.waitFor((e) => e.type === 'stopped' && e.livestreamId === id);
    assert.equal(seeded(id).status, 'IDLE');
  });

  it('refuses an unknown stream key: the encoder fails, nothing changes, the refusal is recorded', async () => {
    const key = `${'0'.repeat(32)}k${'f'.repeat(32)}`;
    const statuses = api.state.livestreams.map((l) => l.status).join();
    const sessions = api.state.sessions.length;
    const { code, stderr } = await publish(ingest.publishUrl(key)).exited;
    assert.notEqual(code, 0);
    assert.match(stderr, /unknown stream key/);
    const refused = ingest.events.filter((e) => e.type === 'refused');
    assert.deepEqual(
      refused.map((e) => [e.reason, e.keyHint, e.livestreamId]),
      [['unknownKey', maskStreamKey(key), null]],
    );
    assert.equal(api.state.livestreams.map((l) => l.status).join(), statuses);
    assert.equal(api.state.sessions.length, sessions);
  });

  it('refuses a disabled livestream', async () => {
    const id = SEED_IDS.disabledStream;
    const sessions = api.state.sessions.length;
    const { code, stderr } = await publish(ingest.publishUrl(seeded(id).stream_key ?? '')).exited;
    assert.notEqual(code, 0);
    assert.match(stderr, /disabled/);
    assert.ok(ingest.events.some((e) => e.type === 'refused' && e.reason === 'disabled' && e.livestreamId === id));
    assert.equal(seeded(id).status, 'IDLE');
    assert.equal(api.state.sessions.length, sessions);
  });

  for (const variant of [
    { name: 'declared by its metadata', noMetadata: false },
    { name: 'without metadata (no video within noVideoMs)', noMetadata: true },
  ]) {
    it(`sets ERRORED with an err_message for an audio-only publish ${variant.name}`, async () => {
      const id = SEED_IDS.unicodeStream;
      const enc = publish(ingest.publishUrl(seeded(id).stream_key ?? ''), { audioOnly: true, noMetadata: variant.noMetadata });
      const errored = await ingest.waitFor((e) => e.type === 'errored' && e.livestreamId === id);
      assert.equal(errored.message, ERR_NO_VIDEO);
      assert.ok(!ingest.events.some((e) => e.type === 'live'));
      const d = (await get<{ livestream: WireLivestream; session: WireSession }>(`/${SEED_IDS.productionApp}/livestreams/${id}`)).data;
      assert.equal(d.livestream.status, 'ERRORED');
      assert.equal(d.session.id, errored.sessionId);
      assert.equal(d.session.err_message, ERR_NO_VIDEO);
      assert.ok(d.session.stopped_time);
      assert.equal(d.session.started_time, null);
      // The encoder is disconnected and told why.
      const { code, stderr } = await enc.exited;
      assert.notEqual(code, 0);
      assert.match(stderr, /no video track/);
    });
  }

  it('reset() disconnects encoders and leaves the fresh state alone', async () => {
    const id = SEED_IDS.japaneseStream;
    const enc = publish(ingest.publishUrl(seeded(id).stream_key ?? ''));
    await ingest.waitFor((e) => e.type === 'live' && e.livestreamId === id);
    api.reset();
    const { code } = await enc.exited;
    assert.notEqual(code, 0);
    assert.equal(seeded(id).status, 'IDLE');
    assert.equal(seeded(id).ingest_server, ingest.rtmpBase, 'the fresh seed points at the ingest too');
    assert.deepEqual(ingest.events, []);
    assert.deepEqual(ingest.publishing(), []);
  });
});

describe('fake API ingest: off by default, close(), the CLI', function () {
  this.timeout(20_000);
  before(requireFfmpeg);
  afterEach(async () => {
    for (const child of encoders) child.kill('SIGKILL');
    await until('encoders to exit', () => (encoders.size === 0 ? true : undefined), 5000);
  });

  it('is off unless asked for: Cloudflare URLs, no ingest', async () => {
    const api = await startFakeApi();
    try {
      assert.equal(api.ingest, null);
      const ls = api.state.livestreams.find((l) => l.id === SEED_IDS.idleStream);
      assert.equal(ls?.ingest_server, 'rtmps://live.cloudflare.com:443/live/');
      assert.match(ls?.playback_url ?? '', /^https:\/\/customer-[a-z0-9]{16}\.cloudflarestream\.com\/[0-9a-f]{32}\/manifest\/video\.m3u8$/);
      assert.equal((await fetch(`${api.origin}/stream/${SEED_IDS.idleStream}/manifest/video.m3u8`)).status, 404);
      assert.equal((await fetch(`${api.origin}/__control/ingest`)).status, 404);
      assert.equal(((await (await fetch(`${api.origin}/__control/info`)).json()) as { rtmpBase: unknown }).rtmpBase, null);
    } finally {
      await api.close();
    }
  });

  it('close() while an encoder is publishing stops every ffmpeg it started and deletes the HLS', async () => {
    const api = await startFakeApi({ ingest: { invokedMs: 0 } });
    const ingest = api.ingest;
    assert.ok(ingest);
    const id = SEED_IDS.idleStream;
    const enc = publish(ingest.publishUrl(api.state.livestreams.find((l) => l.id === id)?.stream_key ?? ''));
    try {
      await ingest.waitFor((e: IngestEvent) => e.type === 'hlsReady' && e.livestreamId === id);
      const [publishing] = ingest.publishing();
      assert.ok(publishing?.hlsDir && fs.existsSync(publishing.hlsDir));
      const encoderPid = enc.child.pid;
      assert.ok(childProcesses('ffmpeg').some((pid) => pid !== encoderPid), 'the HLS writer runs');
      await api.close();
      assert.deepEqual(
        childProcesses('ffmpeg').filter((pid) => pid !== encoderPid),
        [],
        'no ffmpeg of the ingest outlives close()',
      );
      assert.equal(fs.existsSync(publishing.hlsDir), false);
      const { code } = await enc.exited;
      assert.notEqual(code, 0, 'the encoder was disconnected');
    } finally {
      enc.child.kill('SIGKILL');
      await api.close();
    }
  });

  it('npm run fake-api runs the ingest: rtmpBase in --json, refusals on stderr with the key masked', async () => {
    const cli = spawn(process.execPath, [path.join(__dirname, '../fake-api/cli.js'), '--port', '0', '--json', '--invoked-ms', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cli.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    cli.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => cli.once('close', (code) => resolve(code)));
    try {
      const line = await until('the --json line', () => (stdout.includes('\n') ? stdout.split('\n')[0] : undefined));
      const info = JSON.parse(line ?? '') as { rtmpBase: string | null; baseUrl: string };
      assert.match(info.rtmpBase ?? '', /^rtmp:\/\/127\.0\.0\.1:\d+\/live\/$/);
      const key = `${'a'.repeat(32)}k${'b'.repeat(32)}`;
      const { code } = await publish(`${info.rtmpBase}${key}`).exited;
      assert.notEqual(code, 0);
      await until('the refusal on stderr', () => (stderr.includes('refused publish') ? true : undefined));
      assert.match(stderr, new RegExp(`refused publish live/${maskStreamKey(key)}: unknown stream key`));
      assert.ok(!stderr.includes(key.slice(0, 12)), 'the key is not logged');
      assert.equal(stdout.trim().split('\n').length, 1, 'stdout holds the JSON line only');
    } finally {
      cli.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
