// `npm run test:e2e [-- --grep PATTERN] [--keep]`: browser tests of the packaged extension.
// One fake API, one code-server with realtimekit-livestreams.vsix installed into a fresh profile,
// one headless Chromium; mocha runs out/test/e2e/*.e2e.js in this process, and each test file
// opens its own browser context through test/e2e/harness.ts. The run's setup is runner.ts's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { closeAllWorkbenches, configureHarness, externalRequests, screenshotFailure, setCurrentTest } from '../e2e/harness';
import { launchChromium } from './browser';
import { REPO_ROOT, testFiles, TEST_OUTPUT_DIR, pruneOlderThan, startCodeServer } from './codeServer';
import { runEditorTests } from './runner';

const VSIX = path.join(REPO_ROOT, 'realtimekit-livestreams.vsix');
const E2E_DIR = path.join(REPO_ROOT, 'out', 'test', 'e2e');
const SCREENSHOT_DIR = path.join(TEST_OUTPUT_DIR, 'screenshots');

runEditorTests({
  label: 'e2e',
  preflight() {
    if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(REPO_ROOT, VSIX)} is missing: \`npm run test:e2e\` packages it first`);
  },
  async run({ args, api, settings, elapsed, onCleanup }) {
    // Not wiped: another run may be writing here at the same time. Named screenshots are
    // overwritten; failure screenshots of earlier runs go after an hour.
    pruneOlderThan(SCREENSHOT_DIR, 3600_000, (f) => f.startsWith('FAILED--'));
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

    const cs = await startCodeServer({
      label: 'e2e',
      settings,
      installVsix: [VSIX],
      // openExternal opens a new tab without the confirmation dialog; the tab is answered locally.
      trustedDomains: ['*'],
      keepProfile: args.keep,
    });
    onCleanup(() => cs.stop());
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    configureHarness({ codeServer: cs, browser, api, screenshotDir: SCREENSHOT_DIR });
    onCleanup(() => closeAllWorkbenches());

    const mocha = new Mocha({
      ui: 'bdd',
      timeout: Number(process.env.RTK_E2E_TEST_TIMEOUT_MS ?? 60_000),
      slow: 10_000,
      grep: args.grep ? new RegExp(args.grep) : undefined,
      rootHooks: {
        beforeEach(this: Mocha.Context) {
          setCurrentTest(this.currentTest?.fullTitle() ?? 'test');
        },
        async afterEach(this: Mocha.Context) {
          const t = this.currentTest;
          if (t?.state === 'failed') await screenshotFailure(t.fullTitle(), t.err);
        },
      },
    });
    const files = testFiles(E2E_DIR, '.e2e.js', path.join(REPO_ROOT, 'test', 'e2e'));
    if (files.length === 0) throw new Error(`no *.e2e.js files in ${E2E_DIR}`);
    for (const f of files) mocha.addFile(f);
    let ran = 0;
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('test end', () => ran++);
    });
    if (ran === 0) {
      console.error(`[e2e] no test ran${args.grep ? ` (--grep ${args.grep} matched nothing; it is a case-sensitive regular expression)` : ''}`);
      return 1;
    }

    await closeAllWorkbenches();
    const hosts = [...new Set(externalRequests.map((r) => new URL(r.url).host))];
    if (hosts.length) console.log(`[e2e] ${externalRequests.length} external request(s) answered locally (hosts: ${hosts.join(', ')})`);
    console.log(`[e2e] screenshots: ${path.relative(process.cwd(), SCREENSHOT_DIR)}/  code-server log: ${path.relative(process.cwd(), cs.logFile)}`);
    console.log(`[e2e] ${failures === 0 ? 'passed' : `${failures} failure(s)`} in ${elapsed()} s`);
    return failures === 0 ? 0 : 1;
  },
});
