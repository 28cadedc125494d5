// Helpers for the browser tests (see README.md beside this file). The runner
// (test/editor/runE2e.ts) starts one fake API and one code-server with the packaged .vsix per run,
// one Chromium, then mocha over out/test/e2e/*.e2e.js; each test file opens its own browser
// context (a fresh window: SecretStorage lives in the browser, so it starts signed out).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { stubExternalRequests, type ExternalRequest } from '../editor/browser';
import type { CodeServer } from '../editor/codeServer';
import type { Fault, RouteName } from '../fake-api/server';
import type { FakeApi } from '../editor/fakeApi';

/** How long a helper waits for the UI (ms); RTK_E2E_WAIT_MS overrides. */
export const WAIT_MS = Number(process.env.RTK_E2E_WAIT_MS ?? 15_000);

export interface HarnessConfig {
  codeServer: CodeServer;
  browser: Browser;
  api: FakeApi;
  screenshotDir: string;
}

let config: HarnessConfig | undefined;
const openWorkbenches = new Set<Workbench>();
/** Every request that would have left the machine, across the run (answered locally). */
export const externalRequests: ExternalRequest[] = [];

/** Called by the runner before mocha starts. */
export function configureHarness(c: HarnessConfig): void {
  config = c;
}

function cfg(): HarnessConfig {
  if (!config) throw new Error('the e2e harness is not configured: run the tests with `npm run test:e2e`');
  return config;
}

/** The run's Chromium (a test that starts a code-server of its own opens its contexts here). */
export function harnessBrowser(): Browser {
  return cfg().browser;
}

/** The code-server of this run (origin, settings file, log). */
export function codeServer(): CodeServer {
  return cfg().codeServer;
}

// ---- workbench ----------------------------------------------------------------------------------

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** This window's own folder: nothing a window leaves behind (an untitled file's backup, a
   * restored panel) reaches another test file's window, because editors are restored per folder. */
  workspace: string;
  /** Requests of this window that would have left the machine (answered locally). */
  external: ExternalRequest[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Start from a saved state (`await wb.context.storageState()`), e.g. to stay signed in. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
  /** Extra user settings for this window (the file is shared by the run: restored on close). */
  settings?: Record<string, unknown>;
  /** Leave the fake API's data and faults as they are (default: reset before opening). */
  keepApiState?: boolean;
}

/**
 * Opens a fresh browser context on the workbench and waits until the RealtimeKit container is in
 * the activity bar (the .vsix is loaded). Close it with `wb.close()` (useWorkbench does).
 */
export async function openWorkbench(opts: OpenOptions = {}): Promise<Workbench> {
  const { codeServer: cs, browser } = cfg();
  if (!opts.keepApiState) resetFakeApi();
  cs.writeUserSettings(opts.settings);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    storageState: opts.storageState,
  });
  // Raw Playwright calls in tests wait as long as the helpers do (the library default is 30 s).
  context.setDefaultTimeout(WAIT_MS);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.origin });
  const external: ExternalRequest[] = [];
  await stubExternalRequests(context, external);
  const wb: Workbench = {
    page: await context.newPage(),
    context,
    workspace: fs.mkdtempSync(path.join(cs.workspace, '..', 'window-')),
    external,
    async close() {
      openWorkbenches.delete(wb);
      externalRequests.push(...external);
      // Navigating away lets the workbench say goodbye, so code-server ends this window's
      // extension host now instead of keeping it for a reconnection.
      await wb.page.goto('about:blank').catch(() => undefined);
      await context.close().catch(() => undefined);
      if (opts.settings) cs.writeUserSettings();
    },
  };
  openWorkbenches.add(wb);
  await step('open the workbench', async () => {
    await wb.page.goto(cs.workbenchUrl([], wb.workspace), { timeout: 30_000 });
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await activityBarItem(wb.page).waitFor({ timeout: 30_000 });
  }, wb.page);
  return wb;
}

/**
 * Registers before/after hooks in the current `describe`: a fresh window for the file (or block),
 * closed afterwards even when a test failed. Read `.page` inside tests and hooks.
 */
