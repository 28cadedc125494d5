// `npm run test:desktop [-- --grep PATTERN]`: the same extension-host suite as
// `npm run test:integration`, in desktop VS Code through @vscode/test-electron. It downloads
// VS Code (into .editor/vscode-test/) unless RTK_VSCODE_EXECUTABLE_PATH names an installed one,
// so it needs a machine that can reach Microsoft's servers; on a Linux box without a display,
// run it under `xvfb-run -a`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { EDITOR_DIR, QUIET_SETTINGS, REPO_ROOT, installExitHooks, makeTempDir } from './codeServer';
import { apiSettings, fakeApiEnv, startFakeApi, type FakeApi } from './fakeApi';
import { TEST_SUPPORT_EXTENSION, parseArgs } from './runIntegration';

/** The VS Code that code-server 4.100.3 is, so both runners see the same API. */
const DEFAULT_VERSION = '1.100.3';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let api: FakeApi | undefined;
  const tmp = makeTempDir('desktop');
  const cleanup = async () => {
    await api?.close().catch(() => undefined);
    if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  installExitHooks(cleanup);
  try {
    api = await startFakeApi({ port: 0 });
    const userDataDir = path.join(tmp, 'user-data');
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...apiSettings(api) }, null, 2));

    const executable = process.env.RTK_VSCODE_EXECUTABLE_PATH;
    return await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.RTK_VSCODE_VERSION ?? DEFAULT_VERSION, cachePath: path.join(EDITOR_DIR, 'vscode-test') }),
      extensionDevelopmentPath: [REPO_ROOT, TEST_SUPPORT_EXTENSION],
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { ...fakeApiEnv(api), RTK_TEST_GREP: args.grep, RTK_TEST_COLOR: process.stdout.isTTY ? '1' : '0', RTK_TEST_RUNNER: 'desktop' },
      launchArgs: [
        workspace,
        '--disable-extensions', // installed extensions stay out; the development ones still load
        '--user-data-dir', userDataDir,
        '--extensions-dir', path.join(tmp, 'extensions'),
        '--password-store=basic', // SecretStorage without a desktop keyring
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
