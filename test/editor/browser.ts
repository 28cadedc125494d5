// Debian's Chromium driven by playwright-core (never `playwright install`: it downloads browsers),
// and the rule that no request leaves the machine: everything not addressed to 127.0.0.1 is
// answered locally and recorded.
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';

export const CHROMIUM_PATH = process.env.RTK_CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** Headless unless RTK_HEADED=1 (needs a display). RTK_SLOWMO=ms slows every action down. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: process.env.RTK_HEADED !== '1',
    args: CHROMIUM_ARGS,
    slowMo: process.env.RTK_SLOWMO ? Number(process.env.RTK_SLOWMO) : undefined,
  });
}

export interface ExternalRequest {
  url: string;
  method: string;
  resourceType: string;
  /** A page navigation (e.g. `vscode.env.openExternal`) rather than a sub-resource. */
  navigation: boolean;
  at: number;
}

/** Matches every http(s) URL whose host is not 127.0.0.1. */
export const EXTERNAL_URL = /^https?:\/\/(?!127\.0\.0\.1(?:[:/]|$))/;

/**
 * Routes every request that would leave the machine to a local answer and records it in `log`:
 * a navigation gets a small HTML page naming the URL, anything else a 404.
 */
export async function stubExternalRequests(context: BrowserContext, log: ExternalRequest[]): Promise<void> {
  await context.route(EXTERNAL_URL, async (route: Route) => {
    const req = route.request();
    const navigation = req.isNavigationRequest();
    log.push({ url: req.url(), method: req.method(), resourceType: req.resourceType(), navigation, at: Date.now() });
    if (navigation) {
      const safe = req.url().replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      await route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>stubbed</title><p>External URL answered locally by the tests: <code>${safe}</code></p>` });
    } else {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'stubbed by the tests: no network' });
    }
  });
}