export function useWorkbench(opts: OpenOptions | (() => OpenOptions) = {}): { readonly page: Page; readonly context: BrowserContext; readonly workbench: Workbench } {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(90_000);
    wb = await openWorkbench(typeof opts === 'function' ? opts() : opts);
  });
  after(async () => {
    await wb?.close();
    wb = undefined;
  });
  const get = () => {
    if (!wb) throw new Error('useWorkbench(): the workbench is not open (use it inside tests or hooks)');
    return wb;
  };
  return {
    get page() {
      return get().page;
    },
    get context() {
      return get().context;
    },
    get workbench() {
      return get();
    },
  };
}

/** Closes what tests left open (the runner calls it at the end). */
export async function closeAllWorkbenches(): Promise<void> {
  for (const wb of [...openWorkbenches]) await wb.close();
}

// ---- steps and screenshots --------------------------------------------------------------------------

let currentTest = 'run';
const SCREENSHOTTED = Symbol('screenshotted');

/** Set by the runner's root hooks. */
export function setCurrentTest(title: string): void {
  currentTest = title;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'x';
}

/** Saves `.test-output/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(cfg().screenshotDir, `${slug(name)}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

/** Adds lines to an error's message (and to the head of its stack, which mocha prints). */
function annotate(err: unknown, lines: string): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  e.message = `${e.message}\n${lines}`;
  // Playwright edits messages after the stack was captured: rebuild the stack from its frames.
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  e.stack = [`${e.name}: ${e.message}`, ...frames].join('\n');
  return e;
}

/**
 * Runs one named step of a test. On failure it takes a screenshot named after the test and the
 * step and adds both to the error. Every helper below is a step; wrap your own multi-action
 * sequences the same way.
 */
export async function step<T>(name: string, fn: () => Promise<T>, page?: Page): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err && typeof err === 'object' && SCREENSHOTTED in err) throw err;
    const target = page ?? [...openWorkbenches].at(-1)?.page;
    let shot = '(no page to screenshot)';
    if (target && !target.isClosed()) {
      shot = await screenshot(target, `FAILED--${currentTest}--${name}`).catch((e: unknown) => `(screenshot failed: ${String(e)})`);
    }
    const e = annotate(err, `  → failed step: ${name}\n  → screenshot: ${path.relative(process.cwd(), shot)}`);
    Object.defineProperty(e, SCREENSHOTTED, { value: true });
    throw e;
  }
}

/** Screenshots every open window for a failed test whose failure no step has captured. */
export async function screenshotFailure(title: string, err: unknown): Promise<void> {
  if (!err || typeof err !== 'object' || SCREENSHOTTED in err) return;
  const shots: string[] = [];
  let i = 0;
  for (const wb of openWorkbenches) {
    if (wb.page.isClosed()) continue;
    const file = await screenshot(wb.page, `FAILED--${title}${i++ ? `-${i}` : ''}`).catch(() => undefined);
    if (file) shots.push(path.relative(process.cwd(), file));
  }
  if (shots.length) annotate(err, `  → screenshot: ${shots.join(', ')}`);
}

// ---- the RealtimeKit container --------------------------------------------------------------------

/** The RealtimeKit icon in the activity bar (aria-label is the container title). */
export function activityBarItem(page: Page, title = 'RealtimeKit'): Locator {
  return page.locator(`.activitybar a.action-label[aria-label="${title}"]`);
}

/** The sidebar while the RealtimeKit container is shown. */
export function realtimeKitView(page: Page): Locator {
  return page.locator('#workbench\\.view\\.extension\\.realtimekit');
}

/** Shows the RealtimeKit container (clicking its icon only if it is not already shown). */
export async function openRealtimeKitView(page: Page): Promise<Locator> {
  return step('open the RealtimeKit view', async () => {
    const view = realtimeKitView(page);
    if (!(await view.isVisible())) {
      await activityBarItem(page).click();
      await page.mouse.move(700, 450); // off the icon, so its hover does not show in screenshots
    }
    await view.waitFor({ state: 'visible', timeout: WAIT_MS });
    return view;
  }, page);
}

