// Accessibility in the real editor (code-server + Chromium, the packaged extension, the fake API):
// the tree read with the keyboard, the panel used with the keyboard alone (copy the stream key,
// page the sessions), a re-render that keeps the focus and a selection, the one live region,
// spinners that stop for reduced motion, and axe-core on every webview (the panel in each of its
// states, the app dashboard, the playback preview) in Dark Modern, Light Modern, Dark High
// Contrast and Light High Contrast, with the focus ring measured.
import * as assert from 'node:assert/strict';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES, streamKeyFor } from '../fake-api/seed';
import { runAxe, webviewContent, type AxeSummary } from './axe';
import { focusRingSample, hex, rateSample } from './contrast';
import {
  answerInput,
  clearFaults,
  closeTabs,
  escapeRegExp,
  fakeApi,
  openRealtimeKitView,
  pickQuickItem,
  readClipboard,
  runCommand,
  screenshot,
  setFault,
  statusBarItem,
  step,
  treeItem,
  useWorkbench,
  WAIT_MS,
  waitForText,
  waitUntil,
  webviewFrame,
  webviewsLoaded,
} from './harness';

function settings(): Record<string, unknown> {
  return {
    'realtimekit.accountId': fakeApi().accountId,
    // The shortest intervals the extension allows: LIVE panels re-render every few seconds, and
    // a watched livestream's change shows soon.
    'realtimekit.autoRefreshSeconds': 5,
    'realtimekit.watchSeconds': 2,
    'workbench.colorTheme': 'Default Dark Modern',
  };
}

const DASHBOARD = `Dashboard: ${SEED_APP_NAMES.productionApp}`;

const byTestId = (frame: FrameLocator, id: string) => frame.locator(`[data-testid="${id}"]`);

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${fakeApi().origin}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}

async function signIn(page: Page): Promise<void> {
  await runCommand(page, 'RealtimeKit: Set API Token');
  await answerInput(page, fakeApi().token, { prompt: /API token/i });
  await openRealtimeKitView(page);
  await treeItem(page, new RegExp(`^${SEED_APP_NAMES.productionApp}`)).first().waitFor({ timeout: WAIT_MS });
}

/** Expands an app (if collapsed) and clicks one of its livestreams; resolves once the panel shows it. */
async function openFromTree(page: Page, appName: string, livestreamName: string): Promise<FrameLocator> {
  await step(`open "${livestreamName}" from the tree`, async () => {
    const app = treeItem(page, new RegExp(`^${escapeRegExp(appName)}`)).first();
    if ((await app.getAttribute('aria-expanded')) !== 'true') {
      // Not before the app shows its count: see openFromTree in panel.e2e.ts.
      await waitForText(app, /\d+ livestreams?/);
      await app.click();
    }
    const tab = page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: livestreamName }) });
    await treeItem(page, new RegExp(`^${escapeRegExp(livestreamName)}`)).first().click();
    await tab.first().waitFor({ timeout: WAIT_MS });
  }, page);
  const frame = await webviewFrame(page, { title: livestreamName });
  await waitForText(frame.locator('h1'), livestreamName);
  return frame;
}

// ---- the keyboard --------------------------------------------------------------------------------

/** The sidebar tree's focused row. */
function focusedRow(page: Page): Locator {
  return page.locator('.part.sidebar .monaco-list-row.focused[role="treeitem"]');
}

