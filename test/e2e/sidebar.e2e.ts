// The sidebar in a real VS Code (code-server + Chromium) with the packaged extension and the fake
// API: connect from scratch through the welcome button, browse every status, load more, filter,
// copy each credential (read back from the clipboard), open playback, create a livestream, an
// API failure shown and recovered, and screenshots of the tree in dark and light themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { FAKE_TOKEN_UNLISTED, SEED_APP_NAMES, SEED_IDS, SEED_NAMES, type WireLivestream } from '../fake-api/seed';
import {
  answerInput,
  catchExternalUrl,
  clearFaults,
  codeServer,
  escapeRegExp,
  fakeApi,
  notification,
  openRealtimeKitView,
  pickQuickItem,
  readClipboard,
  realtimeKitView,
  runCommand,
  screenshot,
  setFault,
  statusBarItem,
  step,
  treeRow,
  useWorkbench,
  WAIT_MS,
  waitForText,
  waitUntil,
  webviewFrame,
  welcomeContent,
} from './harness';

const QUICK_INPUT = '.quick-input-widget';

/** A tree row whose accessible name starts with `name`. */
function wire(id: string): WireLivestream {
  const found = fakeApi().state.livestreams.find((l) => l.id === id);
  assert.ok(found, `no livestream ${id} in the fake API`);
  return found;
}

async function expand(page: Page, name: string): Promise<void> {
  await step(`expand "${name}"`, async () => {
    const item = treeRow(page, name);
    await item.waitFor({ timeout: WAIT_MS });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    await waitUntil(async () => (await item.getAttribute('aria-expanded')) === 'true', { what: `${name} expanded` });
  }, page);
}

async function collapse(page: Page, name: string): Promise<void> {
  const item = treeRow(page, name);
  if ((await item.getAttribute('aria-expanded')) === 'true') await item.click();
}

/**
 * Moves the mouse off the tree and waits until no tooltip is showing. The mouse left resting on a
 * row (after a context menu, say) brings up that row's tooltip, which covers the rows below it
 * and takes the next hover or click meant for one of them.
 */
