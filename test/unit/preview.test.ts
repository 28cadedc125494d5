// The playback preview's core: whether an editor can play Cloudflare's HLS (answered like
// Chromium, like VS Code desktop without AAC, and with no MSE), what each hls.js failure means,
// the retry schedule, the page's CSP, and the controller over the real store, watcher and fake API.
import assert from 'node:assert/strict';
import type { Livestream } from '../../src/api/types';
import { parsePreviewMessage, type PreviewUpdate } from '../../src/contract/preview';
import { PreviewController } from '../../src/preview/controller';
import { playbackOrigin, previewContentSecurityPolicy, renderPreviewHtml } from '../../src/preview/html';
import type { Logger } from '../../src/shared/log';
import { LivestreamStore } from '../../src/store/store';
import { LivestreamWatcher } from '../../src/store/watcher';
import { capability, STREAM_CODECS, type MediaSourceLike } from '../../src/webview/preview/capability';
import { afterError, retryDelayMs } from '../../src/webview/preview/outcome';

/** What the preview says while the manifest is missing (English: no bundle configured). */
const WAITING = 'Waiting for the stream: Cloudflare has no playback for it yet.';
import { SEED_IDS, SEED_NAMES, startFakeApi, type FakeApi } from '../fake-api/server';
import { ManualTimers } from './manualTimers';
import { clientOn, until } from './onFakeApi';

/** isTypeSupported as a browser with these codec families answers it. */
function mediaSourceWith(...families: RegExp[]): MediaSourceLike {
  return {
    isTypeSupported: (type) => {
      const codecs = /codecs="([^"]+)"/.exec(type)?.[1].split(',') ?? [];
      return type.startsWith('video/mp4') && codecs.every((c) => families.some((f) => f.test(c.trim())));
    },
  };
}
const H264 = /^avc1\./;
const AAC = /^mp4a\.40\./;

describe('preview: can this editor play the stream', () => {
  it('Chromium (H.264 and AAC) plays it', () => {
    assert.deepEqual(capability(mediaSourceWith(H264, AAC)), { ok: true });
  });

  it('VS Code desktop (H.264 without AAC) says why, and where it would play', () => {
    const verdict = capability(mediaSourceWith(H264));
    assert.equal(verdict.ok, false);
    assert.equal(
      !verdict.ok && verdict.sentence,
      "This editor cannot decode the stream's AAC audio (VS Code desktop ships without AAC), so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).",
    );
  });

  it('no Media Source Extensions, or an isTypeSupported that throws, is a no as well', () => {
    assert.equal(capability(undefined).ok, false);
    assert.match(!capability(undefined).ok ? (capability(undefined) as { sentence: string }).sentence : '', /no Media Source Extensions/);
    const throwing: MediaSourceLike = {
      isTypeSupported: () => {
        throw new Error('boom');
      },
    };
    assert.deepEqual(capability(throwing, STREAM_CODECS).ok, false);
  });

  it("checks the stream's own codecs once the manifest names them (H.265 video is refused by name)", () => {
    const verdict = capability(mediaSourceWith(H264, AAC), { video: 'hvc1.1.6.L93.B0', audio: 'mp4a.40.2' });
    assert.equal(!verdict.ok && verdict.reason, 'noVideo');
    assert.match(!verdict.ok ? verdict.sentence : '', /H\.265 video/);
    assert.deepEqual(capability(mediaSourceWith(H264), { video: 'avc1.64001f' }), { ok: true }, 'a video-only stream needs no AAC');
  });
});

