// The pseudo-locale test: the packaged extension in a VS Code whose display language is qps-ploc
// (test/editor/pseudoLocale.ts: a code-server of its own, `--locale qps-ploc`, VS Code's own
// messages and the extension's package.nls.json / l10n bundle run through @vscode/l10n-dev's
// pseudo-localiser). Every translated string then reads like "Ƈǿǿƥẏ Şŧřḗḗȧȧḿ Ķḗḗẏ", so a word of
// three or more plain ASCII letters on our surfaces is a string that escaped localisation, unless
// it is data (names, ids, URLs, keys, numbers from the fake API).
//
// One window walks what a person sees from the extension: the activity bar and view titles, the
// welcome content, the token prompt, the tree (labels, descriptions, aria-labels), our commands in
// the palette, the livestream panel, the app dashboard and the playback preview (text, aria-label,
// title, alt, placeholder), the quick picks our commands open, notifications and status bar items.
// Each escaped string is reported with where it was seen (also in
// .test-output/pseudo-locale/escaped.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { stubExternalRequests } from '../editor/browser';
import { REPO_ROOT, startCodeServer, type CodeServer } from '../editor/codeServer';
import { installPseudoLanguagePack, PSEUDO_DIR, PSEUDO_LOCALE, pseudoLocalizeExtension, type PseudoExtension } from '../editor/pseudoLocale';
import { KNOWN_STATUSES } from '../../src/shared/status';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES } from '../fake-api/seed';
import { answerInput, codeServer, fakeApi, harnessBrowser, resetFakeApi, pickQuickItem, quickInputPrompt, runCommand, screenshot, step, waitUntil, WAIT_MS } from './harness';

const VSIX = path.join(REPO_ROOT, 'realtimekit-livestreams.vsix');

/** Something a person sees, and where. */
interface Seen {
  where: string;
  text: string;
}

export interface Escaped {
  where: string;
  /** The English words left once the data is taken out. */
  words: string[];
  text: string;
}

/** A word of plain ASCII letters: pseudo text never has one (every letter becomes another). */
const ENGLISH_WORD = /[A-Za-z]{3,}/g;

/** Data, not text: URLs, e-mail addresses, ids (hex, uuid, slug-like with digits), numbers, units. */
const DATA_PATTERNS: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, // URLs (https, rtmps, ws, vscode-…)
  /\b[\w.+-]+@[\w-]+\.[\w.]+\b/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(?=[a-z0-9_-]*\d)[a-z0-9_-]{12,}\b/gi, // long ids and keys with at least one digit
  /\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?: UTC|Z)?/g, // ISO 8601 timestamps, as the API gives them
];

/**
 * Every string value the fake API holds (names, ids, URLs, keys, meeting titles, err_message…):
 * what the extension shows as it got it. Longest first, so a name is taken out before a part of it.
 */
function dataStrings(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.trim().length >= 2) out.add(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(fakeApi().state);
  out.add(fakeApi().token);
  out.add(fakeApi().origin);
  out.add(fakeApi().baseUrl);
  // The statuses the extension knows it shows in words of its own (translated labels), so a raw
  // "LIVE" on screen is an escaped string, not data. Unknown ones (OFFLINE) are shown as sent.
  for (const status of KNOWN_STATUSES) out.delete(status);
  return [...out].sort((a, b) => b.length - a.length);
}

