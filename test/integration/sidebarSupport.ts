// Shared by the sidebar's extension-host suites (tree.test.ts, commands.test.ts): the extension's
// test API, the fake API's control endpoints, and waiting on conditions instead of sleeping.
import * as http from 'node:http';
import * as vscode from 'vscode';
import type { RealtimeKitExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import type { Fault, RouteName, WireLivestream } from '../fake-api/server';

export const EXTENSION_ID = 'realtimekit-tools.realtimekit-livestreams';
export const origin = process.env.RTK_TEST_API_ORIGIN;
export const token = process.env.RTK_TEST_TOKEN;
export const accountId = process.env.RTK_TEST_ACCOUNT_ID;

/**
 * Both runners start the fake API and pass it in the environment; a suite without it fails
 * (a skipped suite would let a broken runner report green).
 */
export function requireFakeApi(): void {
  if (!origin || !token || !accountId) {
    throw new Error('RTK_TEST_API_ORIGIN, RTK_TEST_TOKEN and RTK_TEST_ACCOUNT_ID are not set: run these tests through npm run test:integration or test:desktop, which start the fake API.');
  }
}

export function control(method: string, path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // node:http rather than fetch: the extension host wraps fetch with its proxy support.
    const req = http.request(`${origin}/__control/${path}`, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () =>
        (res.statusCode ?? 500) < 300 ? resolve(data ? JSON.parse(data) : undefined) : reject(new Error(`${method} ${path}: ${res.statusCode} ${data}`)),
      );
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export const setFault = (route: RouteName | '*', fault: Fault): Promise<unknown> => control('POST', 'faults', { route, fault });
export const clearFaults = (): Promise<unknown> => control('DELETE', 'faults');
export const resetFakeApi = (): Promise<unknown> => control('POST', 'reset');

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  route: string | null;
  status: number;
  /** Epoch ms when the request arrived (the same clock as the extension host's). */
  time: number;
  /** The client closed the connection before the answer. */
  aborted: boolean;
  auth: string;
}

export async function requests(): Promise<SeenRequest[]> {
  return (await control('GET', 'requests')) as SeenRequest[];
}

/** The fake API's own copy of a livestream (wire fields): what the clipboard must hold. */
export async function wireLivestream(id: string): Promise<WireLivestream> {
  const state = (await control('GET', 'state')) as { livestreams: WireLivestream[] };
  const found = state.livestreams.find((l) => l.id === id);
  if (!found) throw new Error(`no livestream ${id} in the fake API`);
  return found;
}

export async function waitFor<T>(what: string, probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function extensionApi(): Promise<RealtimeKitExtensionApi> {
  const ext = vscode.extensions.getExtension<RealtimeKitExtensionApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  // activate() returns its test API only outside ExtensionMode.Production.
  if (!api) throw new Error(`${EXTENSION_ID} returned no test API: is the extension host in test mode?`);
  return api;
}

const config = () => vscode.workspace.getConfiguration('realtimekit');

/** Token stored, account set, store ready. */
export async function connect(api: RealtimeKitExtensionApi, settings: Record<string, unknown> = {}): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  }
  await config().update('accountId', accountId, vscode.ConfigurationTarget.Global);
  await api.setToken(token!);
  await waitFor('a ready store', () => api.connection.state === 'ready' && api.getStore()?.accountId === accountId);
}

/** Signed out, settings back to defaults (except the base URL the runner set), filter cleared. */
export async function disconnect(api: RealtimeKitExtensionApi, settings: string[] = []): Promise<void> {
  await vscode.commands.executeCommand('realtimekit.clearFilter');
  await vscode.commands.executeCommand('realtimekit.signOut');
  for (const key of ['accountId', ...settings]) {
    await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await waitFor('signed out', () => api.connection.state === 'signedOut');
}

/** Children with their TreeItems, once loaded (an app shows a "Loading" row until its list is in). */
export async function children(api: RealtimeKitExtensionApi, node?: TreeNode): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>> {
  const read = async () => (await api.treeProvider.getChildren(node)).map((n) => ({ node: n, item: api.treeProvider.getTreeItem(n) as vscode.TreeItem }));
  return waitFor('the children to load', async () => {
    const items = await read();
    return items.some((c) => c.item.contextValue === 'loading') ? undefined : items;
  });
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export async function appNode(api: RealtimeKitExtensionApi, name: string): Promise<TreeNode> {
  const found = (await children(api)).find((c) => label(c.item) === name);
  if (!found) throw new Error(`no app "${name}" in the tree`);
  return found.node;
}