describe('preview: what an hls.js failure means', () => {
  const fatal = (details: string, code?: number, type = 'networkError') => ({ fatal: true, type, details, ...(code === undefined ? {} : { response: { code } }) });

  it('a missing or empty manifest is waiting, not failing', () => {
    assert.deepEqual(afterError(fatal('manifestLoadError', 404), 0), { kind: 'wait', sentence: WAITING });
    assert.deepEqual(afterError(fatal('manifestParsingError', 200), 0), { kind: 'wait', sentence: WAITING });
    assert.deepEqual(afterError(fatal('levelEmptyError', 200), 0), { kind: 'wait', sentence: WAITING });
    assert.deepEqual(afterError(fatal('manifestLoadError', 0), 0), { kind: 'wait', sentence: 'Waiting for the stream: the playback server cannot be reached yet.' });
  });

  it('403 says Cloudflare refused it and why that may be; codec errors are the capability story', () => {
    const refused = afterError(fatal('manifestLoadError', 403), 0);
    assert.equal(refused.kind, 'refused');
    assert.match(refused.kind === 'refused' ? refused.sentence : '', /^Cloudflare refused the playback \(HTTP 403\): the livestream's allowed origins/);
    assert.deepEqual(afterError(fatal('manifestIncompatibleCodecsError', undefined, 'mediaError'), 0), { kind: 'unsupported' });
    assert.deepEqual(afterError(fatal('bufferAddCodecError', undefined, 'mediaError'), 0), { kind: 'unsupported' });
  });

  it('a media error is recovered once, then it is a failure; a non-fatal error is hls.js’s own business', () => {
    assert.deepEqual(afterError(fatal('bufferAppendError', undefined, 'mediaError'), 0), { kind: 'recoverMedia' });
    assert.deepEqual(afterError(fatal('bufferAppendError', undefined, 'mediaError'), 1), {
      kind: 'failed',
      sentence: 'The player stopped (bufferAppendError). Try again, or open the playback in a browser.',
    });
    assert.deepEqual(afterError({ fatal: false, type: 'networkError', details: 'fragLoadError' }, 0), { kind: 'ignore' });
  });

  it('retries double from 1 s, up to 4 s while LIVE and 15 s otherwise', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map((n) => retryDelayMs(n, true)), [1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50].map((n) => retryDelayMs(n, false)), [1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });
});

describe('preview: the page', () => {
  const URL_ = 'https://customer-abc.cloudflarestream.com/0123abcd/manifest/video.m3u8?x=1';

  it('lets the page reach the playback origin only, for media (with blob:) and requests, and runs no worker', () => {
    assert.equal(
      previewContentSecurityPolicy('https://webview.test', 'NONCE', URL_),
      [
        "default-src 'none'",
        'style-src https://webview.test',
        'font-src https://webview.test',
        'img-src https://webview.test',
        "script-src 'nonce-NONCE'",
        'media-src https://customer-abc.cloudflarestream.com blob:',
        'connect-src https://customer-abc.cloudflarestream.com',
        "worker-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
      ].join('; '),
    );
  });

  it('allows no network for a missing or non-web playback URL', () => {
    for (const url of [null, '', 'javascript:alert(1)', 'rtmp://live.example/x', 'not a url']) {
      assert.equal(playbackOrigin(url), null, String(url));
      const csp = previewContentSecurityPolicy('https://webview.test', 'N', url);
      assert.match(csp, /media-src 'none'; connect-src 'none'/);
    }
  });

  it('escapes the title and carries no playback URL in the page itself', () => {
    const html = renderPreviewHtml({
      cspSource: 'https://webview.test',
      nonce: 'N',
      scriptUri: 'https://webview.test/preview.js',
      styleUris: ['https://webview.test/a.css'],
      title: 'Preview: <img src=x onerror=alert(1)>',
      playbackUrl: URL_,
    });
    assert.ok(html.includes('<title>Preview: &lt;img src=x onerror=alert(1)&gt;</title>'));
    assert.ok(!html.includes('0123abcd'), 'the page needs the origin, not the URL');
  });
});

describe('preview: the controller over the store, the watcher and the fake API', () => {
  let api: FakeApi;
  let store: LivestreamStore;
  let watcher: LivestreamWatcher;
  let timers: ManualTimers;
  let posted: PreviewUpdate[];
  let logged: string[];
  let acted: string[];
  let controller: PreviewController;
  const APP = SEED_IDS.productionApp;
  const ID = SEED_IDS.idleStream;

  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: (m) => logged.push(`info ${m}`),
    warn: (m) => logged.push(`warn ${m}`),
    error: (m) => logged.push(`error ${m}`),
  };

  before(async () => {
    api = await startFakeApi({ port: 0 });
  });
  after(() => api.close());
  beforeEach(async () => {
    api.reset();
    posted = [];
    logged = [];
    acted = [];
    timers = new ManualTimers();
    store = new LivestreamStore(clientOn(api), { accountId: api.accountId, pageSize: 25, includeMeetingLivestreams: true });
    watcher = new LivestreamWatcher({ getStore: () => store, settings: () => ({ seconds: 5, minutes: 15 }), timers });
    const livestream: Livestream = await store.resolveLivestream(APP, ID);
    const ref = { accountId: api.accountId, appId: APP, livestreamId: ID };
    controller = new PreviewController(ref, livestream, {
      getStore: () => store,
      watcher,
      post: (u) => posted.push(u),
      setTitle: () => undefined,
      openInBrowser: () => acted.push('open'),
      copyUrl: () => acted.push('copy'),
      playbackUrlChanged: () => acted.push('rebuild'),
      log: logger,
    });
    store.onDidChange((change) => controller.storeChanged(change));
    watcher.onDidChange(() => controller.watchChanged());
  });
  afterEach(() => {
    watcher.dispose();
    store.dispose();
  });

  const wire = () => api.state.livestreams.find((l) => l.id === ID)!;

  it('opening watches the livestream, and the page gets what it shows when it says ready', async () => {
    assert.equal(watcher.isWatching(ID), true, 'a preview waits for LIVE through the watcher');
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.at(-1), { type: 'update', name: SEED_NAMES.idleStream, status: 'IDLE', playbackUrl: wire().playback_url, watching: true });
  });

  it('tells the page LIVE from the watcher’s poll, once, and stopped when it stops', async () => {
    controller.receive({ type: 'ready' });
    await until('the first poll', () => watcher.info(ID)?.status === 'IDLE' && timers.pending.size === 1);
    api.patchLivestream(ID, { status: 'LIVE' });
    await timers.runOne();
    const statuses = () => posted.map((u) => `${u.status}${u.watching ? '+w' : ''}`);
    await until('LIVE posted', () => statuses().includes('LIVE+w'));
    api.patchLivestream(ID, { status: 'IDLE' });
    await timers.runOne();
    await until('the stop posted', () => posted.at(-1)?.status === 'IDLE' && !posted.at(-1)?.watching);
    assert.deepEqual(statuses(), ['IDLE+w', 'LIVE+w', 'IDLE+w', 'IDLE']);
  });

  it('acts on the page’s buttons, re-watches on request, and logs (never trusts) what the page reports', () => {
    controller.receive({ type: 'openInBrowser' });
    controller.receive({ type: 'copyUrl' });
    assert.deepEqual(acted, ['open', 'copy']);
    watcher.unwatch(ID);
    controller.receive({ type: 'watch' });
    assert.equal(watcher.isWatching(ID), true);
    controller.receive({ type: 'phase', phase: 'playing', detail: 'Playing, muted.' });
    assert.match(logged.at(-1) ?? '', /^info Preview of livestream .+: playing \(\d+ ms after opening\)\. Playing, muted\.$/);
    for (const bad of [null, 'ready', { type: 'phase', phase: 'exploded', detail: '' }, { type: 'phase', phase: 'playing', detail: 'x'.repeat(501) }, { type: 'eval' }]) {
      assert.equal(parsePreviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 40));
      controller.receive(bad);
    }
    assert.equal(logged.filter((l) => l.startsWith('warn ')).length, 5);
  });
});
