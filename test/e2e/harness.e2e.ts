// Checks the harness helpers themselves against built-in VS Code features, so a change in
// VS Code's DOM shows up here (with a clear step name) rather than in every feature test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WAIT_MS, answerDialog, answerInput, codeServer, pickQuickItem, readClipboard, runCommand, treeItem, useWorkbench, waitForText, waitUntil, webviewFrame } from './harness';

/** Backups of untitled files in this run's profile (User/Backups/<workspace>/untitled/<hash>). */
function untitledBackups(): string[] {
  const root = path.join(path.dirname(codeServer().userSettingsFile), 'Backups');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((workspace) => {
    const dir = path.join(root, workspace, 'untitled');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
  });
}

describe('harness self-test (built-in VS Code features)', () => {
  const wb = useWorkbench();

  it('runCommand + treeItem: reveals a workspace file in the Explorer', async () => {
    fs.writeFileSync(path.join(wb.workbench.workspace, 'harness-probe.txt'), 'probe\n');
    await runCommand(wb.page, 'View: Show Explorer');
    // The file watcher may report the new file late on a busy machine: refresh explicitly.
    await runCommand(wb.page, 'Refresh Explorer');
    await treeItem(wb.page, 'harness-probe.txt').waitFor({ timeout: WAIT_MS });
  });

  it('pickQuickItem + answerInput: creates a global snippets file', async () => {
    await runCommand(wb.page, 'Snippets: Configure Snippets');
    await pickQuickItem(wb.page, 'New Global Snippets file...');
    await answerInput(wb.page, 'harness-probe', { prompt: /snippet file name/i });
    await wb.page.locator('.tabs-container .tab', { hasText: 'harness-probe.code-snippets' }).waitFor();
  });

  it('readClipboard: sees what the editor copied', async () => {
    await runCommand(wb.page, 'File: New Untitled Text File');
    await wb.page.locator('.editor-instance .monaco-editor textarea').first().waitFor();
    await wb.page.keyboard.type('# Hello webview');
    await wb.page.keyboard.press('ControlOrMeta+A');
    await wb.page.keyboard.press('ControlOrMeta+C');
    assert.equal(await readClipboard(wb.page), '# Hello webview');
  });

  it('webviewFrame: reads inside the Markdown preview', async () => {
    await runCommand(wb.page, 'Change Language Mode');
    await pickQuickItem(wb.page, 'Markdown');
    await runCommand(wb.page, 'Markdown: Open Preview to the Side');
    const frame = await webviewFrame(wb.page, { title: 'Preview Untitled-1' });
    await waitForText(frame.locator('h1'), 'Hello webview');
  });

  it('runCommand: works while a webview has the focus', async () => {
    const frame = await webviewFrame(wb.page, { title: 'Preview Untitled-1' });
    await frame.locator('h1').click();
    await runCommand(wb.page, 'View: Close Editor');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Preview Untitled-1' }).waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it('answerDialog: answers a modal dialog', async () => {
    await runCommand(wb.page, 'View: Close All Editors'); // the untitled file is dirty: "Save changes?"
    await answerDialog(wb.page, "Don't Save");
    await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: WAIT_MS });
    // The untitled file's backup goes a moment after its tab: closing the window before that
    // leaves it on the server, and a later test file's window restores the file (whose "Save
    // changes?" then blocks that file's Close All Editors).
    await waitUntil(() => untitledBackups().length === 0, { what: 'the untitled backup to be deleted', detail: async () => untitledBackups().join(', ') });
  });
});
