// `npm run test:integration [-- --grep PATTERN] [--keep]`: runs test/integration/ (the same suite
// runDesktop.ts gives @vscode/test-electron) inside code-server's extension host, offline. The
// run's setup (arguments, fake API, cleanup, exit code) is runner.ts's.
//
// How: code-server opens the workbench with a `payload` naming extensionDevelopmentPath and
// extensionTestsPath (what VS Code's own browser integration tests do); headless Chromium is the
// client the extension host needs; the workbench reports the mocha output through
// window.codeAutomationLog and the result through window.codeAutomationExit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium, stubExternalRequests, type ExternalRequest } from './browser';
import { REPO_ROOT, startCodeServer } from './codeServer';
import { TEST_SUPPORT_EXTENSION, integrationTestEnv, runEditorTests } from './runner';

const TIMEOUT_MS = Number(process.env.RTK_INTEGRATION_TIMEOUT_MS ?? 180_000);

/** Workbench chatter that the automation log forwards along with the mocha output. */
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Started local extension host|Extension host .*started|\[(Extension Host|extension host)\])/;

runEditorTests({
  label: 'integration',
  async run(ctx) {
    const { args, settings, elapsed, onCleanup } = ctx;
    const cs = await startCodeServer({
      label: 'integration',
      settings,
      env: integrationTestEnv(ctx, 'code-server'),
      copyExtensions: [TEST_SUPPORT_EXTENSION],
      keepProfile: args.keep,
    });
    onCleanup(() => cs.stop());
    const consoleLog = path.join(path.dirname(cs.logFile), 'integration-console.log');
    fs.writeFileSync(consoleLog, '');
    const verbose = process.env.RTK_VERBOSE === '1';

    const browser = await launchChromium();
    onCleanup(() => browser.close());
    const context = await browser.newContext();
    const external: ExternalRequest[] = [];
    await stubExternalRequests(context, external);
    const page = await context.newPage();

    let report!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (report = resolve));
    // Receives the extension host's console (the mocha reporter) and the workbench's own logs,
    // as console.log arguments (format string first).
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      fs.appendFileSync(consoleLog, `[${type}] ${line}\n`);
      if (!verbose && NOISE.test(line)) return;
      if (type === 'error') console.error(line);
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => report(code));
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    const testsPath = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
    await page.goto(
      cs.workbenchUrl([
        ['extensionDevelopmentPath', cs.remoteUri(REPO_ROOT)],
        ['extensionTestsPath', cs.remoteUri(testsPath)],
        ['skipWelcome', 'true'],
      ]),
    );

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      console.error(`[integration] no result after ${TIMEOUT_MS / 1000} s`);
      if (pageErrors.length) console.error(`[integration] page errors:\n  ${pageErrors.join('\n  ')}`);
      console.error(`[integration] code-server log (${cs.logFile}):\n${cs.tailLog()}`);
      return 1;
    }
    if (result !== 0) console.error(`[integration] logs: ${cs.logFile}, ${consoleLog}`);
    const leaked = external.filter((r) => !r.url.includes('open-vsx.org'));
    if (leaked.length) console.log(`[integration] ${leaked.length} external request(s) answered locally: ${[...new Set(leaked.map((r) => r.url))].slice(0, 5).join(', ')}`);
    console.log(`[integration] ${result === 0 ? 'passed' : `failed (exit ${result})`} in ${elapsed()} s`);
    return result;
  },
});
