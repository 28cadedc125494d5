// Going live, proven with a real encoder: a fake API of its own with a real RTMP ingest (the rest
// of the suite keeps Cloudflare's URLs in its screenshots), Debian's ffmpeg publishing the test
// pattern with the URL the extension copied, and the extension telling LIVE and stopped without a
// Refresh. Then the same through Stream Test Pattern, whose terminal really runs ffmpeg.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES, startFakeApi, type FakeApi } from '../fake-api/server';
import { LIGHT_ENCODING, startFakeObs, type FakeObs } from '../fake-obs/server';
import {
  answerInput,
  escapeRegExp,
  notification,
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

const WATCH_SECONDS = 2;

describe('go live', () => {
  let api: FakeApi;
  let obs: FakeObs;
  const encoders: ChildProcess[] = [];

  before(async () => {
    // invokedMs: the ingest holds INVOKED a moment, as Cloudflare does, so "connecting" can be seen.
    api = await startFakeApi({ port: 0, ingest: { invokedMs: 1000 } });
    obs = await startFakeObs({ ...LIGHT_ENCODING, password: 'obs-websocket-secret' });
  });
  after(async () => {
    await Promise.all(encoders.map(stop));
    await obs?.close();
    await api?.close();
  });

  const wb = useWorkbench(() => ({
    settings: {
      'realtimekit.apiBaseUrl': api.baseUrl,
      'realtimekit.accountId': api.accountId,
      'realtimekit.watchSeconds': WATCH_SECONDS,
      'realtimekit.pageSize': 10,
      'realtimekit.autoRefreshSeconds': 0,
      'realtimekit.obsWebSocketUrl': obs.url,
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

  it('Copy Full RTMP URL, a real ffmpeg publishes with it: LIVE is told within watchSeconds + 2 s, the tree and the panel follow, and the stop is told', async () => {
    const page = wb.page;
    const name = SEED_NAMES.idleStream;
    const app = treeRow(page, SEED_APP_NAMES.productionApp);
    if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();

    const url = await step('copy the full RTMP URL from the tree', async () => {
      await treeRow(page, name).click({ button: 'right' });
      const entry = page.getByRole('menuitem', { name: /^Copy Full RTMP URL/ }).first();
      await entry.hover();
      await page.keyboard.press('Enter');
      let copied = '';
      await waitUntil(async () => (copied = await readClipboard(page)).startsWith(api.ingest!.rtmpBase), { what: 'the RTMP URL on the clipboard' });
      return copied;
    }, page);
    await step('the livestream is watched (an eye in the tree)', () => waitForText(treeRow(page, name), '👁 watching'), page);

    const encoder = publish(url);
    encoders.push(encoder);
    const live = await step('the encoder goes LIVE at the ingest', () => api.ingest!.waitFor((e) => e.type === 'live' && e.livestreamId === SEED_IDS.idleStream, 20_000), page);
    const toast = notification(page, `${name} is LIVE`);
    await step(`"${name} is LIVE" is told within watchSeconds + 2 s`, async () => {
      await toast.waitFor({ timeout: WAIT_MS });
      const after = Date.now() - live.time;
      assert.ok(after <= (WATCH_SECONDS + 2) * 1000, `the notification came ${after} ms after the livestream went LIVE`);
    }, page);
    await step('the tree shows LIVE without a Refresh, by the time the notification says so', async () => {
      assert.match(await treeRow(page, name).innerText(), /LIVE/);
    }, page);
    await page.mouse.move(700, 300);
    await page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).waitFor({ state: 'hidden', timeout: WAIT_MS }).catch(() => undefined);
    await screenshot(page, 'go-live--live-notification');

    await step('Open Panel: the session in progress', async () => {
      await toast.getByRole('button', { name: 'Open Panel' }).click();
      const frame = await webviewFrame(page, { title: name });
      await waitForText(frame.locator('[data-testid="status"]'), 'LIVE');
      const session = frame.locator('[data-testid="live-session"]');
      await waitForText(session, 'Running for');
      assert.equal(await frame.locator('[data-testid="watching"]').count() > 0, true, 'the panel says it is watched');
      await screenshot(page, 'go-live--panel-live');
    }, page);

    await stop(encoder);
    await step('stopping the encoder is told', () => notification(page, new RegExp(`${escapeRegExp(name)} stopped after`)).first().waitFor({ timeout: WAIT_MS }), page);
    await waitForText(treeRow(page, name), /IDLE/);
    await waitUntil(async () => !(await treeRow(page, name).innerText()).includes('watching'), { what: 'the watch to end after LIVE and stop' });
  });

  it('Stream Test Pattern: the terminal really runs ffmpeg (the key never shows), LIVE is told, Stop Test Pattern ends it', async () => {
    const page = wb.page;
    const name = SEED_NAMES.erroredStream;
    const key = api.state.livestreams.find((l) => l.id === SEED_IDS.erroredStream)!.stream_key!;
    await page.keyboard.press('Escape');
    await runCommand(page, 'RealtimeKit: Stream Test Pattern');
    await pickQuickItem(page, name);
    const terminalTab = page.locator('.terminal-tabs-entry, .single-terminal-tab, .tabs-container .tab').filter({ hasText: `Test pattern: ${name}` }).first();
    await step('a terminal named after the livestream', () => terminalTab.waitFor({ timeout: WAIT_MS }), page);
    await step('the ingest sees the publish and the livestream goes LIVE', () => api.ingest!.waitFor((e) => e.type === 'live' && e.livestreamId === SEED_IDS.erroredStream, 30_000), page);
    await step(`"${name} is LIVE" is told`, () => notification(page, `${name} is LIVE`).waitFor({ timeout: WAIT_MS }), page);
    await step('the terminal buffer shows ffmpeg at work, never the key', async () => {
      // The terminal draws on a canvas: read its buffer the way a person copies it.
      let text = '';
      await waitUntil(
        async () => {
          await page.locator('.terminal-wrapper').first().click();
          await runCommand(page, 'Terminal: Select All');
          await page.keyboard.press('Control+Shift+C'); // the terminal's own Copy on Linux
          text = await readClipboard(page);
          return text.includes('Streaming a test pattern') && /frame=\s*\d+/.test(text);
        },
        { what: 'ffmpeg progress in the terminal', detail: async () => JSON.stringify(text.slice(0, 300)) },
      );
      assert.ok(!text.includes(key), 'the stream key is in the terminal buffer');
      await screenshot(page, 'go-live--test-pattern-terminal');
    }, page);
    await runCommand(page, 'RealtimeKit: Stop Test Pattern');
    await step('ffmpeg stops: the ingest sees it, and the stop is told', async () => {
      await api.ingest!.waitFor((e) => e.type === 'stopped' && e.livestreamId === SEED_IDS.erroredStream, WAIT_MS);
      await notification(page, new RegExp(`${escapeRegExp(name)} stopped after`)).first().waitFor({ timeout: WAIT_MS });
    }, page);
    // Closing the last terminal hands the focus to the editor (here a webview) a moment later: a
    // palette opened before that would close in its hands.
    await step('Stop Test Pattern closes its terminal', () => terminalTab.waitFor({ state: 'detached', timeout: WAIT_MS }), page);
  });

  it('OBS: Send to OBS from the panel (asking for its password), Start Streaming in OBS, LIVE with the encoder health beside it, Stop', async () => {
    const page = wb.page;
    const name = SEED_NAMES.manySessionsStream;
    const wire = api.state.livestreams.find((l) => l.id === SEED_IDS.manySessionsStream)!;
    await page.keyboard.press('Escape');
    await runCommand(page, 'RealtimeKit: Open Livestream...');
    await pickQuickItem(page, name);
    const frame = await webviewFrame(page, { title: name });
    await waitForText(frame.locator('h1'), name);
    await step('Send to OBS: OBS asks for its password, the extension asks once, then OBS is set up', async () => {
      await frame.getByRole('button', { name: 'Send the server and stream key to OBS' }).click();
      await answerInput(page, 'obs-websocket-secret', { prompt: /OBS/ });
      await notification(page, `OBS is set up for “${name}”`).waitFor({ timeout: WAIT_MS });
      assert.deepEqual(obs.state.streamService, { type: 'rtmp_custom', settings: { server: wire.ingest_server, key: wire.stream_key } });
      await waitForText(frame.locator('.card-obs'), 'set up for this livestream');
    }, page);
    await step('Start Streaming in OBS: OBS publishes for real, the livestream goes LIVE', async () => {
      await frame.getByRole('button', { name: 'Start streaming in OBS' }).click();
      await api.ingest!.waitFor((e) => e.type === 'live' && e.livestreamId === SEED_IDS.manySessionsStream, 30_000);
      await notification(page, `${name} is LIVE`).waitFor({ timeout: WAIT_MS });
    }, page);
    await step("the panel shows OBS's health beside Cloudflare's status", async () => {
      await waitForText(frame.locator('[data-testid="status"]'), 'LIVE');
      await waitForText(frame.locator('[data-testid="obs-bitrate"]'), /\d+(\.\d)? Mbps/);
      await waitForText(frame.locator('[data-testid="obs-dropped"]'), /% \(\d+ of \d+ frames\)/);
      await waitForText(frame.locator('[data-testid="obs-health"]'), 'Keyframe interval 2–8 s');
      await screenshot(page, 'go-live--obs-health');
    }, page);
    await step('Stop Streaming in OBS: the ingest sees it end, the stop is told, the livestream is IDLE', async () => {
      await frame.getByRole('button', { name: 'Stop streaming in OBS' }).click();
      await api.ingest!.waitFor((e) => e.type === 'stopped' && e.livestreamId === SEED_IDS.manySessionsStream, WAIT_MS);
      await notification(page, new RegExp(`${escapeRegExp(name)} stopped after`)).first().waitFor({ timeout: WAIT_MS });
      await waitForText(frame.locator('[data-testid="status"]'), 'IDLE');
    }, page);
  });
});
