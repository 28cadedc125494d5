// The playback preview's time to first frame, measured where it runs: code-server with the
// packaged extension in Debian's Chromium, the fake API's real ingest with ffmpeg publishing the
// test pattern, and HLS already there (as for a livestream that is LIVE). Each run opens the
// preview from the palette and times from choosing the livestream to the preview's first frame
// (its page marks <body data-phase="playing"> when the video's time first moves).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { answerInput, closeAllWorkbenches, configureHarness, openWorkbench, openRealtimeKitView, runCommand, webviewFrame } from '../e2e/harness';
import { CHROMIUM_PATH, launchChromium } from '../editor/browser';
import { CODE_SERVER_ENTRY, REPO_ROOT, startCodeServer, TEST_OUTPUT_DIR } from '../editor/codeServer';
import { SEED_IDS, SEED_NAMES, startFakeApi } from '../fake-api/server';

const RUNS = Number(process.env.RTK_BENCH_PREVIEW_RUNS ?? 5);
const VSIX = path.join(REPO_ROOT, 'realtimekit-livestreams.vsix');

export interface PreviewTimes {
  /** Milliseconds from choosing the livestream to the first frame, per run. */
  readonly runs: number[];
  /** Of which: until the preview's page runs (the editor creating the webview), per run. */
  readonly pageRunning: number[];
}

/** Why the measurement cannot run here, or undefined when it can. */
export function previewBenchUnavailable(): string | undefined {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) return 'code-server is not installed (bash test/editor/setup.sh)';
  if (!fs.existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) return 'no ffmpeg (apt-get install ffmpeg)';
  if (!fs.existsSync(VSIX)) return 'the .vsix is missing (npm run package)';
  return undefined;
}

/**
 * The encoder. In real use it runs on another machine; here it shares two cores with code-server
 * and Chromium, so it is kept light (360p, ultrafast) to measure the editor rather than x264.
 */
function publish(url: string): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440'];
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '60', '-c:a', 'aac', '-f', 'flv', url);
  return spawn('ffmpeg', args, { stdio: 'ignore' });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function previewFirstFrame(): Promise<PreviewTimes> {
  const api = await startFakeApi({ port: 0, ingest: {} });
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => api.close()];
  try {
    const wire = api.state.livestreams.find((l) => l.id === SEED_IDS.idleStream)!;
    const encoder = publish(`${wire.ingest_server}${wire.stream_key}`);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (encoder.exitCode !== null || encoder.signalCode !== null) return resolve();
          encoder.once('exit', () => resolve());
          encoder.kill('SIGINT');
        }),
    );
    await api.ingest!.waitFor((e) => e.type === 'hlsReady' && e.livestreamId === SEED_IDS.idleStream, 30_000);

    const cs = await startCodeServer({ label: 'bench', installVsix: [VSIX] });
    cleanups.push(() => cs.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    configureHarness({ codeServer: cs, browser, api, screenshotDir: path.join(TEST_OUTPUT_DIR, 'screenshots') });
    cleanups.push(() => closeAllWorkbenches());

    const wb = await openWorkbench({
      keepApiState: true,
      settings: { 'realtimekit.apiBaseUrl': api.baseUrl, 'realtimekit.accountId': api.accountId, 'realtimekit.autoRefreshSeconds': 0 },
    });
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Set API Token');
    await answerInput(page, api.token, { prompt: /API token/i });
    await openRealtimeKitView(page);

    const runs: number[] = [];
    const pageRunning: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'RealtimeKit: Preview Playback');
      await page.locator('.quick-input-widget .quick-input-box input').fill(SEED_NAMES.idleStream);
      const choice = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ has: page.getByText(SEED_NAMES.idleStream, { exact: true }) }).first();
      await choice.waitFor({ state: 'visible' });
      // The clock starts when the person chooses the livestream.
      const start = Date.now();
      await choice.click();
      const frame: FrameLocator = await webviewFrame(page);
      const phase = () => frame.locator('body').getAttribute('data-phase', { timeout: 100 }).catch(() => null);
      await until('the preview page to run', async () => (await phase()) !== null, 30_000);
      pageRunning.push(Date.now() - start);
      await until('the first frame', async () => (await phase()) === 'playing', 30_000);
      runs.push(Date.now() - start);
    }
    return { runs, pageRunning };
  } finally {
    for (const clean of cleanups.reverse()) await Promise.resolve(clean()).catch(() => undefined);
  }
}