/** The welcome content of the Livestreams view (visible while signed out). */
export function welcomeContent(page: Page): Locator {
  return realtimeKitView(page).locator('.welcome-view-content');
}

/** A tree item in the sidebar by (part of) its accessible name: label, description. */
export function treeItem(page: Page, name: string | RegExp): Locator {
  return page.locator('.part.sidebar').getByRole('treeitem', { name });
}

/** The first tree row whose accessible name starts with `name` (an app or a livestream). */
export function treeRow(page: Page, name: string): Locator {
  return treeItem(page, new RegExp(`^${escapeRegExp(name)}`)).first();
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- command palette and quick input ------------------------------------------------------------

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

function exactText(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * Runs a command from the palette by its full title as shown there, e.g.
 * `runCommand(page, 'RealtimeKit: Set API Token')`.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await step(`run command "${title}"`, async () => {
    await openPalette(page, `>${title}`);
    // Filtering is asynchronous and fuzzy (another command may come first): wait for the row
    // that is exactly this command and click it.
    const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: exactText(title) }) }).first();
    await row.waitFor({ state: 'visible', timeout: WAIT_MS });
    await row.click({ timeout: WAIT_MS });
  }, page);
}

/**
 * Opens the command palette with `value` typed. The quick input closes as soon as it loses the
 * focus, so first wait until no webview can take it (webviewsLoaded); and F1 pressed inside a
 * webview reaches the workbench only through the webview's messages: take the focus off any iframe.
 */
