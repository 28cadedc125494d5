// The rest of the livestream API in a real VS Code (code-server + Chromium) with the packaged
// extension and the fake API: starting a meeting's livestream from the palette and stopping it
// from the tree (with its modal), a meeting livestream's panel and a session opened whole from
// its row, and the app dashboard (analytics by day, totals, LIVE and ERRORED links, the range,
// and coming back after a reload).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES, uuidFor } from '../fake-api/seed';
import { hex, rateSample, sampleColours } from './contrast';
import {
  answerDialog,
  answerInput,
  escapeRegExp,
  fakeApi,
  openRealtimeKitView,
  pickQuickItem,
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

const DASHBOARD = `Dashboard: ${SEED_APP_NAMES.productionApp}`;

const byTestId = (frame: FrameLocator, id: string) => frame.locator(`[data-testid="${id}"]`);

/** Right-clicks a row and takes a context-menu entry (hovered, then Enter: see sidebar.e2e.ts). */
async function contextMenu(page: Page, rowName: string, entry: string): Promise<void> {
  await step(`context menu "${entry}" on "${rowName}"`, async () => {
    await page.mouse.move(900, 600);
    await treeRow(page, rowName).click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(entry)}`) }).first();
    await item.waitFor({ timeout: WAIT_MS });
    await item.hover();
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }, page);
}

/** Every text of the webview is readable in the current theme (WCAG 2.x, as panel.e2e.ts measures the panel). */
async function readable(page: Page, frame: FrameLocator, what: string): Promise<void> {
  const rated = await step(`measure every text of ${what}`, async () => (await frame.locator('body').evaluate(sampleColours)).map(rateSample), page);
  const unreadable = rated
    .filter((r) => r.ratio < r.required)
    .map((r) => `${r.kind} "${r.text}": ${hex(r.foreground)} on ${hex(r.background)} = ${r.ratio.toFixed(2)}:1, needs ${r.required}:1`);
  assert.deepEqual([...new Set(unreadable)], [], `too little contrast in ${what}`);
}

/** A screenshot tall enough for the whole webview. */
async function tallShot(page: Page, name: string, height = 1600): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: size.width, height });
  try {
    await new Promise((r) => setTimeout(r, 300)); // let the webview lay out at the new size
    await screenshot(page, name);
  } finally {
    await page.setViewportSize(size);
  }
}

describe('meetings, sessions and the app dashboard', () => {
  const wb = useWorkbench(() => ({ settings: { 'realtimekit.accountId': fakeApi().accountId, 'workbench.colorTheme': 'Default Dark Modern' } }));

  before(async function () {
    this.timeout(90_000);
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Set API Token');
    await answerInput(page, fakeApi().token, { prompt: /API token/i });
    await openRealtimeKitView(page);
    const app = treeRow(page, SEED_APP_NAMES.productionApp);
    await waitForText(app, /\d+ livestreams/);
    await app.click();
    await treeRow(page, SEED_NAMES.meetingLiveStream).waitFor({ timeout: WAIT_MS });
  });

  it('starts livestreaming a meeting from the palette, then stops it from the tree after a modal yes', async () => {
    const page = wb.page;
    const name = 'Design Review Live';
    await runCommand(page, 'RealtimeKit: Start Livestreaming a Meeting...');
    await pickQuickItem(page, SEED_APP_NAMES.productionApp);
    await answerInput(page, SEED_IDS.idleMeeting, { prompt: /ID of the meeting to livestream/ });
    await answerInput(page, name, { prompt: /Name of the livestream/ });
    await pickQuickItem(page, '1920 × 1080 (1080p)');
    const started = treeRow(page, name);
    await step('the new livestream is in the tree, marked as a meeting livestream', async () => {
      await waitForText(started, /INVOKED · meeting/);
      const posts = fakeApi().requests.filter((r) => r.route === 'startMeetingLivestream');
      assert.deepEqual(posts.map((r) => r.body), [{ name, video_config: { width: 1920, height: 1080 } }]);
      // Asked first whether the meeting was livestreaming already.
      assert.ok(fakeApi().requests.some((r) => r.route === 'meetingActiveLivestream' && r.path.endsWith(`/meetings/${SEED_IDS.idleMeeting}/active-livestream`)));
    }, page);
    await screenshot(page, 'meetings--started');

    await contextMenu(page, name, 'Stop Meeting Livestream');
    await answerDialog(page, 'Stop Livestream', { message: `Stop livestreaming meeting ${SEED_IDS.idleMeeting}?` });
    await step('stopped: one POST, and the tree shows it IDLE', async () => {
      await waitForText(started, /IDLE · meeting/);
      assert.equal(fakeApi().requests.filter((r) => r.route === 'stopMeetingLivestream').length, 1);
    }, page);
  });

  it("a meeting livestream's panel shows its meeting, and a session row opens that session whole", async () => {
    const page = wb.page;
    await treeRow(page, SEED_NAMES.meetingLiveStream).click();
    const frame = await webviewFrame(page, { title: SEED_NAMES.meetingLiveStream });
    await step('the meeting card: livestreaming now with this livestream, and its livestreams', async () => {
      await waitForText(byTestId(frame, 'meeting-now'), /Livestreaming now:\s*LIVE\s*Company Town Hall\s*this livestream/);
      await waitForText(byTestId(frame, 'meeting-livestreams'), /Company Town Hall\s*this livestream · 2 sessions/);
      assert.equal(await byTestId(frame, 'meeting-id').innerText(), SEED_IDS.townHallMeeting);
    }, page);
    await tallShot(page, 'meetings--panel');
    await readable(page, frame, 'the meeting card');

    const past = uuidFor('session:town-hall:0');
    await frame.locator(`[data-action="open-session"][data-session-id="${past}"]`).first().click();
    await step('the session view: every field, from the session endpoint', async () => {
      const fields = byTestId(frame, 'session-fields');
      await waitForText(fields, new RegExp(`Session ID\\s*${past}`));
      await waitForText(fields, /Ingest time\s*45m/);
      await waitForText(byTestId(frame, 'session-status'), 'Finished');
      await waitUntil(async () => fakeApi().requests.some((r) => r.route === 'session' && r.path.endsWith(`/livestreams/sessions/${past}`)), { what: 'the session endpoint asked' });
    }, page);
    await tallShot(page, 'meetings--session', 900);
    await readable(page, frame, 'the session view');
    await frame.getByRole('button', { name: /^Back to the livestream/ }).click();
    await byTestId(frame, 'sessions').waitFor({ timeout: WAIT_MS });
    await runCommand(page, 'View: Close All Editors');
  });

  it('the app dashboard: analytics by day, totals, LIVE and ERRORED links, the range, and after a reload', async () => {
    const page = wb.page;
    await step('open it from the app node', async () => {
      const app = treeRow(page, SEED_APP_NAMES.productionApp);
      await page.mouse.move(900, 600);
      await app.hover();
      await app.getByRole('button', { name: 'Open App Dashboard' }).click();
    }, page);
    const frame = await webviewFrame(page, { title: DASHBOARD });
    await step('30 days: a chart of three panes with a bar per day, totals, the LIVE and ERRORED livestreams', async () => {
      await waitForText(byTestId(frame, 'dashboard-totals'), /Livestreams\s*\d+/);
      const bars = byTestId(frame, 'day-chart').locator('rect.bar');
      await waitUntil(async () => (await bars.count()) === 90, { what: '3 × 30 bars', detail: async () => `${await bars.count()} bars` });
      await waitForText(byTestId(frame, 'live'), SEED_NAMES.liveStream);
      await waitForText(byTestId(frame, 'live'), SEED_NAMES.meetingLiveStream);
      await waitForText(byTestId(frame, 'errored'), SEED_NAMES.erroredStream);
    }, page);
    await tallShot(page, 'dashboard--30-days', 1200);
    await readable(page, frame, 'the dashboard (Dark Modern)');

    await frame.getByRole('button', { name: 'Last 90 days' }).click();
    await step('90 days: 90 bars per pane, and both endpoints asked for the same range', async () => {
      const bars = byTestId(frame, 'day-chart').locator('rect.bar');
      await waitUntil(async () => (await bars.count()) === 270, { what: '3 × 90 bars', detail: async () => `${await bars.count()} bars` });
      const daywise = fakeApi().requests.filter((r) => r.route === 'analyticsDaywise').at(-1);
      const overall = fakeApi().requests.filter((r) => r.route === 'analytics' && r.query.start_time).at(-1);
      assert.ok(daywise && overall);
      assert.equal(new Date(Number(daywise.query.start_time) * 1000).toISOString(), overall.query.start_time);
    }, page);
    await tallShot(page, 'dashboard--90-days', 1200);

    await step('reload: the dashboard comes back on 90 days', async () => {
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
      const again = await webviewFrame(page, { title: DASHBOARD });
      await waitUntil(async () => (await byTestId(again, 'day-chart').locator('rect.bar').count()) === 270, { what: 'the restored 90-day chart', timeoutMs: 30_000 });
    }, page);

    await step('readable in Light High Contrast too', async () => {
      await runCommand(page, 'Preferences: Color Theme');
      await pickQuickItem(page, 'Light High Contrast');
      await waitUntil(() => page.locator('.monaco-workbench').evaluate((el) => el.classList.contains('hc-light')), { what: 'the Light High Contrast theme' });
      const again = await webviewFrame(page, { title: DASHBOARD });
      await readable(page, again, 'the dashboard (Light High Contrast)');
      await tallShot(page, 'dashboard--high-contrast-light', 1200);
    }, page);

    await step('an ERRORED link opens that livestream', async () => {
      const again = await webviewFrame(page, { title: DASHBOARD });
      await byTestId(again, 'errored').getByRole('button', { name: SEED_NAMES.erroredStream }).click();
      const panel = await webviewFrame(page, { title: SEED_NAMES.erroredStream });
      await waitForText(panel.locator('h1'), SEED_NAMES.erroredStream);
    }, page);
  });
});
