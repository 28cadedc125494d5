// Open Livestream... (the details panel; from the palette it also reveals the node), Open
// Playback URL (the system browser, through env.openExternal) and Preview Playback (in the editor).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { readyStore, registerCommand, type CommandContext } from './commandContext';
import { Commands } from '../shared/commandIds';
import { liveLivestreamPickItems, type LivestreamPick } from './quickPickItems';
import { resolveLivestream, revealLivestream, toQuickPickItems } from './livestreamTarget';
import { playbackOutcome } from '../shared/credentials';

export function registerOpenCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.openLivestream, (arg) => openLivestream(ctx, arg)),
    registerCommand(ctx, Commands.openPlaybackUrl, (arg) => openPlaybackUrl(ctx, arg)),
    registerCommand(ctx, Commands.previewPlayback, (arg) => previewPlayback(ctx, arg)),
    registerCommand(ctx, Commands.openLiveLivestream, () => openLiveLivestream(ctx)),
  ];
}

/** The status bar item's click: choose among the LIVE livestreams the tree knows, then open it. */
async function openLiveLivestream(ctx: CommandContext): Promise<void> {
  const store = await readyStore(ctx);
  if (!store) {
    return;
  }
  const items = toQuickPickItems(liveLivestreamPickItems(store.getApps().value ?? [], store.allLoaded(), Date.now()));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No livestream is LIVE right now.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: l10n.t('RealtimeKit: LIVE Livestreams'),
    placeHolder: l10n.t('Choose a LIVE livestream to open'),
    matchOnDescription: true,
  });
  const payload: LivestreamPick | undefined = picked?.payload;
  if (payload?.kind === 'livestream') {
    const ref = { accountId: store.accountId, appId: payload.appId, livestreamId: payload.livestream.id };
    ctx.panels.open(ref, payload.livestream.name);
    await revealLivestream(ctx, ref, { focus: false });
  }
}

async function openLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Open Livestream'));
  if (!target) {
    return;
  }
  ctx.panels.open(target.ref, target.livestream.name);
  if (target.picked) {
    // Selected, not focused: the panel keeps the focus.
    await revealLivestream(ctx, target.ref, { focus: false });
  }
}

async function openPlaybackUrl(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Open Playback URL'));
  if (!target) {
    return;
  }
  const outcome = playbackOutcome(target.livestream);
  if (!outcome.ok) {
    void vscode.window.showWarningMessage(outcome.message);
    return;
  }
  ctx.logger.info(`Opening the playback URL of livestream ${target.livestream.id}.`);
  await vscode.env.openExternal(vscode.Uri.parse(outcome.url));
}

async function previewPlayback(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Preview Playback'));
  if (!target) {
    return;
  }
  const outcome = playbackOutcome(target.livestream);
  if (!outcome.ok) {
    void vscode.window.showWarningMessage(outcome.message);
    return;
  }
  ctx.previews.show(target.ref, target.livestream);
}
