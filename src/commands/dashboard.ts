// Open App Dashboard: the app (from its tree node, a ref or `{appId}`, else a quick pick), then its
// dashboard panel, opened or revealed.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { Commands } from '../shared/commandIds';
import { registerCommand, type CommandContext } from './commandContext';
import { resolveApp } from './livestreamTarget';

export function registerDashboardCommands(ctx: CommandContext): vscode.Disposable[] {
  return [registerCommand(ctx, Commands.openAppDashboard, (arg) => openAppDashboard(ctx, arg))];
}

async function openAppDashboard(ctx: CommandContext, arg: unknown): Promise<void> {
  const app = await resolveApp(ctx, arg, l10n.t('RealtimeKit: Open App Dashboard'));
  const store = ctx.connection.store;
  if (app && store) {
    ctx.dashboards.open({ accountId: store.accountId, appId: app.id }, app.name);
  }
}
