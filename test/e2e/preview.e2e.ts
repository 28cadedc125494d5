// The playback preview, proven with a real stream: a fake API of its own with the real RTMP ingest
// and its HLS (ffmpeg segments what is published), Debian's ffmpeg publishing the test pattern,
// and the preview in code-server playing it in Chromium: the video's time advances and a frame
// drawn through a canvas is not black. Then an editor without AAC (VS Code desktop's case,
// made by refusing mp4a in MediaSource.isTypeSupported): the preview says why and offers the browser.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { FrameLocator } from 'playwright-core';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES, startFakeApi, type FakeApi } from '../fake-api/server';
import {
  answerInput,
  openRealtimeKitView,
  pickQuickItem,
  readClipboard,
  runCommand,
  screenshot,
  step,
  treeRow,
  useWorkbench,
  WAIT_MS,
  waitForText,
  waitUntil,
  webviewFrame,
} from './harness';
import { publish, stop } from './encoder';

/** The preview's phase, as its page marks it on <body data-phase>. */
async function phaseOf(frame: FrameLocator): Promise<string | null> {
  return frame.locator('body').getAttribute('data-phase');
}

async function waitForPhase(frame: FrameLocator, phase: string, timeoutMs = WAIT_MS): Promise<void> {
  let seen: string | null = null;
  await waitUntil(async () => (seen = await phaseOf(frame)) === phase, { what: `the preview to be ${phase}`, detail: async () => `it is ${seen}`, timeoutMs });
}

/** Draws the current frame on a canvas and measures it: mean luma, and how many distinct colours. */
async function sampleFrame(frame: FrameLocator): Promise<{ width: number; meanLuma: number; colours: number }> {
  return frame.locator('video').evaluate((video: HTMLVideoElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const g = canvas.getContext('2d')!;
    g.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let luma = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      luma += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      colours.add(((data[i] >> 5) << 6) | ((data[i + 1] >> 5) << 3) | (data[i + 2] >> 5));
    }
    return { width: video.videoWidth, meanLuma: luma / (data.length / 4), colours: colours.size };
  });
}