async function openPalette(page: Page, value: string): Promise<void> {
  const input = page.locator(QUICK_INPUT_BOX);
  if (await input.isVisible()) {
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }
  await webviewsLoaded(page);
  // A webview that finished loading a moment ago can take the focus back from the workbench
  // after it was moved out (VS Code focuses the active editor's webview once it is ready), and
  // F1 then goes into the webview's document. So: focus out of any webview, press F1, and if the
  // palette has not opened and a webview holds the focus again, do it once more. F1 is pressed
  // only while the palette is closed, so a press never toggles it shut.
  const blurWebview = () =>
    page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      if (active?.tagName === 'IFRAME') active.blur();
    });
  const focusIsInWebview = () => page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
  await blurWebview();
  await page.keyboard.press('F1');
  // Either the palette opens, or the key went into a webview that took the focus back.
  await waitUntil(async () => (await input.isVisible()) || (await focusIsInWebview()), { what: 'F1 to open the palette' }).catch(() => undefined);
  if (!(await input.isVisible()) && (await focusIsInWebview())) {
    await blurWebview();
    await page.keyboard.press('F1');
  }
  await input.waitFor({ state: 'visible', timeout: WAIT_MS }).catch(async (err: Error) => {
    // Say where the key went: a failure here is about the focus, and the screenshot cannot show it.
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from(el.classList).join('.')}` : 'nothing';
    });
    throw new Error(`${err.message}\n  F1 did not open the palette; the focus is on ${focused}`);
  });
  await input.fill(value, { timeout: WAIT_MS });
}

/**
 * Types `text` into the open input box and accepts it. `prompt` (a part of the prompt, title or
 * placeholder) makes sure it is the right box. Waits until the box has taken the answer
 * (closed, or replaced by the next input); a validation message fails the step.
 */
export async function answerInput(page: Page, text: string, opts: { prompt?: string | RegExp } = {}): Promise<void> {
  await step(`answer input${opts.prompt ? ` "${String(opts.prompt)}"` : ''}`, async () => {
    const widget = page.locator(QUICK_INPUT).filter({ visible: true });
    await widget.waitFor({ timeout: WAIT_MS });
    const input = page.locator(QUICK_INPUT_BOX);
    if (opts.prompt) {
      const expected = opts.prompt;
      let seen = '';
      await waitUntil(
        async () => {
          seen = await quickInputPrompt(page);
          return typeof expected === 'string' ? seen.includes(expected) : expected.test(seen);
        },
        { what: `an input box with prompt ${String(expected)}`, detail: async () => `shown: ${JSON.stringify(seen)}` },
      );
    }
    await input.fill(text);
    await page.keyboard.press('Enter');
    await waitUntil(async () => !(await widget.isVisible()) || (await input.inputValue()) !== text, {
      what: 'the input box to take the answer',
      detail: async () => `message: ${(await page.locator(`${QUICK_INPUT} .quick-input-message`).textContent().catch(() => '')) || '(none)'}`,
    });
  }, page);
}

/** Title, prompt/validation message and placeholder of the open quick input, as one string. */
export async function quickInputPrompt(page: Page): Promise<string> {
  return page.evaluate((sel) => {
    const w = document.querySelector(sel);
    if (!w || (w as HTMLElement).style.display === 'none') return '';
    const text = (s: string) => (w.querySelector(s) as HTMLElement | null)?.innerText ?? '';
    const input = w.querySelector('.quick-input-box input') as HTMLInputElement | null;
    return [text('.quick-input-title'), text('.quick-input-message'), input?.placeholder ?? '', input?.getAttribute('aria-label') ?? '']
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' | ');
  }, QUICK_INPUT);
}

/** Picks the item whose label is exactly `label` in the open quick pick. */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  await step(`pick "${label}"`, async () => {
    const widget = page.locator(QUICK_INPUT).filter({ visible: true });
    await widget.waitFor({ timeout: WAIT_MS });
    // Typing the label filters long (virtualised) lists down to it.
    await page.locator(QUICK_INPUT_BOX).fill(label);
    const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: exactText(label) }) }).first();
    await row.waitFor({ state: 'visible', timeout: WAIT_MS });
    await row.click();
  }, page);
}

// ---- webviews, notifications, clipboard, external URLs ------------------------------------------

/**
 * The content frame of a webview panel. With `title`, its editor tab is brought to the front
 * first; otherwise the visible webview is used.
 */
export async function webviewFrame(page: Page, opts: { title?: string } = {}): Promise<FrameLocator> {
  return step(`find webview${opts.title ? ` "${opts.title}"` : ''}`, async () => {
    if (opts.title) {
      const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: exactText(opts.title) }) });
      await tab.first().click({ timeout: WAIT_MS });
    }
    // Hidden webviews keep their iframe (visibility: hidden); take the one on screen.
    const outer = page.locator('iframe.webview.ready').filter({ visible: true }).first();
    await outer.waitFor({ timeout: WAIT_MS });
    const inner = outer.contentFrame().locator('iframe#active-frame');
    await inner.waitFor({ timeout: WAIT_MS });
    return outer.contentFrame().frameLocator('iframe#active-frame');
  }, page);
}

/**
 * Waits until every webview of the window has loaded its content (its host frame is `ready` and
 * holds `#active-frame`). A webview opened with the focus asks for it again once its host frame
 * is ready: VS Code queues that request while the frame loads and delivers it without checking
 * where the focus went meanwhile, and the frame takes it from the page. A quick input open at
 * that moment loses the focus and closes, so what is typed or clicked next goes nowhere (on a
 * busy machine the frame can take a second or more to get ready). The frame handles that request
 * before its content can have loaded, so a webview showing its content is past it.
 * openPalette (runCommand) waits for this itself.
 */
export async function webviewsLoaded(page: Page): Promise<void> {
  await step('webviews have loaded', async () => {
    let loading = 0;
    await waitUntil(
      async () => {
        loading = await page.evaluate(
          () =>
            Array.from(document.querySelectorAll('iframe.webview')).filter(
              (f) => !f.classList.contains('ready') || !(f as HTMLIFrameElement).contentDocument?.getElementById('active-frame'),
            ).length,
        );
        return loading === 0;
      },
      { what: 'every webview to load its content', detail: async () => `${loading} still loading` },
    );
  }, page);
}

/** A button of the modal dialog (e.g. "Do you want to save…", or the extension's own modals). */
export function dialogButton(page: Page, text: string): Locator {
  return page.locator('.monaco-dialog-box .monaco-button', { hasText: exactText(text) });
}

/**
 * Waits for a modal dialog and clicks its button `button`; resolves when the dialog is gone.
 * A modal blocks every other click ("monaco-dialog-modal-block intercepts pointer events").
 */
export async function answerDialog(page: Page, button: string, opts: { message?: string | RegExp } = {}): Promise<void> {
  await step(`answer dialog with "${button}"`, async () => {
    const box = page.locator('.monaco-dialog-box');
    await box.waitFor({ timeout: WAIT_MS });
    if (opts.message) await waitForText(box, opts.message);
    await dialogButton(page, button).click({ timeout: WAIT_MS });
    await box.waitFor({ state: 'detached', timeout: WAIT_MS });
  }, page);
}

/** A notification toast containing `text` (see README: at most 3 toasts show at once). */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
}

