// The Livestreams tree in a real extension host against the fake API: children, paging, errors as
// nodes, the badge, context values, the filter and reveal.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RealtimeKitExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES, streamKeyFor } from '../fake-api/seed';
import {
  appNode,
  children,
  clearFaults,
  connect,
  control,
  disconnect,
  requireFakeApi,
  extensionApi,
  label,
  requests,
  resetFakeApi,
  setFault,
  waitFor,
} from './sidebarSupport';

function iconOf(item: vscode.TreeItem): { id: string; color?: string } {
  const icon = item.iconPath as vscode.ThemeIcon;
  return { id: icon.id, ...(icon.color ? { color: icon.color.id } : {}) };
}

function tooltipText(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

describe('sidebar tree', function () {
  let api: RealtimeKitExtensionApi;

  before(async () => {
    requireFakeApi();
    api = await extensionApi();
    await resetFakeApi();
    await disconnect(api, ['pageSize']);
  });

  after(async () => {
    if (!api) return;
    await clearFaults();
    await disconnect(api, ['pageSize']);
  });

  it('signed out: no children, so the welcome content shows, and no API call', async () => {
    await control('DELETE', 'requests');
    assert.equal(api.connection.state, 'signedOut');
    assert.deepEqual(await api.treeProvider.getChildren(), []);
    assert.equal(api.getStore(), undefined);
    assert.deepEqual(await requests(), []);
  });

  it('connected: apps by name, each with its livestream count once known', async () => {
    await connect(api);
    const apps = await children(api);
    assert.deepEqual(
      apps.map((c) => label(c.item)),
      [SEED_APP_NAMES.bigApp, SEED_APP_NAMES.productionApp, SEED_APP_NAMES.emptyApp, SEED_APP_NAMES.stagingApp],
    );
    assert.ok(apps.every((c) => c.item.contextValue === 'app' && c.item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed));
    // The first pages are prefetched: counts (and LIVE counts) appear without expanding.
    await waitFor('app counts', async () => {
      const items = await children(api);
      return items.every((c) => typeof c.item.description === 'string' && /livestream/.test(c.item.description)) && items;
    });
    const described = Object.fromEntries((await children(api)).map((c) => [label(c.item), c.item.description]));
    assert.deepEqual(described, {
      [SEED_APP_NAMES.bigApp]: '1 LIVE · 260 livestreams',
      [SEED_APP_NAMES.productionApp]: '2 LIVE · 10 livestreams',
      [SEED_APP_NAMES.emptyApp]: '0 livestreams',
      [SEED_APP_NAMES.stagingApp]: '1 LIVE · 7 livestreams',
    });
    // What a screen reader says instead of "2 LIVE · 10 livestreams".
    const spoken = Object.fromEntries((await children(api)).map((c) => [label(c.item), c.item.accessibilityInformation?.label]));
    assert.equal(spoken[SEED_APP_NAMES.productionApp], `${SEED_APP_NAMES.productionApp}, app, 10 livestreams, 2 live`);
    assert.equal(spoken[SEED_APP_NAMES.bigApp], `${SEED_APP_NAMES.bigApp}, app, 260 livestreams, 1 live of the 25 loaded`);
  });

  it('livestreams newest first, with status icons, colours, descriptions and context values', async () => {
    const production = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    assert.equal(production.length, 10);
    const byName = new Map(production.map((c) => [label(c.item), c.item]));

    const keynote = byName.get(SEED_NAMES.liveStream)!;
    assert.deepEqual(iconOf(keynote), { id: 'broadcast', color: 'charts.red' });
    assert.match(String(keynote.description), /^LIVE · /);
    assert.equal(keynote.contextValue, 'livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback');
    assert.equal(keynote.resourceUri?.scheme, 'realtimekit-status', 'LIVE labels are coloured through a decoration');
    assert.deepEqual(keynote.command?.arguments, [{ accountId: api.getStore()!.accountId, appId: SEED_IDS.productionApp, livestreamId: SEED_IDS.liveStream }]);
    assert.equal(keynote.command?.command, 'realtimekit.openLivestream');
    assert.match(keynote.accessibilityInformation?.label ?? '', /^Keynote – Main Stage, live, started (just now|\d+ (minutes?|hours?|days?|months?) ago)$/);

    const errored = byName.get(SEED_NAMES.erroredStream)!;
    assert.deepEqual(iconOf(errored), { id: 'error', color: 'errorForeground' });
    assert.match(String(errored.description), /^ERRORED · /);

    const invoked = byName.get(SEED_NAMES.invokedStream)!;
    assert.equal(iconOf(invoked).id, 'loading~spin');
    assert.equal(invoked.contextValue, 'livestream:invoked:meeting', 'no key, server or playback: nothing to copy; started from a meeting');

    // Started from a meeting: marked beside the status, and the meeting's commands apply.
    const townHall = byName.get(SEED_NAMES.meetingLiveStream)!;
    assert.match(String(townHall.description), /^LIVE · meeting · /);
    assert.equal(townHall.contextValue, 'livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback:meeting');

    const idle = byName.get(SEED_NAMES.idleStream)!;
    assert.deepEqual(iconOf(idle), { id: 'circle-outline', color: 'disabledForeground' });
    assert.equal(idle.resourceUri, undefined);

    const legacy = byName.get(SEED_NAMES.offlineStream)!;
    assert.match(String(legacy.description), /^OFFLINE · /, 'an unknown status is shown as text');
    assert.equal(legacy.contextValue, 'livestream:other:hasKey:hasIngest:hasRtmp:hasPlayback');

    assert.match(String(byName.get(SEED_NAMES.disabledStream)!.description), /^IDLE · disabled · /);

    // Newest first by created_at, as the API's wire data says.
    const state = (await control('GET', 'state')) as { livestreams: Array<{ name: string | null; app_id: string; created_at: string }> };
    const expected = state.livestreams
      .filter((l) => l.app_id === SEED_IDS.productionApp)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      .map((l) => l.name);
    assert.deepEqual(production.map((c) => label(c.item)), expected);
  });

  it('tooltips are Markdown with id, meeting, times and ingest server, never the stream key', async () => {
    const production = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    for (const { item } of production) {
      const tip = tooltipText(item);
      assert.ok(item.tooltip instanceof vscode.MarkdownString);
      assert.match(tip, /ID: `[0-9a-f-]{36}`/);
      assert.match(tip, /Created: \d{4}-\d\d-\d\d /);
      assert.ok(!/[0-9a-f]{32}k[0-9a-f]{32}/.test(tip), `a stream key in the tooltip of ${label(item)}`);
    }
    const townHall = production.find((c) => label(c.item) === SEED_NAMES.meetingLiveStream)!;
    assert.match(tooltipText(townHall.item), new RegExp(`Meeting: \`${SEED_IDS.townHallMeeting}\``));
    assert.ok(!tooltipText(townHall.item).includes(streamKeyFor('town-hall')));
    const keynote = production.find((c) => label(c.item) === SEED_NAMES.liveStream)!;
    assert.match(tooltipText(keynote.item), /Ingest server: `rtmps:\/\/live\.cloudflare\.com:443\/live\/`/);
    const qa = production.find((c) => label(c.item) === SEED_NAMES.invokedStream)!;
    assert.match(tooltipText(qa.item), /Ingest server: none {2}\nStream key: none$/);
  });

  it('unnamed livestreams show their id; an empty app says so', async () => {
    const staging = await children(api, await appNode(api, SEED_APP_NAMES.stagingApp));
    const labels = staging.map((c) => label(c.item));
    assert.ok(labels.includes(SEED_IDS.nullNameStream), 'a null name falls back to the id');
    assert.ok(labels.includes(SEED_IDS.emptyNameStream), 'an empty name falls back to the id');
    assert.ok(labels.includes(SEED_NAMES.xssStream), 'names are shown verbatim (a TreeItem label is plain text)');
    const sandbox = await children(api, await appNode(api, SEED_APP_NAMES.emptyApp));
    assert.deepEqual(sandbox.map((c) => [label(c.item), c.item.contextValue]), [['No livestreams yet', 'empty']]);
    assert.equal(sandbox[0].item.command?.command, 'realtimekit.createLivestream');
  });

  it('pages with a Load more node until everything is loaded', async () => {
    const big = await appNode(api, SEED_APP_NAMES.bigApp);
    let items = await children(api, big);
    assert.equal(items.length, 26);
    const more = items[25];
    assert.equal(more.item.contextValue, 'loadMore');
    assert.equal(label(more.item), 'Load more…');
    assert.equal(more.item.description, '25 of 260');
    assert.equal(more.item.command?.command, 'realtimekit.loadMore');
    assert.equal(label(items[0].item), 'Load Test Stream 260');

    await vscode.commands.executeCommand(more.item.command!.command, ...(more.item.command!.arguments ?? []));
    items = await children(api, big);
    assert.equal(items.length, 51);
    assert.equal(items[50].item.description, '50 of 260');
    assert.equal(label(items[49].item), 'Load Test Stream 211');
    assert.equal(new Set(items.map((c) => c.item.id)).size, items.length, 'tree item ids are unique');
  });

  it('the view badge counts LIVE livestreams and follows a refresh', async () => {
    // Loaded: Production (2 LIVE), Staging (1), Load Test's first 50 (stream 250): 4.
    await waitFor('badge 4', () => api.treeView.badge?.value === 4);
    assert.equal(api.treeView.badge?.tooltip, '4 livestreams LIVE');
    await control('POST', `livestreams/${SEED_IDS.idleStream}`, { status: 'LIVE' });
    await vscode.commands.executeCommand('realtimekit.refresh');
    await waitFor('badge 5', () => api.treeView.badge?.value === 5);
    const production = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    const launch = production.find((c) => label(c.item) === SEED_NAMES.idleStream)!;
    assert.match(String(launch.item.description), /^LIVE · /);
    await control('POST', `livestreams/${SEED_IDS.idleStream}`, { status: 'IDLE' });
    await vscode.commands.executeCommand('realtimekit.refresh');
    await waitFor('badge back to 4', () => api.treeView.badge?.value === 4);
  });

  it('a failed load is a node in place that retries on click; the old items stay visible after a failed refresh', async () => {
    const production = await appNode(api, SEED_APP_NAMES.productionApp);
    // 403 is not retried by the client: the answer is immediate.
    await setFault('livestreams', { status: 403, message: 'Authentication error: token is not authorized for this app' });
    await vscode.commands.executeCommand('realtimekit.refresh', production);
    let items = await children(api, production);
    assert.equal(items[0].item.contextValue, 'error');
    assert.equal(label(items[0].item), "Couldn't refresh livestreams: the token lacks the Realtime permission (403)");
    assert.match(tooltipText(items[0].item), /Realtime Admin/, 'the tooltip has the whole message');
    assert.equal(items.length, 11, 'the error on top, the ten livestreams still shown');

    // A list that never loaded: the error replaces the children.
    api.getStore()!.reset();
    items = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    assert.equal(items.length, 1);
    assert.match(label(items[0].item), /^Couldn't load livestreams: /);
    assert.equal(iconOf(items[0].item).id, 'warning');
    assert.equal(items[0].item.command?.command, 'realtimekit.retry');

    await clearFaults();
    await vscode.commands.executeCommand(items[0].item.command!.command, ...(items[0].item.command!.arguments ?? []));
    items = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    assert.equal(items.length, 10);
    assert.ok(items.every((c) => c.item.contextValue?.startsWith('livestream:')));
  });

  it('an auth failure (401) empties the tree for the welcome content; Retry recovers', async () => {
    await setFault('apps', { status: 401 });
    await vscode.commands.executeCommand('realtimekit.refresh');
    await waitFor('authFailed', () => api.connection.state === 'authFailed');
    assert.deepEqual(await api.treeProvider.getChildren(), []);
    assert.equal(api.getStore(), undefined);
    await clearFaults();
    await vscode.commands.executeCommand('realtimekit.refresh');
    await waitFor('ready again', () => api.connection.state === 'ready');
    assert.equal((await children(api)).length, 4);
  });

  it('the status filter asks the API, names itself in the view description, and clears', async () => {
    await control('DELETE', 'requests');
    await api.filter.set('LIVE');
    await waitFor('description', () => api.treeView.description === 'LIVE only');
    assert.match(api.treeView.message ?? '', /^Showing only LIVE livestreams/);
    const production = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    assert.deepEqual(production.map((c) => label(c.item)).sort(), [SEED_NAMES.meetingLiveStream, SEED_NAMES.liveStream].sort());
    const sandbox = await children(api, await appNode(api, SEED_APP_NAMES.emptyApp));
    assert.deepEqual(sandbox.map((c) => label(c.item)), ['No LIVE livestreams']);
    const listed = (await requests()).filter((r) => r.route === 'livestreams');
    assert.ok(listed.length > 0, 'the filtered lists were fetched');
    assert.ok(listed.every((r) => r.query.status === 'LIVE'), `unfiltered request: ${JSON.stringify(listed.map((r) => r.query))}`);
    await vscode.commands.executeCommand('realtimekit.clearFilter');
    await waitFor('no description', () => api.treeView.description === undefined);
    assert.equal(api.treeView.message, undefined);
    assert.equal((await children(api, await appNode(api, SEED_APP_NAMES.productionApp))).length, 10);
  });

  it('getParent links livestreams to their app, and reveal() selects a node', async () => {
    const production = await appNode(api, SEED_APP_NAMES.productionApp);
    const items = await children(api, production);
    const keynote = items.find((c) => label(c.item) === SEED_NAMES.liveStream)!.node as TreeNode;
    assert.equal(api.treeProvider.getParent(keynote), production);
    assert.equal(api.treeProvider.getParent(production), undefined);
    await vscode.commands.executeCommand('workbench.view.extension.realtimekit');
    await api.treeView.reveal(keynote, { select: true, focus: false });
    await waitFor('selection', () => api.treeView.selection[0] === keynote);
  });
});
