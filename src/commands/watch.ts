// Watch Until Live / Stop Watching, and what a watched livestream's transitions tell the user:
// one notification per transition (per realtimekit.notifications), whose buttons open the panel
// or copy the playback URL. The watching itself is store/watcher.ts's.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from '../shared/commandIds';
import { presentStatus } from '../shared/status';
import type { LivestreamRef } from '../shared/ref';
import type { Transition } from '../store/watcher';
import { confirm, registerCommand, type CommandContext } from './commandContext';
import { resolveLivestream } from './livestreamTarget';
import { noticeActionLabel, noticeFor, type NoticeAction } from './watchNotices';

export function registerWatchCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.watchLivestream, (arg) => watchLivestream(ctx, arg)),
    registerCommand(ctx, Commands.stopWatching, (arg) => stopWatching(ctx, arg)),
    ctx.watcher.onDidTransition((t) => void tell(ctx, t)),
    ctx.watcher.onDidChange(() => void vscode.commands.executeCommand('setContext', 'realtimekit.watching', ctx.watcher.list().length > 0)),
  ];
}

async function watchLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Watch Until Live'));
  if (!target) {
    return;
  }
  ctx.watcher.watch(target.ref, target.livestream.name);
  confirm(l10n.t({ message: 'Watching “{0}” until it goes LIVE', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }));
}

async function stopWatching(ctx: CommandContext, arg: unknown): Promise<void> {
  const watched = ctx.watcher.list();
  const id = typeof arg === 'object' && arg !== null ? livestreamIdOf(arg) : undefined;
  let chosen = id ? watched.find((w) => w.ref.livestreamId === id) : watched.length === 1 ? watched[0] : undefined;
  if (!chosen && !id && watched.length > 1) {
    const picked = await vscode.window.showQuickPick(
      watched.map((w) => ({ label: `$(eye) ${w.name}`, description: w.status ? presentStatus(w.status).label : '', watch: w })),
      { title: l10n.t('RealtimeKit: Stop Watching'), placeHolder: l10n.t('Which livestream to stop watching') },
    );
    chosen = picked?.watch;
  }
  if (!chosen) {
    if (watched.length === 0) void vscode.window.showInformationMessage(l10n.t('No livestream is being watched.'));
    return;
  }
  ctx.watcher.unwatch(chosen.ref.livestreamId);
  confirm(l10n.t({ message: 'Stopped watching “{0}”', args: [chosen.name], comment: ['{0} is the name of a livestream'] }));
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
  // Each button's label computed once, and the choice compared against that same (translated) label.
  const buttons = notice.actions.map((action) => ({ action, label: noticeActionLabel(action) }));
  const choice = await show(notice.message, ...buttons.map((b) => b.label));
  const action = buttons.find((b) => b.label === choice)?.action;
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