/** A status bar entry containing `text`. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
}

/** The browser clipboard's text (what `vscode.env.clipboard.writeText` wrote). */
export async function readClipboard(page: Page): Promise<string> {
  return step('read the clipboard', async () => {
    await page.bringToFront();
    return page.evaluate(() => navigator.clipboard.readText());
  }, page);
}

/**
 * Runs `action` (which makes the extension call `vscode.env.openExternal` or click a link) and
 * returns the URL that was opened. The new tab is answered locally and closed; a "Do you want to
 * open the external website?" dialog, if any, is confirmed.
 */
export async function catchExternalUrl(page: Page, action: () => Promise<unknown>): Promise<string> {
  return step('catch an opened external URL', async () => {
    const popup = page.context().waitForEvent('page', { timeout: WAIT_MS });
    popup.catch(() => undefined);
    await action();
    const confirm = dialogButton(page, 'Open');
    const opened = await Promise.race([
      popup,
      confirm.waitFor({ timeout: WAIT_MS }).then(async () => {
        await confirm.click();
        return popup;
      }, () => popup),
    ]);
    await opened.waitForURL((u) => u.protocol !== 'about:', { timeout: WAIT_MS });
    const url = opened.url();
    await opened.close();
    return url;
  }, page);
}

// ---- waiting ------------------------------------------------------------------------------------------

/** Polls `probe` until it is truthy (default timeout WAIT_MS). */
export async function waitUntil(
  probe: () => Promise<unknown> | unknown,
  opts: { timeoutMs?: number; what?: string; detail?: () => Promise<string> } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? WAIT_MS);
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) {
      const detail = opts.detail ? ` (${await opts.detail().catch(() => '?')})` : '';
      throw new Error(`timed out after ${opts.timeoutMs ?? WAIT_MS} ms waiting for ${opts.what ?? 'a condition'}${detail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator's text contains `expected`; returns the text. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
  let last = '';
  await waitUntil(
    async () => {
      last = (await locator.first().innerText({ timeout: 1000 }).catch(() => '')).replace(/\s+/g, ' ');
      return typeof expected === 'string' ? last.includes(expected) : expected.test(last);
    },
    { timeoutMs, what: `text ${String(expected)}`, detail: async () => `last text: ${JSON.stringify(last.slice(0, 300))}` },
  );
  return last;
}

// ---- the fake API ---------------------------------------------------------------------------------

/** The fake API of this run (in this process: `state`, `requests`, `patchLivestream`, ...). */
export function fakeApi(): FakeApi {
  return cfg().api;
}

/** Makes the fake API answer `route` (or '*') with `fault` until clearFaults() (test/fake-api/README.md). */
export function setFault(route: RouteName | '*', fault: Fault): void {
  fakeApi().setFault(route, fault);
}

export function clearFaults(): void {
  fakeApi().clearFaults();
}

/** Back to the seed, faults and recorded requests cleared (openWorkbench does it unless keepApiState). */
/**
 * Closes every editor tab whose label contains one of these names (the panels, previews and
 * dashboards of those livestreams and apps), by its close button. Only those: another editor
 * (an untitled file restored from another test file's window) would ask to be saved.
 */
export async function closeTabs(page: Page, ...names: readonly string[]): Promise<void> {
  for (const name of names) {
    const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: name }) });
    while ((await tab.count()) > 0) {
      await tab.first().hover();
      await tab.first().locator('.tab-actions .action-label').click();
    }
  }
}

export function resetFakeApi(): void {
  fakeApi().reset();
}