/** Runs a palette command with keys only: F1, its title typed, Enter once it is the focused row. */
async function paletteByKeyboard(page: Page, title: string): Promise<void> {
  await step(`palette "${title}" by keyboard`, async () => {
    await webviewsLoaded(page);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.keyboard.type(title);
    await waitForText(page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused .label-name'), title);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }, page);
}

/**
 * Presses `key` in the tree until the focused row's aria-label matches. Each press waits for the
 * focus to reach another row (its index, not its label: an auto-refresh may rewrite a label).
 */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp', label: RegExp): Promise<string> {
  return step(`${key} to ${String(label)}`, async () => {
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const row = focusedRow(page);
      const [index, now] = [await row.getAttribute('data-index', { timeout: WAIT_MS }), (await row.getAttribute('aria-label', { timeout: WAIT_MS })) ?? ''];
      if (label.test(now)) return now;
      seen.push(now);
      await page.keyboard.press(key);
      await waitUntil(async () => (await focusedRow(page).getAttribute('data-index')) !== index, {
        what: `${key} to move the tree's focus from "${now}"`,
        detail: async () => `passed: ${seen.join(' | ')}`,
      });
    }
    throw new Error(`no row matching ${String(label)}; passed: ${seen.join(' | ')}`);
  }, page);
}

/**
 * Focuses the tree from the palette and arrows to a livestream, expanding its app on the way,
 * with keys only. Returns the livestream row's aria-label.
 */
async function keyboardToLivestream(page: Page, appName: string, livestream: RegExp): Promise<string> {
  await paletteByKeyboard(page, 'Focus on Livestreams View');
  // The tree takes the focus; no row is focused until a key says which.
  await waitUntil(() => page.evaluate(() => !!document.activeElement?.closest('.part.sidebar .monaco-list')), { what: 'the tree to have the focus' });
  await page.keyboard.press('Home');
  await waitUntil(() => focusedRow(page).isVisible(), { what: 'a focused tree row' });
  // Once the app says how many livestreams it has: expanded earlier, its rows can be replaced
  // under the keyboard by the refresh that brings the count (see openFromTree in panel.e2e.ts).
  await waitForText(treeItem(page, new RegExp(`^${escapeRegExp(appName)}`)).first(), /\d+ livestreams?/);
  await arrowTo(page, 'ArrowDown', new RegExp(`^${escapeRegExp(appName)}, app`));
  if ((await focusedRow(page).getAttribute('aria-expanded')) !== 'true') {
    await page.keyboard.press('ArrowRight');
    // Expanded is not yet shown: wait for the first child row under it.
    const index = Number(await focusedRow(page).getAttribute('data-index'));
    const level = Number(await focusedRow(page).getAttribute('aria-level'));
    const firstChild = page.locator(`.part.sidebar .monaco-list-row[data-index="${index + 1}"]`);
    await waitUntil(async () => Number(await firstChild.getAttribute('aria-level', { timeout: 1000 }).catch(() => null)) === level + 1, { what: `${appName}'s rows shown` });
  }
  return arrowTo(page, 'ArrowDown', livestream);
}

/** What the webview's focused element is, in words: its aria-label, data-key or text. */
function describeFocus(content: Frame): Promise<string> {
  return content.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing)';
    return `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}" [${el.getAttribute('data-key') ?? ''}]`;
  });
}

type Marked = Window & { focusBefore?: Element | null };

/** Presses `key` (Tab, Shift+Tab) and waits until the webview's focus has moved to another element. */
async function moveFocus(page: Page, content: Frame, key: string): Promise<void> {
  await content.evaluate(() => {
    (window as Marked).focusBefore = document.activeElement;
  });
  await page.keyboard.press(key);
  await waitUntil(() => content.evaluate(() => document.activeElement !== (window as Marked).focusBefore), { what: `${key} to move the focus` });
}

/** Tabs through the webview until the focused element has this data-key; says where the focus went otherwise. */
async function tabTo(page: Page, content: Frame, dataKey: string): Promise<void> {
  await step(`Tab to [data-key="${dataKey}"]`, async () => {
    const visited: string[] = [];
    for (let i = 0; i < 60; i++) {
      if (await content.evaluate((k) => document.activeElement?.getAttribute('data-key') === k, dataKey)) return;
      visited.push(await describeFocus(content));
      await moveFocus(page, content, 'Tab');
    }
    throw new Error(`Tab never reached it; visited: ${visited.join(', ')}`);
  }, page);
}

/** Waits until the webview's document has the keyboard focus (a panel takes it once loaded). */
async function webviewHasFocus(content: Frame): Promise<void> {
  await waitUntil(() => content.evaluate(() => document.hasFocus()), { what: 'the webview to have the focus' });
}

