// The livestream panel in a real VS Code (code-server + Chromium) with the packaged extension and
// the fake API: open from the tree, read the values inside the webview, reveal and copy the key,
// page through sessions, watch a LIVE stream change, an XSS-named livestream, a page reload, and
// in dark, light and both high-contrast themes the contrast of every text in the panel (WCAG 2.x).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { ERR_HTML, SEED_APP_NAMES, SEED_IDS, SEED_NAMES, streamKeyFor } from '../fake-api/seed';
import { hex, rateSample, sampleColours, type RatedSample } from './contrast';
import {
  answerInput,
  closeTabs,
  escapeRegExp,
  fakeApi,
  openRealtimeKitView,
  pickQuickItem,
  readClipboard,
  runCommand,
  screenshot,
  statusBarItem,
  step,
  treeItem,
  useWorkbench,
  WAIT_MS,
  waitForText,
  waitUntil,
  webviewFrame,
} from './harness';

const MASK = '•'.repeat(16);

function settings(): Record<string, unknown> {
  return {
    'realtimekit.accountId': fakeApi().accountId,
    // The shortest interval the extension allows, so the LIVE test sees a refresh quickly.
    'realtimekit.autoRefreshSeconds': 5,
    'workbench.colorTheme': 'Default Dark Modern',
  };
}

async function signIn(page: Page): Promise<void> {
  await runCommand(page, 'RealtimeKit: Set API Token');
  await answerInput(page, fakeApi().token, { prompt: /API token/i });
  await openRealtimeKitView(page);
  await treeItem(page, new RegExp(SEED_APP_NAMES.productionApp)).first().waitFor({ timeout: WAIT_MS });
}

/** Expands an app in the tree (if collapsed) and clicks one of its livestreams. */
async function openFromTree(page: Page, appName: string, livestreamName: string): Promise<FrameLocator> {
  await step(`open "${livestreamName}" from the tree`, async () => {
    const app = treeItem(page, new RegExp(`^${escapeRegExp(appName)}`)).first();
    // The app's list is prefetched: wait until the tree has shown it (the count in the app's
    // description). Expanding before that refresh arrives renders the rows twice, and a click
    // on the first rendering runs a command VS Code has already forgotten ("Actual command not
    // found", microsoft/vscode#185629).
    await waitForText(app, /\d+ livestreams?/);
    if ((await app.getAttribute('aria-expanded')) !== 'true') {
      await app.click();
    }
    // The rows arrive in one refresh, once the app's list is in (the tree shows a Loading row
    // until then), and nothing re-renders them unless they change: one click opens the panel.
    const item = treeItem(page, new RegExp(`^${escapeRegExp(livestreamName)}`)).first();
    const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: livestreamName }) });
    await item.click();
    await tab.first().waitFor({ timeout: WAIT_MS });
  }, page);
  return panelFrame(page, livestreamName);
}

async function panelFrame(page: Page, title: string): Promise<FrameLocator> {
  const frame = await webviewFrame(page, { title });
  await waitForText(frame.locator('h1'), title);
  return frame;
}

const byTestId = (frame: FrameLocator, id: string) => frame.locator(`[data-testid="${id}"]`);
const text = async (frame: FrameLocator, id: string) => (await byTestId(frame, id).first().innerText()).replace(/\s+/g, ' ').trim();

/** A screenshot tall enough to show the whole panel, not only the first cards. */
async function panelShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: size.width, height: 2000 });
  try {
    await new Promise((r) => setTimeout(r, 300)); // let the webview lay out at the new size
    await screenshot(page, name);
  } finally {
    await page.setViewportSize(size);
  }
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${fakeApi().origin}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}