describe('playback preview', () => {
  let api: FakeApi;
  const encoders: ChildProcess[] = [];

  before(async () => {
    api = await startFakeApi({ port: 0, ingest: {} });
  });
  after(async () => {
    await Promise.all(encoders.map(stop));
    await api?.close();
  });

  const wb = useWorkbench(() => ({
    settings: {
      'realtimekit.apiBaseUrl': api.baseUrl,
      'realtimekit.accountId': api.accountId,
      'realtimekit.watchSeconds': 2,
      'realtimekit.pageSize': 10,
      'realtimekit.autoRefreshSeconds': 0,
    },
  }));

  before(async function () {
    this.timeout(90_000);
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Set API Token');
    await answerInput(page, api.token, { prompt: /API token/i });
    await openRealtimeKitView(page);
    await waitForText(treeRow(page, SEED_APP_NAMES.productionApp), /\d+ livestreams/);
  });

  it('waits for the stream, plays it muted once a real encoder is LIVE (time advances, a frame that is not black), and says when it stopped', async () => {
    const page = wb.page;
    const name = SEED_NAMES.idleStream;
    const wire = api.state.livestreams.find((l) => l.id === SEED_IDS.idleStream)!;

    await runCommand(page, 'RealtimeKit: Preview Playback');
    await pickQuickItem(page, name);
    const frame = await webviewFrame(page, { title: `Preview: ${name}` });
    await step('before the stream starts: waiting, with no video box', async () => {
      await waitForPhase(frame, 'waiting');
      await waitForText(frame.locator('[data-testid="message"]'), 'Waiting for the stream: Cloudflare has no playback for it yet.');
      await waitForText(frame.locator('[data-testid="status"]'), 'IDLE');
      assert.equal(await frame.locator('video').isVisible(), false, 'a black box while waiting');
    }, page);
    await screenshot(page, 'preview--waiting');

    const encoder = publish(`${wire.ingest_server}${wire.stream_key}`);
    encoders.push(encoder);
    await step('the ingest has HLS for it', () => api.ingest!.waitFor((e) => e.type === 'hlsReady' && e.livestreamId === SEED_IDS.idleStream, 30_000), page);
    await step('the preview plays: LIVE, and the video time advances', async () => {
      await waitForPhase(frame, 'playing', 30_000);
      await waitForText(frame.locator('[data-testid="status"]'), 'LIVE');
      const video = frame.locator('video');
      const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
      await waitUntil(async () => (await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > t0 + 1, { what: 'the video time to advance by a second' });
      assert.equal(await video.evaluate((v: HTMLVideoElement) => v.muted), true, 'the preview starts muted');
    }, page);
    await step('a frame drawn through a canvas is the test pattern, not black', async () => {
      const sample = await sampleFrame(frame);
      assert.equal(sample.width, 640, 'the published width');
      assert.ok(sample.meanLuma > 40, `mean luma ${sample.meanLuma.toFixed(1)}: a black frame`);
      assert.ok(sample.colours > 8, `${sample.colours} colours: not the test pattern's bars`);
    }, page);
    await step('a latency readout', () => waitForText(frame.locator('[data-testid="latency"]'), /^Latency \d+\.\d s$/), page);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.mouse.move(10, 400);
    await screenshot(page, 'preview--playing');

    await stop(encoder);
    await step('the encoder stops: the preview says so', async () => {
      await waitForPhase(frame, 'stopped', 30_000);
      await waitForText(frame.locator('[data-testid="message"]'), 'The livestream stopped.');
      assert.equal(await frame.locator('video').isVisible(), false);
    }, page);
  });

  it('in an editor without AAC (VS Code desktop), says why in one sentence and offers the browser and the URL', async () => {
    const page = wb.page;
    const name = SEED_NAMES.manySessionsStream;
    const wire = api.state.livestreams.find((l) => l.id === SEED_IDS.manySessionsStream)!;
    // Every frame created from now on answers like VS Code desktop's Electron: H.264 yes, AAC no.
    await page.addInitScript(() => {
      const ms = (window as unknown as { MediaSource?: { isTypeSupported(t: string): boolean } }).MediaSource;
      if (!ms) return;
      const original = ms.isTypeSupported.bind(ms);
      ms.isTypeSupported = (type: string) => !/mp4a\./.test(type) && original(type);
    });
    // The first test's preview, closed by its tab (never Close All: another editor may ask to be saved).
    const firstTab = page.locator('.tabs-container .tab').filter({ hasText: `Preview: ${SEED_NAMES.idleStream}` });
    await firstTab.hover();
    await firstTab.locator('.tab-actions .action-label').click();
    await firstTab.waitFor({ state: 'detached' });
    await runCommand(page, 'RealtimeKit: Preview Playback');
    await pickQuickItem(page, name);
    const frame = await webviewFrame(page, { title: `Preview: ${name}` });
    await step('the sentence, and no video box', async () => {
      await waitForPhase(frame, 'unsupported');
      await waitForText(
        frame.locator('[data-testid="message"]'),
        "This editor cannot decode the stream's AAC audio (VS Code desktop ships without AAC), so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).",
      );
      assert.equal(await frame.locator('video').isVisible(), false);
    }, page);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await screenshot(page, 'preview--unsupported');
    await step('Copy Playback URL puts the URL on the clipboard', async () => {
      await frame.getByRole('button', { name: 'Copy Playback URL' }).click();
      await waitUntil(async () => (await readClipboard(page)) === wire.playback_url, { what: 'the playback URL on the clipboard' });
    }, page);
    assert.equal(await frame.getByRole('button', { name: 'Open in Browser' }).isVisible(), true);
  });
});
