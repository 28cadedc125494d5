// The extension-tests entry point (`extensionTestsPath`): the host calls run() once the extension
// under development is loaded. Both runners load it: runIntegration.ts (code-server in a browser,
// offline) and runDesktop.ts (@vscode/test-electron). It runs every `*.test.js` next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // The runner's terminal renders it (code-server forwards the host's console); the runner
    // says whether that is a terminal.
    color: process.env.RTK_TEST_COLOR === '1',
    timeout: Number(process.env.RTK_TEST_TIMEOUT_MS ?? 20_000),
    // `npm run test:integration -- --grep secret` arrives as RTK_TEST_GREP.
    grep: process.env.RTK_TEST_GREP ? new RegExp(process.env.RTK_TEST_GREP) : undefined,
  });
  // out/ is never cleaned: skip compiled tests whose source was deleted or renamed.
  const sourceDir = path.resolve(__dirname, '..', '..', '..', 'test', 'integration');
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !fs.existsSync(sourceDir) || fs.existsSync(path.join(sourceDir, f.replace(/\.js$/, '.ts'))))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      let ran = 0;
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (ran === 0) reject(new Error(`no integration test ran${mocha.options.grep ? ` (grep ${String(mocha.options.grep)} matched nothing)` : ''}`));
        else resolve();
      });
      runner.on('test end', () => ran++);
    } catch (err) {
      reject(err);
    }
  });
}
