// axe-core inside a webview, for the browser tests' accessibility checks. A webview's content is
// two frames below the workbench (iframe.webview → iframe#active-frame). @axe-core/playwright's
// AxeBuilder analyses a Page and reaches child frames by injecting axe into each one, but it
// skips a frame silently when that injection fails or takes over a second: on a busy machine the
// webview would go unchecked and the test would pass. So the tests evaluate the axe-core that
// @axe-core/playwright pins in the webview's own document, where a failure is a failure and the
// page-level rules (title, language, landmarks, one h1) judge the panel, not the workbench.
import * as fs from 'node:fs';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { step, WAIT_MS } from './harness';

let source: string | undefined;
function axeSource(): string {
  source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** The content document of the visible webview, as a Playwright Frame (evaluate runs in it). */
export async function webviewContent(page: Page): Promise<Frame> {
  return step('find the webview content frame', async () => {
    const outer = page.locator('iframe.webview.ready').filter({ visible: true }).first();
    await outer.waitFor({ timeout: WAIT_MS });
    const host = await (await outer.elementHandle())?.contentFrame();
    const inner = host?.locator('iframe#active-frame');
    await inner?.waitFor({ timeout: WAIT_MS });
    const frame = await (await inner?.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the visible webview has no content frame');
    return frame;
  }, page);
}

/** What fails the tests: axe's two highest impacts. */
export const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

export interface AxeSummary {
  /** Each serious or critical violation: "id (impact): target, target". */
  readonly blocking: string[];
  /** Moderate and minor ones, for the record. */
  readonly other: string[];
  /** Rules that found something to check and passed. */
  readonly passed: string[];
}

function describeViolation(v: Result): string {
  return `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.help})`;
}

/** Runs every axe rule on the frame's document. */
export async function runAxe(frame: Frame): Promise<AxeSummary> {
  if (!(await frame.evaluate(() => 'axe' in window))) {
    await frame.evaluate(axeSource());
  }
  const results = await frame.evaluate(() => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } };
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return {
    blocking: results.violations.filter((v) => v.impact && BLOCKING.includes(v.impact)).map(describeViolation),
    other: results.violations.filter((v) => !v.impact || !BLOCKING.includes(v.impact)).map(describeViolation),
    passed: results.passes.map((p) => p.id),
  };
}