/** The English words of `text` once the data is taken out. */
export function escapedWords(text: string, data: readonly string[]): string[] {
  let rest = text;
  // Only whole: a short name inside a longer English word must not hide it.
  for (const d of data) {
    if (rest.includes(d)) rest = rest.replace(new RegExp(`(?<![A-Za-z])${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g'), ' ');
  }
  for (const p of DATA_PATTERNS) rest = rest.replace(p, ' ');
  return [...new Set(rest.match(ENGLISH_WORD) ?? [])];
}

// ---- collecting -------------------------------------------------------------------------------

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * What `root`'s element shows, piece by piece: each element's own text (its text nodes, so a
 * report names the one string), its aria-label, title, alt and placeholder. Text inside code,
 * pre, kbd and samp is left out: the ffmpeg command line and the like are not translated.
 */
async function visibleStrings(root: Page | Frame, selector: string): Promise<string[]> {
  return stringsOf(root.locator(selector).first());
}

async function stringsOf(element: Locator): Promise<string[]> {
  return element.evaluate((top) => {
    const out: string[] = [];
    const skip = (el: Element) => el.closest('code, pre, kbd, samp, script, style') !== null;
    for (const el of [top, ...Array.from(top.querySelectorAll('*'))]) {
      if (!skip(el)) {
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join(' ');
        if (own.trim()) out.push(own);
      }
      for (const a of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-roledescription']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/**
 * The inner document of the webview whose tab is titled `title` (by its page's <title>): with the
 * preview open beside, two webviews are on screen at once.
 */
async function webviewByTitle(page: Page, title: string): Promise<Frame> {
  return step(`webview "${title}"`, async () => {
    const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: title }) });
    await tab.first().click({ timeout: WAIT_MS });
    let found: Frame | undefined;
    let titles: string[] = [];
    await waitUntil(
      async () => {
        titles = [];
        for (const f of page.frames()) {
          if (f === page.mainFrame()) continue;
          const t = clean(await f.title().catch(() => ''));
          titles.push(t);
          // The page's <title> is the tab's, or the name in it (the dashboard's tab says "Dashboard: <app>").
          if (t && (t === clean(title) || (!found && clean(title).includes(t)))) found = f;
        }
        return found !== undefined;
      },
      { what: `the webview titled ${JSON.stringify(title)}`, detail: async () => `webview titles: ${JSON.stringify(titles)}` },
    );
    return found!;
  }, page);
}

describe('pseudo-locale (qps-ploc): nothing a person sees escaped localisation', () => {
  let cs: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let pseudo: PseudoExtension;
  const seen: Seen[] = [];
  const note = (where: string, ...texts: Array<string | null | undefined>) => {
    for (const t of texts) if (clean(t)) seen.push({ where, text: clean(t) });
  };
  /** Our command's title in the palette, as the pseudo package.nls.json has it. */
  const paletteTitle = (command: string) => `${pseudo.nls['command.category']}: ${pseudo.nls[`command.${command}.title`]}`;

  before(async function () {
    this.timeout(120_000);
    // Its own code-server: the display language is per server process.
    cs = await startCodeServer({
      label: 'e2e-pseudo',
      settings: { ...codeServer().baseSettings, 'realtimekit.accountId': fakeApi().accountId },
      installVsix: [VSIX],
      trustedDomains: ['*'],
      locale: PSEUDO_LOCALE,
      prepare: ({ userDataDir, extensionsDir }) => {
        installPseudoLanguagePack(userDataDir);
        pseudo = pseudoLocalizeExtension(extensionsDir);
      },
    });
    fakeApi().reset();
    context = await harnessBrowser().newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.origin });
    await stubExternalRequests(context, []);
    page = await context.newPage();
    await step('open the pseudo-locale workbench', async () => {
      await page.goto(cs!.workbenchUrl(), { timeout: 30_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    }, page);
  });

  after(async () => {
    await page?.goto('about:blank').catch(() => undefined);
    await context?.close().catch(() => undefined);
    await cs?.stop();
    // This file set a livestream LIVE: the next file starts from the seed.
    resetFakeApi();
  });

  it('runs VS Code in qps-ploc, with our package.nls.qps-ploc.json (the activity bar title is pseudo text)', async () => {
    const title = pseudo.nls['viewsContainer.realtimekit.title'];
    assert.ok(title && !/[A-Za-z]/.test(title), `pseudo title: ${title}`);
    await page.locator(`.activitybar a.action-label[aria-label="${title}"]`).waitFor({ timeout: 30_000 });
  });

  it('collects what a person sees from the extension, signed out and signed in', async function () {
    this.timeout(180_000);
    const data = dataStrings();
    const view = page.locator('#workbench\\.view\\.extension\\.realtimekit');

    await step('signed out: the container, the view and its welcome content', async () => {
      const icon = page.locator(`.activitybar a.action-label[aria-label="${pseudo.nls['viewsContainer.realtimekit.title']}"]`);
      note('activity bar', await icon.getAttribute('aria-label'));
      await icon.click();
      const welcome = view.locator('.welcome-view-content');
      await welcome.locator('.monaco-button').first().waitFor({ timeout: WAIT_MS });
      note('view header', await view.locator('.pane-header').first().innerText());
      for (const s of await visibleStrings(page, '#workbench\\.view\\.extension\\.realtimekit .welcome-view-content')) note('welcome content (signed out)', s);
    }, page);

    await step('sign in from the welcome content (the token prompt)', async () => {
      await view.locator('.welcome-view-content .monaco-button').first().click();
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ timeout: WAIT_MS });
      note('Set API Token: input box', await quickInputPrompt(page));
      await answerInput(page, fakeApi().token);
    }, page);

    const rows = view.locator('.monaco-list-row[role="treeitem"]');
    await step('the tree: apps, then the livestreams of one', async () => {
      const app = rows.filter({ hasText: SEED_APP_NAMES.productionApp }).first();
      await app.waitFor({ timeout: WAIT_MS });
      // The app shows its count once its first page is in: expand it then (see panel.e2e.ts).
      await waitUntil(async () => /\d/.test(await app.innerText()), { what: 'the app to show its count' });
      await app.click();
      await rows.filter({ hasText: SEED_NAMES.liveStream }).first().waitFor({ timeout: WAIT_MS });
      await waitUntil(async () => (await rows.count()) > 5, { what: 'the livestreams to show' });
      for (const row of await rows.all()) {
        // Text node by text node (innerText runs label and description together), and the aria-label.
        for (const text of await stringsOf(row)) note('tree row', text);
      }
      await screenshot(page, 'pseudo-locale--tree');
    }, page);

    await step('our commands in the palette', async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: WAIT_MS });
      await input.fill(`>${pseudo.nls['command.category']}: `);
      const list = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await list.first().waitFor({ timeout: WAIT_MS });
      // A virtualised list: walk it with the arrows, reading the focused row, until it repeats.
      const labels = new Set<string>();
      for (let i = 0; i < 80; i++) {
        const label = clean(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').first().getAttribute('aria-label').catch(() => ''));
        if (label && labels.has(label)) break;
        if (label) labels.add(label);
        await page.keyboard.press('ArrowDown');
      }
      for (const l of labels) note('command palette', l);
      await page.keyboard.press('Escape');
    }, page);

    await step('the livestream panel', async () => {
      await rows.filter({ hasText: SEED_NAMES.liveStream }).first().click();
      const frame = await webviewByTitle(page, SEED_NAMES.liveStream);
      await waitUntil(async () => (await frame.locator('#app').getAttribute('aria-busy')) !== 'true', { what: 'the panel to render' });
      for (const s of await visibleStrings(frame, 'body')) note(`panel "${SEED_NAMES.liveStream}"`, s);
      await screenshot(page, 'pseudo-locale--panel');
    }, page);

    await step('the app dashboard (and its quick pick)', async () => {
      await runCommand(page, paletteTitle('openAppDashboard'));
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: WAIT_MS });
      note('Open App Dashboard: quick pick', await quickInputPrompt(page));
      await pickQuickItem(page, SEED_APP_NAMES.productionApp);
      const tab = page.locator('.tabs-container .tab').filter({ hasText: SEED_APP_NAMES.productionApp }).first();
      await tab.waitFor({ timeout: WAIT_MS });
      const tabTitle = clean(await tab.locator('.label-name').innerText());
      note('dashboard tab title', tabTitle);
      const frame = await webviewByTitle(page, tabTitle);
      await waitUntil(async () => (await frame.locator('#app').getAttribute('aria-busy')) !== 'true', { what: 'the dashboard to render' });
      // The shell writes vscode.env.language into <html lang>: the extension host runs in qps-ploc.
      assert.equal(await frame.locator('html').getAttribute('lang'), PSEUDO_LOCALE, 'vscode.env.language in the extension host');
      assert.ok(await frame.locator('body[data-l10n]').count(), 'the dashboard page carries the bundle (data-l10n)');
      for (const s of await visibleStrings(frame, 'body')) note(`dashboard "${tabTitle}"`, s);
      await screenshot(page, 'pseudo-locale--dashboard');
    }, page);

    await step('the playback preview (and its quick pick)', async () => {
      await runCommand(page, paletteTitle('previewPlayback'));
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: WAIT_MS });
      note('Preview Playback: quick pick', await quickInputPrompt(page));
      // Text node by text node, not the aria-label: VS Code spells a $(codicon) of the label out there.
      for (const row of await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').all()) {
        for (const text of await stringsOf(row.locator('.monaco-icon-label-container, .quick-input-list-label-meta').first())) note('Preview Playback: quick pick item', text);
      }
      await pickQuickItem(page, SEED_NAMES.idleStream);
      const tab = page.locator('.tabs-container .tab.active').filter({ hasText: SEED_NAMES.idleStream }).first();
      await tab.waitFor({ timeout: WAIT_MS });
      const tabTitle = clean(await tab.locator('.label-name').innerText());
      note('preview tab title', tabTitle);
      const frame = await webviewByTitle(page, tabTitle);
      // Waiting (no stream yet): the first update has filled in the title and the badge too.
      await waitUntil(async () => (await frame.locator('body').getAttribute('data-phase')) === 'waiting', { what: 'the preview to wait for the stream' });
      for (const s of await visibleStrings(frame, 'body')) note(`preview "${tabTitle}"`, s);
    }, page);

    await step('a command that notifies: Watch Until Live, then the livestream goes LIVE', async () => {
      await runCommand(page, paletteTitle('watchLivestream'));
      await pickQuickItem(page, SEED_NAMES.idleStream);
      // The watcher's next poll sees LIVE and says so, with its buttons (Open Panel, Copy Playback URL).
      const res = await fetch(`${fakeApi().origin}/__control/livestreams/${SEED_IDS.idleStream}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'LIVE' }) });
      assert.equal(res.status, 200, await res.text());
      await page.locator('.notifications-toasts .notification-toast').filter({ hasText: SEED_NAMES.idleStream }).first().waitFor({ timeout: 30_000 });
    }, page);

    await step('notifications and our status bar items', async () => {
      for (const toast of await page.locator('.notifications-toasts .notification-toast').all()) {
        note('notification', await toast.locator('.notification-list-item-message').innerText());
        for (const b of await toast.locator('.notification-list-item-buttons-container .monaco-button').all()) note('notification button', await b.innerText());
      }
      for (const item of await page.locator('.part.statusbar .statusbar-item[id^="realtimekit-tools.realtimekit-livestreams"]').all()) {
        // VS Code starts the aria-label with the $(codicon)'s name; the rest is ours.
        note('status bar', await item.innerText(), (await item.getAttribute('aria-label'))?.replace(/^[a-z]+(?:-[a-z]+)*(?:~spin)? /, ''));
      }
      await screenshot(page, 'pseudo-locale--end');
    }, page);

    const escaped: Escaped[] = [];
    const once = new Set<string>();
    for (const s of seen) {
      const words = escapedWords(s.text, data);
      const key = `${s.where}\u0000${s.text}`;
      if (words.length && !once.has(key)) {
        once.add(key);
        escaped.push({ where: s.where, words, text: s.text });
      }
    }
    fs.mkdirSync(PSEUDO_DIR, { recursive: true });
    fs.writeFileSync(path.join(PSEUDO_DIR, 'escaped.json'), JSON.stringify({ seen: seen.length, escaped }, null, 2));
    fs.writeFileSync(path.join(PSEUDO_DIR, 'seen.json'), JSON.stringify(seen, null, 2));
    const report = escaped.map((e) => `  - [${e.where}] ${e.words.join(', ')}\n      ${JSON.stringify(e.text.length > 240 ? `${e.text.slice(0, 240)}…` : e.text)}`).join('\n');
    assert.ok(seen.length > 20, `collected only ${seen.length} strings`);
    assert.ok(seen.some((s) => s.where === 'notification button'), 'no notification with buttons was seen');
    assert.equal(
      escaped.length,
      0,
      `${escaped.length} of ${seen.length} strings seen in qps-ploc still hold English (not data); each needs l10n.t / package.nls.json:\n${report}\n  (all of them: ${path.relative(process.cwd(), path.join(PSEUDO_DIR, 'escaped.json'))})`,
    );
  });
});
