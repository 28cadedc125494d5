// Runs inside the extension host (see index.ts) with the real `vscode` API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, requests, requireFakeApi, waitFor, type SeenRequest } from './sidebarSupport';

const TEST_SUPPORT_ID = 'realtimekit-tools.rtk-test-support';

/** API requests the fake API has recorded (its /__control endpoints are never recorded). */
async function fakeApiRequests(): Promise<SeenRequest[]> {
  requireFakeApi();
  return requests();
}

describe('activation', () => {
  it('finds the extension under test, with the test settings and environment', () => {
    // The runners pass the fake API's coordinates as environment variables; the host inherits them.
    assert.ok(process.env.RTK_TEST_RUNNER, 'RTK_TEST_RUNNER is not set in the extension host');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
    const baseUrl = vscode.workspace.getConfiguration('realtimekit').get<string>('apiBaseUrl');
    assert.match(baseUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\//, 'realtimekit.apiBaseUrl should point at the local fake API');
    assert.equal(baseUrl, process.env.RTK_TEST_API_BASE_URL);
    assert.match(process.env.RTK_TEST_TOKEN ?? '', /^rtk_fake_/);
    assert.match(process.env.RTK_TEST_ACCOUNT_ID ?? '', /^[0-9a-f]{32}$/);
  });

  it('activates without network', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.equal(ext.isActive, true);
    // Signed out, activation must not call the API. An un-awaited request started by activate()
    // would reach the fake API shortly after; there is no event for "nothing happened", so watch
    // the request log for a short window.
    const deadline = Date.now() + 500;
    let seen = await fakeApiRequests();
    while (seen.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await fakeApiRequests();
    }
    assert.deepEqual(seen.map((r) => `${r.method} ${r.path}`), [], 'activation made API requests');
  });

  it('hands its test API out only outside production mode (the host runs tests in Test mode)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const exported: unknown = await ext.activate();
    // src/extension.ts returns undefined in ExtensionMode.Production, so a packaged install
    // exposes no connection to other extensions; here the host is in Test mode.
    assert.ok(exported && typeof exported === 'object' && 'connection' in exported);
  });

  it('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = ((ext.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.ok(missing.length === 0, `contributed but not registered: ${missing.join(', ')}`);
  });
});

describe('settings', () => {
  it("a workspace's .vscode/settings.json cannot redirect the API base URL (where the token goes)", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runners open a workspace folder');
    const tabSize = () => vscode.workspace.getConfiguration('editor').get<number>('tabSize');
    const apiBaseUrl = () => vscode.workspace.getConfiguration('realtimekit').get<string>('apiBaseUrl');
    const before = { tabSize: tabSize(), apiBaseUrl: apiBaseUrl() };
    // A cloned repository's settings: one that applies (editor.tabSize shows the file was read,
    // without disturbing the extension under test), one that must not.
    const vscodeDir = vscode.Uri.joinPath(folder.uri, '.vscode');
    const hostile = { 'realtimekit.apiBaseUrl': 'http://127.0.0.1:9/steal/', 'editor.tabSize': 7 };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(vscodeDir, 'settings.json'), new TextEncoder().encode(JSON.stringify(hostile)));
    try {
      await waitFor('the workspace settings file to be read', () => tabSize() === 7);
      assert.equal(apiBaseUrl(), before.apiBaseUrl, 'the workspace value was applied');
      await assert.rejects(Promise.resolve(vscode.workspace.getConfiguration('realtimekit').update('apiBaseUrl', 'http://127.0.0.1:9/', vscode.ConfigurationTarget.Workspace)));
    } finally {
      await vscode.workspace.fs.delete(vscodeDir, { recursive: true });
      await waitFor('the workspace settings to go away', () => tabSize() === before.tabSize);
    }
  });
});

describe('SecretStorage', () => {
  it('stores, reads back, lists changes and deletes a secret', async () => {
    const support = vscode.extensions.getExtension<{ secrets: vscode.SecretStorage }>(TEST_SUPPORT_ID);
    assert.ok(support, `${TEST_SUPPORT_ID} is not loaded (the runner passes test/integration/test-support as a second extensionDevelopmentPath)`);
    const { secrets } = await support.activate();
    const key = `round-trip-${Date.now()}`;
    const changed: string[] = [];
    const sub = secrets.onDidChange((e) => changed.push(e.key));
    try {
      assert.equal(await secrets.get(key), undefined);
      await secrets.store(key, 'tok_ 123 ✓');
      assert.equal(await secrets.get(key), 'tok_ 123 ✓');
      await secrets.store(key, 'second');
      assert.equal(await secrets.get(key), 'second');
      await secrets.delete(key);
      assert.equal(await secrets.get(key), undefined);
      // onDidChange is delivered asynchronously: wait for the three events, bounded by mocha's timeout.
      while (changed.filter((k) => k === key).length < 3) await new Promise((r) => setTimeout(r, 20));
    } finally {
      sub.dispose();
    }
  });
});