describe('accessibility', () => {
  const wb = useWorkbench(() => ({ settings: settings() }));

  before(async function () {
    this.timeout(90_000);
    await signIn(wb.page);
  });

  afterEach(async () => {
    const page = wb.page;
    clearFaults();
    await page.keyboard.press('Escape');
    await closeTabs(page, ...Object.values(SEED_NAMES));
  });

  it('tree: arrowing through the rows, each reads as a sentence', async () => {
    const page = wb.page;
    // The counts come with the first pages, prefetched as soon as the apps are shown.
    await waitForText(treeItem(page, new RegExp(`^${SEED_APP_NAMES.productionApp}`)), '10 livestreams');
    // Newest first: the webinar comes before the keynote.
    const webinar = await keyboardToLivestream(page, SEED_APP_NAMES.productionApp, /^Customer Webinar – EMEA,/);
    assert.match(webinar, /^Customer Webinar – EMEA, errored, updated (just now|\d+ (minutes?|hours?|days?|months?) ago)$/);
    const keynote = await arrowTo(page, 'ArrowDown', /^Keynote – Main Stage,/);
    assert.match(keynote, /^Keynote – Main Stage, live, started (just now|\d+ (minutes?|hours?|days?|months?) ago)$/);
    await page.keyboard.press('Home');
    const app = await arrowTo(page, 'ArrowDown', new RegExp(`^${SEED_APP_NAMES.productionApp}, app`));
    assert.equal(app, 'Production Events, app, 10 livestreams, 2 live');
    await screenshot(page, 'a11y--tree-keyboard');
  });

  it('panel with the keyboard alone: copy the stream key, page the sessions table', async () => {
    const page = wb.page;
    const key = streamKeyFor('all-hands');
    await keyboardToLivestream(page, SEED_APP_NAMES.productionApp, new RegExp(`^${escapeRegExp(SEED_NAMES.manySessionsStream)}, idle`));
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, {});
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 1–10 of 36');
    const content = await webviewContent(page);
    await webviewHasFocus(content);

    await tabTo(page, content, 'copy:streamKey');
    await page.keyboard.press('Enter');
    await statusBarItem(page, /Copied the stream key/).waitFor({ timeout: WAIT_MS });
    assert.equal(await readClipboard(page), key);
    await waitForText(frame.locator('#announcer'), 'Copied the stream key');

    await tabTo(page, content, 'page:next');
    await page.keyboard.press('Enter');
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 11–20 of 36');
    assert.equal(await text(frame, 'page-no'), 'Page 2 of 4');
    await panelShot(page, 'a11y--keyboard-page-2');
    // The re-render kept the focus on Next: Space pages on without another Tab.
    assert.equal(await describeFocus(content), 'button "Next" [page:next]');
    await page.keyboard.press('Space');
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 21–30 of 36');
    await moveFocus(page, content, 'Shift+Tab');
    assert.equal(await describeFocus(content), 'button "Previous" [page:prev]');
    await page.keyboard.press('Enter');
    await waitForText(byTestId(frame, 'paging-label'), 'Sessions 11–20 of 36');
  });

  it('a re-render keeps the focused button focused and a selection selected', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.liveStream);
    await waitForText(byTestId(frame, 'live-session'), 'Running for');
    const content = await webviewContent(page);
    await webviewHasFocus(content);
    await tabTo(page, content, 'copy:livestreamId');
    await content.evaluate(() => {
      const id = document.querySelector('[data-testid="livestream-id"]');
      if (!id) throw new Error('no livestream id on the page');
      getSelection()?.selectAllChildren(id);
      Object.assign(window, { kept: { focused: document.activeElement, id } });
    });
    // New data on the next refresh (every 5 s while LIVE): the session's ingest time changes.
    await control(`sessions/${SEED_IDS.liveSession}`, { ingest_seconds: 4321 });
    await waitForText(byTestId(frame, 'live-session'), '1h 12m');
    const after = await content.evaluate(() => {
      const { kept } = window as unknown as { kept: { focused: Element; id: Element } };
      return {
        sameFocus: document.activeElement === kept.focused && kept.focused.isConnected,
        selection: getSelection()?.toString(),
        sameText: kept.id.isConnected,
        spoken: document.getElementById('announcer')?.textContent,
      };
    });
    assert.deepEqual(after, { sameFocus: true, selection: SEED_IDS.liveStream, sameText: true, spoken: '' });
    await panelShot(page, 'a11y--rerender-focus-and-selection');
  });

  it('a session link keeps the focus when its row errors and a new session arrives above it', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.liveStream);
    await byTestId(frame, 'sessions').waitFor({ timeout: WAIT_MS });
    const api = fakeApi();
    const past = api.state.sessions
      .filter((s) => s.livestream_id === SEED_IDS.liveStream && s.stopped_time !== null && !s.err_message)
      .sort((a, b) => (b.started_time ?? '').localeCompare(a.started_time ?? ''))[0];
    assert.ok(past, 'the seed has a finished session of the LIVE livestream');
    const content = await webviewContent(page);
    await webviewHasFocus(content);
    await tabTo(page, content, `session:${past.id}`);
    await content.evaluate(() => Object.assign(window, { keptFocus: document.activeElement }));
    // One refresh (every 5 s while LIVE) brings both: a row above the focused one, and the
    // focused row's error (its class changes, an error row follows it).
    const now = new Date().toISOString();
    const added = { ...past, id: 'f0c0f0c0-0000-4000-8000-000000000001', created_at: now, updated_at: now, invoked_time: now, started_time: now, stopped_time: now };
    api.state.sessions.push(added);
    try {
      await control(`sessions/${past.id}`, { err_message: 'Keyframe interval above 8 s' });
      await waitForText(byTestId(frame, 'sessions'), 'Keyframe interval above 8 s');
      await waitForText(byTestId(frame, 'sessions'), 'f0c0f0c0');
      const kept = await content.evaluate(() => {
        const { keptFocus } = window as unknown as { keptFocus: Element };
        return keptFocus.isConnected && document.activeElement === keptFocus;
      });
      assert.equal(kept, true, `the focus moved to ${await describeFocus(content)}`);
    } finally {
      // The tests after this one expect the seed's sessions.
      api.state.sessions.splice(api.state.sessions.indexOf(added), 1);
      await control(`sessions/${past.id}`, { err_message: null });
    }
  });

  it('says a status change once, in the one live region', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.idleStream);
    await waitForText(byTestId(frame, 'status'), 'IDLE');
    const content = await webviewContent(page);
    await step('one live region, empty', async () => {
      assert.equal(await content.evaluate(() => document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]').length), 1);
      assert.equal(await frame.locator('#announcer').getAttribute('aria-live'), 'polite');
    });
    await content.evaluate(() => {
      const said: string[] = [];
      const region = document.getElementById('announcer')!;
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
      Object.assign(window, { said });
    });
    await frame.getByRole('button', { name: 'Watch until live' }).click();
    await byTestId(frame, 'watching').waitFor({ timeout: WAIT_MS });
    await control(`livestreams/${SEED_IDS.idleStream}`, { status: 'LIVE' });
    await waitForText(byTestId(frame, 'status'), 'LIVE');
    await waitForText(frame.locator('#announcer'), 'Product Launch is LIVE');
    // Refreshes while LIVE re-render the panel with the same status: nothing more is said.
    const path = `/livestreams/${SEED_IDS.idleStream}`;
    const requestsSoFar = fakeApi().requests.filter((r) => r.path.endsWith(path)).length;
    await waitUntil(() => fakeApi().requests.filter((r) => r.path.endsWith(path)).length >= requestsSoFar + 2, { what: 'two more refreshes', timeoutMs: 30_000 });
    assert.deepEqual(await content.evaluate(() => (window as unknown as { said: string[] }).said), ['Product Launch is LIVE']);
    await frame.getByRole('button', { name: 'Stop watching' }).click();
  });

  it('stops spinners when the OS or VS Code asks for less motion', async () => {
    const page = wb.page;
    const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.invokedStream);
    const spinner = byTestId(frame, 'status').locator('.codicon-modifier-spin');
    const animation = () => spinner.evaluate((el) => getComputedStyle(el).animationName);
    await waitUntil(async () => (await animation()) !== 'none', { what: 'the INVOKED badge spinning' });
    const bodyClass = () => frame.locator('body').evaluate((b) => b.classList.contains('vscode-reduce-motion'));
    await step('prefers-reduced-motion: the media query, and VS Code (reduceMotion "auto" follows the OS)', async () => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      try {
        await waitUntil(async () => (await animation()) === 'none', { what: 'the spinner to stop' });
        await waitUntil(bodyClass, { what: 'VS Code to put vscode-reduce-motion on the body' });
      } finally {
        await page.emulateMedia({ reducedMotion: 'no-preference' });
      }
      await waitUntil(async () => !(await bodyClass()) && (await animation()) !== 'none', { what: 'the spinner to spin again' });
    });
    await step('body.vscode-reduce-motion alone', async () => {
      // VS Code sets the class when workbench.reduceMotion is "on" whatever the OS says (checked
      // above with "auto"): with no media query matching, the class alone stops the spinner.
      await frame.locator('body').evaluate((b) => b.classList.add('vscode-reduce-motion'));
      assert.equal(await animation(), 'none');
      await frame.locator('body').evaluate((b) => b.classList.remove('vscode-reduce-motion'));
      assert.notEqual(await animation(), 'none');
    });
  });

  describe('axe and the focus ring, in four themes', () => {
    /** Per theme and state: rules passed, and the findings that do not fail (moderate, minor). */
    const report: string[] = [];
    after(() => {
      if (report.length) console.log(`\n      axe per theme and panel state\n${report.map((l) => `      ${l}`).join('\n')}`);
    });

    for (const [theme, slug, cls] of [
      ['Dark Modern', 'dark', 'vs-dark'],
      ['Light Modern', 'light', 'vs'],
      ['Dark High Contrast', 'high-contrast', 'hc-black'],
      ['Light High Contrast', 'high-contrast-light', 'hc-light'],
    ] as const) {
      it(`every webview has no serious or critical axe violation in ${theme}, and a visible focus ring`, async () => {
        const page = wb.page;
        await runCommand(page, 'Preferences: Color Theme');
        await pickQuickItem(page, theme);
        await waitUntil(() => page.locator('.monaco-workbench').evaluate((el, c) => el.classList.contains(c), cls), { what: `the ${theme} theme` });
        const blocking: string[] = [];
        const check = async (state: string, ready: () => Promise<unknown>, closeAfter: string) => {
          await step(`axe: ${state}`, async () => {
            await ready();
            const result: AxeSummary = await runAxe(await webviewContent(page));
            assert.ok(result.passed.includes('button-name'), `axe checked no button: ${result.passed.join(', ')}`);
            blocking.push(...result.blocking.map((v) => `${state}: ${v}`));
            report.push(
              `${theme}, ${state}: ${result.blocking.length} serious or critical, ${result.other.length} moderate or minor, ${result.passed.length} rules passed`,
              ...result.other.map((v) => `  ${v}`),
            );
            await panelShot(page, `a11y--${slug}--${state}`);
          }, page);
          await closeTabs(page, closeAfter);
        };

        await check('live', async () => {
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.liveStream);
          await byTestId(frame, 'chart').waitFor();
          await waitForText(byTestId(frame, 'app-totals'), 'Viewer time');
          await waitForText(byTestId(frame, 'latest-session'), 'Still running');
          await focusRing(page, theme, slug, 'copy:livestreamId');
        }, SEED_NAMES.liveStream);
        await check('errored', async () => {
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.erroredStream);
          await waitForText(byTestId(frame, 'session-error'), 'no keyframe');
          await byTestId(frame, 'trouble').waitFor();
        }, SEED_NAMES.erroredStream);
        // A livestream whose details never loaded: the panel says it could not, and offers Retry.
        await check('load-error', async () => {
          setFault('livestream', { status: 403 });
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.disabledStream);
          await frame.getByRole('button', { name: 'Retry' }).waitFor({ timeout: WAIT_MS });
        }, SEED_NAMES.disabledStream);
        clearFaults();
        // Still loading: the request never answers while axe runs (closing the panel cancels it).
        await check('loading', async () => {
          setFault('livestream', { hang: true });
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.offlineStream);
          await waitForText(frame.locator('#app'), 'Loading livestream…');
        }, SEED_NAMES.offlineStream);
        clearFaults();
        // One session whole (the panel's drill-down), and a meeting livestream's Meeting card.
        await check('session', async () => {
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.erroredStream);
          await frame.locator('[data-action="open-session"]').first().click();
          await waitForText(byTestId(frame, 'session-fields'), 'Session ID');
        }, SEED_NAMES.erroredStream);
        await check('meeting', async () => {
          const frame = await openFromTree(page, SEED_APP_NAMES.productionApp, SEED_NAMES.meetingLiveStream);
          await waitForText(byTestId(frame, 'meeting-now'), 'Livestreaming now');
        }, SEED_NAMES.meetingLiveStream);
        // The other two webviews: the app dashboard and the playback preview (waiting: no stream).
        await check('dashboard', async () => {
          await runCommand(page, 'RealtimeKit: Open App Dashboard');
          await pickQuickItem(page, SEED_APP_NAMES.productionApp);
          const frame = await webviewFrame(page, { title: DASHBOARD });
          // Days without sessions draw bars of no height (hidden to Playwright): count them instead.
          await waitUntil(async () => (await byTestId(frame, 'day-chart').locator('rect.bar').count()) > 0, { what: 'the day chart' });
          await waitForText(byTestId(frame, 'dashboard-totals'), /Livestreams\s*\d+/);
          await focusRing(page, theme, `${slug}--dashboard`, 'range:90');
        }, DASHBOARD);
        await check('preview', async () => {
          await runCommand(page, 'RealtimeKit: Preview Playback');
          await pickQuickItem(page, SEED_NAMES.idleStream);
          const frame = await webviewFrame(page, { title: `Preview: ${SEED_NAMES.idleStream}` });
          await waitUntil(async () => (await frame.locator('body').getAttribute('data-phase')) === 'waiting', { what: 'the preview to wait for the stream' });
        }, `Preview: ${SEED_NAMES.idleStream}`);
        assert.deepEqual(blocking, [], `serious or critical axe violations in ${theme}`);
      });
    }
  });
});