async function clearTooltip(page: Page): Promise<void> {
  await page.mouse.move(900, 600);
  await page.locator('.monaco-hover, .workbench-hover').filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/**
 * Right-clicks a row and chooses a context-menu entry. The entry is hovered and taken with Enter:
 * VS Code's menu ignores a mouse-up that follows its opening too closely (a fast click).
 */
async function contextMenu(page: Page, rowName: string, entry: string): Promise<void> {
  await step(`context menu "${entry}" on "${rowName}"`, async () => {
    await clearTooltip(page);
    await treeRow(page, rowName).click({ button: 'right' });
    const item = menuItem(page, entry);
    await item.waitFor({ timeout: WAIT_MS });
    await item.hover();
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }, page);
}

function menuItem(page: Page, entry: string): Locator {
  return page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(entry)}`) }).first();
}

/** Hovers a row and clicks one of its inline action buttons. */
async function inlineAction(page: Page, rowName: string, action: string): Promise<void> {
  await step(`inline "${action}" on "${rowName}"`, async () => {
    const r = treeRow(page, rowName);
    await clearTooltip(page);
    await r.hover();
    const button = r.getByRole('button', { name: action });
    await button.waitFor({ timeout: WAIT_MS });
    await button.click();
  }, page);
}

/** A button of the view's title bar (the container's, since the view is alone in it). */
async function viewTitleAction(page: Page, title: string): Promise<void> {
  await step(`view title action "${title}"`, async () => {
    const button = page.locator('.part.sidebar .composite.title .title-actions').getByRole('button', { name: title, exact: true });
    await button.waitFor({ timeout: WAIT_MS });
    await button.click();
  }, page);
}

/**
 * Waits until every app shows its count: the first pages (prefetched after the apps load) are
 * in, so no refresh will re-render rows (and close a context menu) under the next action.
 */
async function treeSettled(page: Page): Promise<void> {
  await step('the tree has settled', async () => {
    for (const name of Object.values(SEED_APP_NAMES).filter((n) => n !== SEED_APP_NAMES.secondAccountApp)) {
      await waitForText(treeRow(page, name), /\d+ livestreams?/);
    }
  }, page);
}

async function expectClipboard(page: Page, expected: string): Promise<void> {
  let last = '';
  await waitUntil(
    async () => {
      last = await readClipboard(page);
      return last === expected;
    },
    { what: 'the clipboard', detail: async () => `clipboard: ${JSON.stringify(last.slice(0, 80))}` },
  );
}

/** A small page size so Load more shows without scrolling; no polling: the tests refresh explicitly. */
const SETTINGS = { 'realtimekit.pageSize': 10, 'realtimekit.autoRefreshSeconds': 0 };

/** Resets the clipboard so the next copy must change it. */
async function clearClipboard(page: Page): Promise<void> {
  await page.evaluate(() => navigator.clipboard.writeText('e2e-sentinel'));
}

describe('sidebar: connecting', () => {
  const wb = useWorkbench(() => ({ settings: SETTINGS }));

  it('connects from scratch through the welcome button: token checked, verified, account chosen', async () => {
    const page = wb.page;
    await openRealtimeKitView(page);
    await welcomeContent(page).getByRole('button', { name: 'Set API Token' }).click();
    const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
    const message = page.locator(`${QUICK_INPUT} .quick-input-message`);
    await step('a token with a space is refused before any request', async () => {
      await input.waitFor({ timeout: WAIT_MS });
      assert.equal(await input.getAttribute('type'), 'password', 'the token box hides what is typed');
      await input.fill('two words');
      await waitForText(message, 'no spaces');
    }, page);
    await step('a wrong token is refused after verification, and the box stays open', async () => {
      const before = fakeApi().requests.length;
      await input.fill('rtk_fake_this_token_does_not_exist');
      await page.keyboard.press('Enter');
      await waitUntil(() => fakeApi().requests.slice(before).some((r) => r.route === 'userTokenVerify' && r.status === 401), { what: 'a verify request' });
      await waitForText(message, 'Cloudflare rejected this token (401)');
      assert.ok(await input.isVisible());
    }, page);
    await screenshot(page, 'sidebar--token-rejected');
    await answerInput(page, `  ${fakeApi().token}  `, { prompt: /API token/i });
    // The admin token lists two accounts: a quick pick with their names.
    await pickQuickItem(page, 'Acme Streaming');
    await treeRow(page, SEED_APP_NAMES.productionApp).waitFor({ timeout: WAIT_MS });
    await waitForText(treeRow(page, SEED_APP_NAMES.productionApp), '10 livestreams');
    await screenshot(page, 'sidebar--connected');
    await step('the account went to the settings, the token only to SecretStorage', async () => {
      let settings = '';
      await waitUntil(() => (settings = fs.readFileSync(codeServer().userSettingsFile, 'utf8')).includes(fakeApi().accountId), {
        what: 'realtimekit.accountId in settings.json',
      });
      assert.ok(!settings.includes(fakeApi().token), 'the token is in settings.json');
    }, page);
  });

  it('signs out back to the welcome content', async () => {
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Sign Out');
    await welcomeContent(page).getByRole('button', { name: 'Set API Token' }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'sidebar--signed-out');
  });

  it('a token that lists no accounts: the account ID is asked for and checked', async () => {
    const page = wb.page;
    // Signed out, the account of the first test still configured: the token is kept with it.
    await runCommand(page, 'RealtimeKit: Set API Token');
    await answerInput(page, FAKE_TOKEN_UNLISTED, { prompt: /API token/i });
    await treeRow(page, SEED_APP_NAMES.productionApp).waitFor({ timeout: WAIT_MS });
    // Choosing another account: nothing to pick from, so the ID is asked for.
    await runCommand(page, 'RealtimeKit: Select Account');
    const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
    const message = page.locator(`${QUICK_INPUT} .quick-input-message`);
    await step('the account box explains and validates', async () => {
      await waitForText(message, 'No accounts are listed for this token');
      await input.fill('12345');
      await waitForText(message, 'An account ID is 32 hexadecimal characters; this is 5 characters.');
    }, page);
    await screenshot(page, 'sidebar--account-id-asked');
    await answerInput(page, fakeApi().accountId.toUpperCase(), { prompt: /account ID/ });
    await treeRow(page, SEED_APP_NAMES.productionApp).waitFor({ timeout: WAIT_MS });
    assert.ok(fakeApi().requests.some((r) => r.route === 'apps' && r.auth === 'unlisted'), 'the apps were listed with the new token');
    await waitUntil(() => fs.readFileSync(codeServer().userSettingsFile, 'utf8').includes(`"realtimekit.accountId": "${fakeApi().accountId}"`), {
      what: 'the account ID stored lower-case',
    });
  });
});

describe('sidebar', () => {
  // Each window starts signed out: sign in through the palette, with the account preset.
  const wb = useWorkbench(() => ({ settings: { ...SETTINGS, 'realtimekit.accountId': fakeApi().accountId } }));

  before(async function () {
    this.timeout(90_000);
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Set API Token');
    await answerInput(page, fakeApi().token, { prompt: /API token/i });
    await openRealtimeKitView(page);
    await treeSettled(page);
  });

  it('browses: each status with its icon and description, unknown statuses as text', async () => {
    const page = wb.page;
    await expand(page, SEED_APP_NAMES.productionApp);
    const expectations: Array<[string, RegExp, string]> = [
      [SEED_NAMES.liveStream, /LIVE · /, 'codicon-broadcast'],
      [SEED_NAMES.idleStream, /IDLE · /, 'codicon-circle-outline'],
      [SEED_NAMES.erroredStream, /ERRORED · /, 'codicon-error'],
      [SEED_NAMES.invokedStream, /INVOKED · /, 'codicon-loading'],
      [SEED_NAMES.offlineStream, /OFFLINE · /, 'codicon-question'],
      [SEED_NAMES.disabledStream, /IDLE · disabled · /, 'codicon-circle-outline'],
    ];
    for (const [name, description, icon] of expectations) {
      await step(`"${name}" shows ${description}`, async () => {
        const r = treeRow(page, name);
        await waitForText(r, description);
        assert.equal(await r.locator(`.custom-view-tree-node-item-icon.${icon}, .codicon.${icon}`).count() > 0, true, `${name}: no ${icon} icon`);
      }, page);
    }
    await step('LIVE and ERRORED labels are coloured (a decoration), an IDLE one is not', async () => {
      const color = async (name: string) => treeRow(page, name).locator('.label-name').first().evaluate((el) => getComputedStyle(el).color);
      // Decorations arrive asynchronously after the row renders.
      await waitUntil(async () => (await color(SEED_NAMES.liveStream)) !== (await color(SEED_NAMES.idleStream)), { what: 'a coloured LIVE label' });
      await waitUntil(async () => (await color(SEED_NAMES.erroredStream)) !== (await color(SEED_NAMES.idleStream)), { what: 'a coloured ERRORED label' });
    }, page);
    await step('the view badge counts the LIVE livestreams loaded', async () => {
      // First pages of 10: Production (Keynote, Town Hall) and Staging (Smoke Test); Load Test's LIVE 250 is on page 2.
      const badge = page.locator('.activitybar a.action-label[aria-label^="RealtimeKit"] ~ .badge .badge-content');
      await waitForText(badge, /^3$/);
      assert.equal(await page.locator('.activitybar a.action-label[aria-label^="RealtimeKit"]').getAttribute('aria-label'), 'RealtimeKit - 3 livestreams LIVE');
    }, page);

    await step('the status bar counts them too; clicking it offers only the LIVE ones', async () => {
      const item = statusBarItem(page, /3 LIVE/);
      await item.waitFor({ timeout: WAIT_MS });
      await item.click();
      const widget = page.locator('.quick-input-widget').filter({ hasText: 'LIVE Livestreams' });
      await widget.waitFor({ timeout: WAIT_MS });
      const rows = widget.locator('.quick-input-list .monaco-list-row');
      await waitUntil(async () => (await rows.count()) === 3, { what: 'three LIVE livestreams in the quick pick' });
      const labels = (await rows.allInnerTexts()).join('\n');
      for (const name of [SEED_NAMES.liveStream, SEED_NAMES.meetingLiveStream, SEED_NAMES.stagingLiveStream]) {
        assert.ok(labels.includes(name), `${name} is missing from the LIVE pick:\n${labels}`);
      }
      assert.ok(!labels.includes(SEED_NAMES.idleStream), 'an IDLE livestream is in the LIVE pick');
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: WAIT_MS });
    }, page);

    await step('the tooltip shows ids and the ingest server, never the stream key', async () => {
      await treeRow(page, SEED_NAMES.liveStream).hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true }).first();
      await waitForText(hover, SEED_IDS.liveStream);
      const text = await hover.innerText();
      assert.match(text, /Ingest server: rtmps:\/\/live\.cloudflare\.com:443\/live\//);
      assert.ok(!text.includes(wire(SEED_IDS.liveStream).stream_key!), 'the stream key is in the tooltip');
      await screenshot(page, 'sidebar--tooltip');
      await page.mouse.move(900, 600);
    }, page);

    await step('screenshots in the dark and light themes', async () => {
      for (const [theme, css, name] of [
        ['Dark Modern', 'vs-dark', 'dark'],
        ['Light Modern', 'vs', 'light'],
        ['Dark Modern', 'vs-dark', ''],
      ] as const) {
        await runCommand(page, 'Preferences: Color Theme');
        await pickQuickItem(page, theme);
        await page.locator(`.monaco-workbench.${css}`).waitFor({ timeout: WAIT_MS });
        if (name) await screenshot(page, `sidebar--statuses-${name}`);
      }
    }, page);
  });

  it('loads more with the Load more node', async () => {
    const page = wb.page;
    await collapse(page, SEED_APP_NAMES.productionApp);
    await expand(page, SEED_APP_NAMES.bigApp);
    const more = treeRow(page, 'Load more livestreams');
    await waitForText(more, '10 of 260');
    await treeRow(page, 'Load Test Stream 251').waitFor({ timeout: WAIT_MS });
    assert.equal(await treeRow(page, 'Load Test Stream 250').count(), 0, 'page 2 is not loaded yet');
    await more.click();
    await waitForText(treeRow(page, 'Load more livestreams'), '20 of 260');
    await treeRow(page, 'Load Test Stream 250').waitFor({ timeout: WAIT_MS });
    await step('the second page is decorated like the first (ERRORED 247 coloured, IDLE 246 not)', async () => {
      const color = async (name: string) => treeRow(page, name).locator('.label-name').first().evaluate((el) => getComputedStyle(el).color);
      await page.mouse.move(900, 600);
      await waitUntil(async () => (await color('Load Test Stream 247')) !== (await color('Load Test Stream 246')), { what: 'a coloured ERRORED label' });
    }, page);
    await screenshot(page, 'sidebar--load-more');
    await collapse(page, SEED_APP_NAMES.bigApp);
  });

  it('filters by status from the view title, shows the filter, and clears it', async () => {
    const page = wb.page;
    await expand(page, SEED_APP_NAMES.productionApp);
    await viewTitleAction(page, 'Filter by Status');
    await pickQuickItem(page, 'LIVE');
    // The view is alone in its container, so VS Code hides its header (and description): the
    // filter is said in the view's message above the tree.
    await waitForText(realtimeKitView(page), 'Showing only LIVE livestreams');
    await waitUntil(async () => (await treeRow(page, SEED_NAMES.idleStream).count()) === 0, { what: 'IDLE livestreams hidden' });
    await waitForText(treeRow(page, SEED_APP_NAMES.productionApp), '2 LIVE');
    await waitForText(treeRow(page, SEED_APP_NAMES.emptyApp), '0 LIVE');
    await treeRow(page, SEED_NAMES.liveStream).waitFor({ timeout: WAIT_MS });
    await treeRow(page, SEED_NAMES.meetingLiveStream).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'sidebar--filter-live');
    await viewTitleAction(page, 'Clear Status Filter');
    await treeRow(page, SEED_NAMES.idleStream).waitFor({ timeout: WAIT_MS });
    await waitUntil(async () => !(await realtimeKitView(page).innerText()).includes('Showing only'), { what: 'the filter message to go' });
    await page.locator('.part.sidebar .title-actions').getByRole('button', { name: 'Filter by Status', exact: true }).waitFor({ timeout: WAIT_MS });
  });

  it('copies each credential: context menu, inline buttons and the palette', async () => {
    const page = wb.page;
    const keynote = wire(SEED_IDS.liveStream);
    const rtmp = `${keynote.ingest_server}${keynote.stream_key}`;
    // After a filter change everything reloads: let it settle before opening menus.
    await treeSettled(page);
    await expand(page, SEED_APP_NAMES.productionApp);

    await clearClipboard(page);
    await contextMenu(page, SEED_NAMES.liveStream, 'Copy Stream Key');
    await expectClipboard(page, keynote.stream_key!);
    await step('confirmed in the status bar without the key', async () => {
      const item = statusBarItem(page, `Copied the stream key of “${SEED_NAMES.liveStream}”`);
      await item.waitFor({ timeout: WAIT_MS });
      assert.ok(!(await page.locator('.part.statusbar').innerText()).includes(keynote.stream_key!));
    }, page);
    await screenshot(page, 'sidebar--copied-key');

    await clearClipboard(page);
    await inlineAction(page, SEED_NAMES.liveStream, 'Copy Ingest Server');
    await expectClipboard(page, keynote.ingest_server!);

    await clearClipboard(page);
    await contextMenu(page, SEED_NAMES.liveStream, 'Copy Full RTMP URL');
    await expectClipboard(page, rtmp);

    await clearClipboard(page);
    await inlineAction(page, SEED_NAMES.liveStream, 'Copy Playback URL');
    await expectClipboard(page, keynote.playback_url!);

    await clearClipboard(page);
    await contextMenu(page, SEED_NAMES.liveStream, 'Copy Livestream ID');
    await expectClipboard(page, SEED_IDS.liveStream);

    await clearClipboard(page);
    await contextMenu(page, SEED_NAMES.liveStream, 'Copy ffmpeg Command');
    await step('the ffmpeg command streams a test pattern to <server><key>', async () => {
      let text = '';
      await waitUntil(async () => (text = await readClipboard(page)).startsWith('ffmpeg '), { what: 'an ffmpeg command' });
      assert.match(text, /-f lavfi -i testsrc2=/);
      assert.ok(text.endsWith(` -f flv ${rtmp}`), text);
    }, page);

    // From the palette: a quick pick across all apps (name, app, status; type to filter).
    await clearClipboard(page);
    await runCommand(page, 'RealtimeKit: Copy Stream Key');
    await step('the quick pick lists livestreams with app and status, filtered by what is typed', async () => {
      // The list is long (every app, every page loaded) and virtualised: narrow it as a person would.
      await page.locator(`${QUICK_INPUT} .quick-input-box input`).fill('ERRORED');
      const first = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ hasText: SEED_NAMES.erroredStream }).first();
      await waitForText(first, `${SEED_APP_NAMES.productionApp} · ERRORED`);
      await screenshot(page, 'sidebar--palette-pick');
    }, page);
    await pickQuickItem(page, SEED_NAMES.erroredStream);
    await expectClipboard(page, wire(SEED_IDS.erroredStream).stream_key!);

    await step('a livestream without a key: the palette says so and copies nothing', async () => {
      await clearClipboard(page);
      await runCommand(page, 'RealtimeKit: Copy Stream Key');
      await pickQuickItem(page, SEED_NAMES.invokedStream);
      await notification(page, `Livestream “${SEED_NAMES.invokedStream}” has no stream key`).waitFor({ timeout: WAIT_MS });
      assert.equal(await readClipboard(page), 'e2e-sentinel');
      // And its row offers no key actions.
      await treeRow(page, SEED_NAMES.invokedStream).click({ button: 'right' });
      await menuItem(page, 'Copy Livestream ID').waitFor({ timeout: WAIT_MS });
      assert.equal(await menuItem(page, 'Copy Stream Key').count(), 0);
      assert.equal(await menuItem(page, 'Copy Full RTMP URL').count(), 0);
      assert.equal(await menuItem(page, 'Open Playback URL').count(), 0);
      await page.keyboard.press('Escape');
      await menuItem(page, 'Copy Livestream ID').waitFor({ state: 'hidden', timeout: WAIT_MS });
    }, page);
  });

  it('opens the playback URL in the browser', async () => {
    const page = wb.page;
    await expand(page, SEED_APP_NAMES.productionApp);
    const url = await catchExternalUrl(page, () => inlineAction(page, SEED_NAMES.liveStream, 'Open Playback URL'));
    assert.equal(url, wire(SEED_IDS.liveStream).playback_url);
  });

  it('creates a livestream: app, name, POST, then the new node is revealed', async () => {
    const page = wb.page;
    const name = 'E2E Launch Party';
    await runCommand(page, 'RealtimeKit: Create Livestream...');
    await pickQuickItem(page, SEED_APP_NAMES.productionApp);
    await answerInput(page, name, { prompt: /Name of the new livestream/ });
    const created = treeRow(page, name);
    await created.waitFor({ timeout: WAIT_MS });
    await waitUntil(async () => (await created.getAttribute('aria-selected')) === 'true', { what: 'the new node selected' });
    await waitForText(created, 'IDLE');
    const posted = fakeApi().requests.filter((r) => r.route === 'createLivestream');
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0].body, { name });
    assert.ok(fakeApi().state.livestreams.some((l) => l.name === name && l.app_id === SEED_IDS.productionApp));
    await waitForText(treeRow(page, SEED_APP_NAMES.productionApp), '11 livestreams');
    await screenshot(page, 'sidebar--created');
  });

  it('shows an API failure in place and recovers once the fault clears', async () => {
    const page = wb.page;
    await expand(page, SEED_APP_NAMES.productionApp);
    await treeRow(page, SEED_NAMES.liveStream).waitFor({ timeout: WAIT_MS });
    setFault('livestreams', { status: 500, message: 'INTERNAL_SERVER_ERROR: the database is on fire' });
    await viewTitleAction(page, 'Refresh');
    // The client retries a 500 a few times (with backoff) before the error shows.
    const error = treeRow(page, "Couldn't refresh livestreams: server error (500)");
    await error.waitFor({ timeout: WAIT_MS * 2 });
    // What was loaded before stays visible under the error.
    await treeRow(page, SEED_NAMES.liveStream).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'sidebar--api-error');
    clearFaults();
    await error.click();
    await waitUntil(async () => (await treeRow(page, "Couldn't refresh livestreams").count()) === 0, { what: 'the error node to go' });
    await treeRow(page, SEED_NAMES.liveStream).waitFor({ timeout: WAIT_MS });
  });

  it('Open Livestream... from the palette opens the panel and reveals the node', async () => {
    const page = wb.page;
    await runCommand(page, 'RealtimeKit: Open Livestream...');
    await pickQuickItem(page, SEED_NAMES.idleStream);
    // The panel is open when it shows the livestream, not when its tab appears: until then its
    // webview is still loading (and may take the focus back from the palette, see webviewsLoaded).
    const panel = await webviewFrame(page);
    await waitForText(panel.locator('h1'), SEED_NAMES.idleStream);
    await waitUntil(async () => (await treeRow(page, SEED_NAMES.idleStream).getAttribute('aria-selected')) === 'true', { what: 'the node selected' });
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab', { hasText: SEED_NAMES.idleStream }).waitFor({ state: 'detached', timeout: WAIT_MS });
  });

});
