// Watch Until Live / Stop Watching, and what a watched livestream's transitions tell the user:
// one notification per transition (per realtimekit.notifications), whose buttons open the panel
// or copy the playback URL. The watching itself is store/watcher.ts's.
import * as vscode from 'vscode';
import { Commands } from '../shared/commandIds';
import type { LivestreamRef } from '../shared/ref';
import type { Transition } from '../store/watcher';
import { confirm, registerCommand, type CommandContext } from './commandContext';
import { resolveLivestream } from './livestreamTarget';
import { NOTICE_ACTION_LABELS, noticeFor, type NoticeAction } from './watchNotices';

export function registerWatchCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.watchLivestream, (arg) => watchLivestream(ctx, arg)),
    registerCommand(ctx, Commands.stopWatching, (arg) => stopWatching(ctx, arg)),
    ctx.watcher.onDidTransition((t) => void tell(ctx, t)),
    ctx.watcher.onDidChange(() => void vscode.commands.executeCommand('setContext', 'realtimekit.watching', ctx.watcher.list().length > 0)),
  ];
}

async function watchLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, 'RealtimeKit: Watch Until Live');
  if (!target) {
    return;
  }
  ctx.watcher.watch(target.ref, target.livestream.name);
  confirm(`Watching “${target.livestream.name}” until it goes LIVE`);
}

async function stopWatching(ctx: CommandContext, arg: unknown): Promise<void> {
  const watched = ctx.watcher.list();
  const id = typeof arg === 'object' && arg !== null ? livestreamIdOf(arg) : undefined;
  let chosen = id ? watched.find((w) => w.ref.livestreamId === id) : watched.length === 1 ? watched[0] : undefined;
  if (!chosen && !id && watched.length > 1) {
    const picked = await vscode.window.showQuickPick(
      watched.map((w) => ({ label: `$(eye) ${w.name}`, description: w.status ?? '', watch: w })),
      { title: 'RealtimeKit: Stop Watching', placeHolder: 'Which livestream to stop watching' },
    );
    chosen = picked?.watch;
  }
  if (!chosen) {
    if (watched.length === 0) void vscode.window.showInformationMessage('No livestream is being watched.');
    return;
  }
  ctx.watcher.unwatch(chosen.ref.livestreamId);
  confirm(`Stopped watching “${chosen.name}”`);
}

function livestreamIdOf(arg: object): string | undefined {
  const record = arg as { livestreamId?: unknown; livestream?: { id?: unknown } };
  if (typeof record.livestreamId === 'string') return record.livestreamId;
  return typeof record.livestream?.id === 'string' ? record.livestream.id : undefined;
}

async function tell(ctx: CommandContext, transition: Transition): Promise<void> {
  ctx.logger.info(`Watched livestream ${transition.watch.ref.livestreamId}: ${transition.kind}.`);
  const notice = noticeFor(transition, ctx.connection.settings.notifications);
  if (!notice) {
    return;
  }
  // Said when the tree already shows it (VS Code redraws a changed row a moment later).
  if (ctx.view.visible) {
    await ctx.tree.whenRedrawn(transition.watch.ref.livestreamId);
  }
  const show = notice.severity === 'error' ? vscode.window.showErrorMessage : notice.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const labels = notice.actions.map((a) => NOTICE_ACTION_LABELS[a]);
  const choice = await show(notice.message, ...labels);
  const action = notice.actions.find((a) => NOTICE_ACTION_LABELS[a] === choice);
  if (action) {
    await act(action, transition.watch.ref);
  }
}

function act(action: NoticeAction, ref: LivestreamRef): Thenable<unknown> {
  switch (action) {
    case 'openPanel':
    case 'showDetails':
      return vscode.commands.executeCommand(Commands.openLivestream, ref);
    case 'copyPlaybackUrl':
      return vscode.commands.executeCommand(Commands.copyPlaybackUrl, ref);
  }
}