/** Tabs to a control of the visible webview and checks its focus ring: drawn, 3:1 against what is behind it. */
async function focusRing(page: Page, theme: string, slug: string, dataKey: string): Promise<void> {
  await step(`focus ring in ${theme}`, async () => {
    const content = await webviewContent(page);
    await webviewHasFocus(content);
    await tabTo(page, content, dataKey);
    const sample = await content.locator('body').evaluate(focusRingSample);
    assert.ok(sample, `no focus ring drawn on ${await describeFocus(content)}`);
    const rated = rateSample(sample);
    assert.ok(
      rated.ratio >= 3,
      `the focus ring (${sample.outline}) is ${hex(rated.foreground)} on ${hex(rated.background)} = ${rated.ratio.toFixed(2)}:1 in ${theme}, needs 3:1`,
    );
    await screenshot(page, `a11y--${slug}--focus-ring`);
  }, page);
}

async function text(frame: FrameLocator, id: string): Promise<string> {
  return (await byTestId(frame, id).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** A screenshot tall enough to show the whole panel, once the webview has grown with the window. */
async function panelShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: size.width, height: 2000 });
  try {
    const content = await webviewContent(page);
    await waitUntil(() => content.evaluate(() => window.innerHeight > 1500), { what: 'the webview to grow' });
    await screenshot(page, name);
  } finally {
    await page.setViewportSize(size);
  }
}