describe('livestream panel', () => {
  const wb = useWorkbench(() => ({ settings: settings() }));
  const dialogs: string[] = [];

  before(async function () {
    this.timeout(90_000);
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(wb.page);
  });

  afterEach(async () => {
    // One panel at a time keeps the frame lookups unambiguous.
    const page = wb.page;
    await page.keyboard.press('Escape');
    await closeTabs(page, ...Object.values(SEED_NAMES));
  });

  it('opens from the tree and shows every card filled from the fake API', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.erroredStream);
    await step('header', async () => {
      assert.match(await text(frame, 'status'), /ERRORED/);
      assert.equal(await text(frame, 'livestream-id'), SEED_IDS.erroredStream);
    });
    await step('encoder', async () => {
      assert.equal(await text(frame, 'ingest-server'), 'rtmps://live.cloudflare.com:443/live/');
      assert.equal(await text(frame, 'stream-key'), MASK);
      assert.equal(await text(frame, 'rtmp-url'), `rtmps://live.cloudflare.com:443/live/${MASK}`);
      assert.match(await text(frame, 'ffmpeg'), /^ffmpeg -re .* -f flv 'rtmps:\/\/live\.cloudflare\.com:443\/live\/•{16}'$/);
    });
    await step('playback', async () => {
      assert.match(await text(frame, 'playback-url'), /^https:\/\/customer-[a-z0-9]{16}\.cloudflarestream\.com\/[0-9a-f]{32}\/manifest\/video\.m3u8$/);
    });
    await step('stats', async () => {
      await waitForText(byTestId(frame, 'totals'), 'Sessions 3');
      assert.equal(await text(frame, 'latest-error'), 'Input stream ended unexpectedly: no keyframe for 30s');
      await waitForText(byTestId(frame, 'app-totals'), 'Livestreams');
    });
    await step('sessions table and chart', async () => {
      assert.equal(await byTestId(frame, 'sessions').locator('tbody tr:not(.error-row)').count(), 3);
      assert.equal(await byTestId(frame, 'chart').locator('rect.bar').count(), 6);
      assert.equal(await text(frame, 'paging-label'), 'Sessions 1–3 of 3');
    });
    await step('the source holds no stream key', async () => {
      const html = await frame.locator('html').evaluate((el) => el.outerHTML);
      assert.ok(!html.includes(streamKeyFor('webinar')));
    });
    await panelShot(page, 'panel--dark--errored');
  });

  it('reveals the stream key, copies it through the extension, and masks it again on Hide', async () => {
    const page = wb.page;
    const key = streamKeyFor('product-launch');
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.idleStream);
    await step('reveal', async () => {
      await frame.getByRole('button', { name: 'Reveal stream key' }).click();
      await waitForText(byTestId(frame, 'stream-key'), key);
      await waitForText(byTestId(frame, 'rtmp-url'), `rtmps://live.cloudflare.com:443/live/${key}`);
    });
    await panelShot(page, 'panel--dark--key-revealed');
    await step('copy the key', async () => {
      await frame.getByRole('button', { name: 'Copy stream key' }).click();
      await statusBarItem(page, /Copied the stream key/).waitFor({ timeout: WAIT_MS });
      assert.ok(!(await page.locator('.part.statusbar').innerText()).includes(key), 'the status bar echoes the key');
      assert.equal(await readClipboard(page), key);
    });
    await step('hide', async () => {
      await frame.getByRole('button', { name: 'Hide stream key' }).click();
      await waitForText(byTestId(frame, 'stream-key'), MASK);
      const html = await frame.locator('html').evaluate((el) => el.outerHTML);
      assert.ok(!html.includes(key), 'the key is still in the page after Hide');
    });
    await step('copy the playback URL (no reveal needed)', async () => {
      await frame.getByRole('button', { name: 'Copy playback URL' }).click();
      await waitUntil(async () => (await readClipboard(page)).endsWith('/manifest/video.m3u8'), { what: 'the playback URL on the clipboard' });
    });
  });

  it('pages through sessions: next, previous, last, and a page size choice', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.manySessionsStream);
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 1–10 of 36');
    await step('next page', async () => {
      await frame.getByRole('button', { name: 'Next' }).click();
      await waitForText(byTestId(frame, 'paging-label'), 'Sessions 11–20 of 36');
      assert.equal(await text(frame, 'page-no'), 'Page 2 of 4');
      // The latest session still comes from page 1.
      await byTestId(frame, 'latest-session').waitFor();
    });
    await step('last page', async () => {
      await frame.getByRole('button', { name: 'Last' }).click();
      await waitForText(byTestId(frame, 'paging-label'), 'Sessions 31–36 of 36');
      assert.equal(await byTestId(frame, 'sessions').locator('tbody tr:not(.error-row)').count(), 6);
    });
    await step('page size 25', async () => {
      await frame.getByLabel('Sessions per page').selectOption('25');
      await waitForText(byTestId(frame, 'paging-label'), 'Sessions 1–25 of 36');
      await waitForText(byTestId(frame, 'session-error'), 'no keyframe');
    });
    await step('keyboard: Previous is disabled on page 1, Next works with Enter', async () => {
      assert.equal(await frame.getByRole('button', { name: 'Previous' }).isDisabled(), true);
      await frame.getByRole('button', { name: 'Next' }).focus();
      await page.keyboard.press('Enter');
      await waitForText(byTestId(frame, 'paging-label'), 'Sessions 26–36 of 36');
    });
    await panelShot(page, 'panel--dark--sessions-page-2');
  });

  it('follows a LIVE livestream as the fake API changes it', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.stagingApp, SEED_NAMES.stagingLiveStream);
    await waitForText(byTestId(frame, 'status'), 'LIVE');
    await waitForText(frame.locator('#updated-ago'), /Updated (just now|\d+s ago)/);
    await waitForText(frame.locator('.fetch-status'), 'Auto-refreshing while live');
    await panelShot(page, 'panel--dark--live');
    await control(`livestreams/${SEED_IDS.stagingLiveStream}`, { status: 'ERRORED' });
    // autoRefreshSeconds is 5: the next refresh shows the change (with backoff slack).
    await waitForText(byTestId(frame, 'status'), 'ERRORED', 20_000);
    await waitForText(frame.locator('#updated-ago'), /Updated (just now|\d+s ago)/);
  });

  it('renders an XSS-named livestream and HTML error messages as text', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.stagingApp, SEED_NAMES.xssStream);
    await step('name and error are text', async () => {
      assert.equal(await frame.locator('h1').innerText(), SEED_NAMES.xssStream);
      await waitForText(byTestId(frame, 'session-error'), ERR_HTML);
      assert.equal(await frame.locator('#app img').count(), 0, 'an <img> from the name reached the DOM');
      assert.equal(await frame.locator('#app b').count(), 0, 'a <b> from the error reached the DOM');
      assert.deepEqual(dialogs, [], 'a script from the API ran');
    });
    await panelShot(page, 'panel--dark--xss');
  });

  it('is restored after a page reload, on the same sessions page', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.manySessionsStream);
    await frame.getByRole('button', { name: 'Next' }).click();
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 11–20 of 36');
    await step('reload', async () => {
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    });
    const again = await panelFrame(page, SEED_NAMES.manySessionsStream);
    await waitForText(byTestId(again, 'paging-label'), 'Sessions 11–20 of 36', 30_000);
    assert.equal(await text(again, 'stream-key'), MASK);
    await panelShot(page, 'panel--dark--after-reload');
  });

  describe('themes', () => {
    /** What a reader must be able to read: at least one of each is measured in every theme. */
    const MEASURED = [
      'header text',
      'card text',
      'muted text',
      'LIVE text',
      'error text',
      'chart text',
      'status badge (live)',
      'status badge (errored)',
      'status badge (invoked)',
      'status badge (other)',
      'button (primary)',
      'button (secondary)',
      'icon button',
    ];
    /** The lowest ratio per kind and theme, printed at the end for the record. */
    const lowest = new Map<string, Map<string, number>>();

    after(() => {
      if (lowest.size === 0) return;
      const themes = [...lowest.keys()];
      const kinds = [...new Set(themes.flatMap((t) => [...lowest.get(t)!.keys()]))].sort();
      const cell = (text: string, width: number) => text.padEnd(width);
      console.log(`\n      lowest contrast ratio per kind (WCAG 2.x; text needs 4.5, icons 3)\n      ${cell('', 24)}${themes.map((t) => cell(t, 21)).join('')}`);
      for (const kind of kinds) console.log(`      ${cell(kind, 24)}${themes.map((t) => cell(lowest.get(t)!.get(kind)?.toFixed(2) ?? '-', 21)).join('')}`);
    });

    for (const [theme, slug, cls] of [
      ['Dark Modern', 'dark', 'vs-dark'],
      ['Light Modern', 'light', 'vs'],
      ['Dark High Contrast', 'high-contrast', 'hc-black'],
      ['Light High Contrast', 'high-contrast-light', 'hc-light'],
    ] as const) {
      it(`is readable in ${theme}`, async () => {
        const page = wb.page;
        await runCommand(page, 'Preferences: Color Theme');
        await pickQuickItem(page, theme);
        await waitUntil(() => page.locator('.monaco-workbench').evaluate((el, c) => el.classList.contains(c), cls), { what: `the ${theme} theme` });
        // A LIVE livestream (running session, chart, app totals) and an ERRORED one (error banner,
        // error rows): between them, every kind of text the panel shows.
        const rated: RatedSample[] = [];
        for (const [name, status, [readyId, ready], shot] of [
          [SEED_NAMES.liveStream, 'LIVE', ['latest-session', 'Still running'], 'live'],
          [SEED_NAMES.erroredStream, 'ERRORED', ['session-error', 'no keyframe'], 'errored'],
        ] as const) {
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, name);
          await waitForText(byTestId(frame, 'status'), status);
          await byTestId(frame, 'chart').waitFor();
          await waitForText(byTestId(frame, 'app-totals'), 'Viewer time');
          await waitForText(byTestId(frame, readyId), ready);
          await panelShot(page, `panel--${slug}--${shot}`);
          rated.push(...(await step(`measure every text of "${name}"`, async () => (await frame.locator('body').evaluate(sampleColours)).map(rateSample), page)));
        }
        const kinds = new Map<string, number>();
        for (const r of rated) kinds.set(r.kind, Math.min(kinds.get(r.kind) ?? Infinity, r.ratio));
        lowest.set(theme, kinds);
        assert.deepEqual(
          MEASURED.filter((k) => !kinds.has(k)),
          [],
          `nothing of these kinds was on screen to measure; kinds seen: ${[...kinds.keys()].join(', ')}`,
        );
        const unreadable = rated
          .filter((r) => r.ratio < r.required)
          .map((r) => `${r.kind} "${r.text}": ${hex(r.foreground)} on ${hex(r.background)} = ${r.ratio.toFixed(2)}:1, needs ${r.required}:1`);
        assert.deepEqual([...new Set(unreadable)], [], `too little contrast in ${theme}`);
      });
    }
  });
});
