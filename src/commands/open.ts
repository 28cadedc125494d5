// Open Livestream... (the details panel; from the palette it also reveals the node) and
// Open Playback URL (the system browser, through env.openExternal).
import * as vscode from 'vscode';
import { registerCommand, type CommandContext } from './context';
import { Commands } from './ids';
import { resolveLivestream, revealLivestream } from './target';
import { playbackOutcome } from './values';

export function registerOpenCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.openLivestream, (arg) => openLivestream(ctx, arg)),
    registerCommand(ctx, Commands.openPlaybackUrl, (arg) => openPlaybackUrl(ctx, arg)),
  ];
}

async function openLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, 'RealtimeKit: Open Livestream');
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
  const target = await resolveLivestream(ctx, arg, 'RealtimeKit: Open Playback URL');
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
