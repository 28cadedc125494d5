// `npm run test:desktop [-- --grep PATTERN]`: the same extension-host suite as
// `npm run test:integration`, in desktop VS Code through @vscode/test-electron. It downloads
// VS Code (into .editor/vscode-test/) unless RTK_VSCODE_EXECUTABLE_PATH names an installed one,
// so it needs a machine that can reach Microsoft's servers; on a Linux box without a display,
// run it under `xvfb-run -a`. The run's setup (arguments, fake API, cleanup, exit code) is
// runner.ts's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { EDITOR_DIR, QUIET_SETTINGS, REPO_ROOT, makeTempDir } from './codeServer';
import { TEST_SUPPORT_EXTENSION, integrationTestEnv, runEditorTests } from './runner';

/** The VS Code that code-server 4.100.3 is, so both runners see the same API. */
const DEFAULT_VERSION = '1.100.3';

runEditorTests({
  label: 'desktop',
  needsEditor: false,
  async run(ctx) {
    const { args, settings, onCleanup } = ctx;
    const tmp = makeTempDir('desktop');
    onCleanup(() => {
      if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
    });
    const userDataDir = path.join(tmp, 'user-data');
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));

    const executable = process.env.RTK_VSCODE_EXECUTABLE_PATH;
    return runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.RTK_VSCODE_VERSION ?? DEFAULT_VERSION, cachePath: path.join(EDITOR_DIR, 'vscode-test') }),
      extensionDevelopmentPath: [REPO_ROOT, TEST_SUPPORT_EXTENSION],
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: integrationTestEnv(ctx, 'desktop'),
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
  },
});
