// The sidebar's commands in a real extension host: each copy command with a tree node and with a
// LivestreamRef (what the panel passes) writes exactly the fake API's value to the clipboard;
// missing values copy nothing; Load more and Retry take their nodes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/commandIds';
import type { RealtimeKitExtensionApi } from '../../src/extension';
import type { LivestreamRef } from '../../src/shared/ref';
import { SEED_APP_NAMES, SEED_IDS, SEED_NAMES } from '../fake-api/seed';
import { appNode, children, connect, control, disconnect, extensionApi, requireFakeApi, label, wireLivestream } from './sidebarSupport';

const SENTINEL = 'clipboard-before-the-command';

async function copyWith(command: string, arg: unknown): Promise<string> {
  await vscode.env.clipboard.writeText(SENTINEL);
  await vscode.commands.executeCommand(command, arg);
  return vscode.env.clipboard.readText();
}

describe('sidebar commands', function () {
  let api: RealtimeKitExtensionApi;
  let ref: (livestreamId: string, appId?: string) => LivestreamRef;

  before(async () => {
    requireFakeApi();
    api = await extensionApi();
    await connect(api);
    const accountId = api.getStore()!.accountId;
    ref = (livestreamId, appId = SEED_IDS.productionApp) => ({ accountId, appId, livestreamId });
  });

  after(async () => {
    if (api) await disconnect(api);
  });

  async function keynoteNode() {
    const items = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    return items.find((c) => label(c.item) === SEED_NAMES.liveStream)!.node;
  }

  it('copies each credential of a tree node, exactly as the API has it', async () => {
    const wire = await wireLivestream(SEED_IDS.liveStream);
    const node = await keynoteNode();
    assert.equal(await copyWith(Commands.copyStreamKey, node), wire.stream_key);
    assert.equal(await copyWith(Commands.copyIngestServer, node), wire.ingest_server);
    assert.equal(await copyWith(Commands.copyRtmpUrl, node), `${wire.ingest_server}${wire.stream_key}`);
    assert.equal(await copyWith(Commands.copyPlaybackUrl, node), wire.playback_url);
    assert.equal(await copyWith(Commands.copyLivestreamId, node), SEED_IDS.liveStream);
    const ffmpeg = await copyWith(Commands.copyFfmpegCommand, node);
    assert.match(ffmpeg, /^ffmpeg -re -f lavfi -i testsrc2=/);
    assert.ok(ffmpeg.endsWith(` -f flv ${wire.ingest_server}${wire.stream_key}`), ffmpeg);
  });

  it('accepts a LivestreamRef (the panel buttons pass one)', async () => {
    const wire = await wireLivestream(SEED_IDS.erroredStream);
    assert.equal(await copyWith(Commands.copyStreamKey, ref(SEED_IDS.erroredStream)), wire.stream_key);
    assert.equal(await copyWith(Commands.copyPlaybackUrl, ref(SEED_IDS.erroredStream)), wire.playback_url);
  });

  it('resolves a ref to a livestream that is not loaded in the tree (fetched by id)', async () => {
    const state = (await control('GET', 'state')) as {
      livestreams: Array<{ id: string; name: string; app_id: string; stream_key: string }>;
    };
    // The oldest Load Test stream: page 11 of 25, never loaded by the tree.
    const oldest = state.livestreams.find((l) => l.name === 'Load Test Stream 001')!;
    assert.equal(api.getStore()!.find(oldest.id), undefined, 'precondition: not loaded');
    assert.equal(await copyWith(Commands.copyStreamKey, ref(oldest.id, SEED_IDS.bigApp)), oldest.stream_key);
  });

  it('copies nothing when the livestream has no such value', async () => {
    const items = await children(api, await appNode(api, SEED_APP_NAMES.productionApp));
    const qa = items.find((c) => label(c.item) === SEED_NAMES.invokedStream)!.node;
    for (const command of [Commands.copyStreamKey, Commands.copyIngestServer, Commands.copyRtmpUrl, Commands.copyPlaybackUrl, Commands.copyFfmpegCommand]) {
      assert.equal(await copyWith(command, qa), SENTINEL, `${command} wrote the clipboard`);
    }
    assert.equal(await copyWith(Commands.copyLivestreamId, qa), SEED_IDS.invokedStream);
  });

  it('refuses a ref of another account', async () => {
    const foreign = { accountId: 'f'.repeat(32), appId: SEED_IDS.secondAccountApp, livestreamId: SEED_IDS.secondAccountLiveStream };
    assert.equal(await copyWith(Commands.copyStreamKey, foreign), SENTINEL);
  });

  it('opens the panel for a node and for a ref (open() is called with the ref and the name)', async () => {
    const calls: Array<[LivestreamRef, string | undefined]> = [];
    const original = api.panels.open.bind(api.panels);
    api.panels.open = (r: LivestreamRef, title?: string) => {
      calls.push([r, title]);
    };
    try {
      await vscode.commands.executeCommand(Commands.openLivestream, await keynoteNode());
      await vscode.commands.executeCommand(Commands.openLivestream, ref(SEED_IDS.idleStream));
    } finally {
      api.panels.open = original;
    }
    assert.deepEqual(calls, [
      [ref(SEED_IDS.liveStream), SEED_NAMES.liveStream],
      [ref(SEED_IDS.idleStream), SEED_NAMES.idleStream],
    ]);
  });

  it('every command that takes a livestream is registered and hidden from the palette where internal', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands)) {
      assert.ok(registered.has(id), `${id} is not registered`);
    }
    const ext = vscode.extensions.getExtension('realtimekit-tools.realtimekit-livestreams')!;
    const palette = (ext.packageJSON as { contributes: { menus: { commandPalette: Array<{ command: string; when: string }> } } }).contributes.menus.commandPalette;
    assert.equal(palette.find((m) => m.command === Commands.loadMore)?.when, 'false');
    assert.equal(palette.find((m) => m.command === Commands.retry)?.when, 'false');
  });
});
