// The view's own commands: refresh, status filter, load more, retry, logs.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isLivestreamRef } from '../shared/ref';
import type { KnownStatus } from '../shared/status';
import type { ListFilter, LivestreamStore } from '../store/store';
import { AppNode, LivestreamNode, LoadMoreNode, MessageNode } from '../tree/nodes';
import { readyStore, registerCommand, type CommandContext } from './commandContext';
import { Commands, TREE_VIEW_ID } from '../shared/commandIds';
import { statusFilterItems } from './quickPickItems';
import { toQuickPickItems } from './livestreamTarget';

export function registerViewCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.refresh, (arg) => refresh(ctx, arg)),
    registerCommand(ctx, Commands.filterByStatus, () => filterByStatus(ctx)),
    registerCommand(ctx, Commands.clearFilter, () => setFilter(ctx, undefined)),
    registerCommand(ctx, Commands.loadMore, (arg) => loadMore(ctx, arg)),
    registerCommand(ctx, Commands.retry, (arg) => retry(ctx, arg)),
    registerCommand(ctx, Commands.showLogs, () => ctx.log.show(true)),
  ];
}

/** With an app or livestream (node or ref): that app's list. Without: the apps and every list loaded. */
async function refresh(ctx: CommandContext, arg: unknown): Promise<void> {
  if (ctx.connection.state === 'authFailed') {
    // "Retry" from the welcome content: the token may work again (or was fixed on the dashboard).
    await ctx.connection.clearAuthFailure();
    return;
  }
  const store = await readyStore(ctx);
  if (!store) {
    return;
  }
  const appId = arg instanceof AppNode ? arg.appId : arg instanceof LivestreamNode ? arg.parent.appId : isLivestreamRef(arg) ? arg.appId : undefined;
  await vscode.window.withProgress({ location: { viewId: TREE_VIEW_ID } }, async () => {
    const filter = ctx.filter.current;
    await (appId ? store.loadLivestreams(appId, { filter }) : Promise.all([refreshAll(store, filter), ctx.panels.refreshAll(), ctx.dashboards.refreshAll()]));
  });
  ctx.autoRefresh.restart();
}

/** The apps, and every list of the tree's filter that was loaded (or failed) before. */
export async function refreshAll(store: LivestreamStore, filter: ListFilter): Promise<void> {
  await store.loadApps();
  const apps = store.getApps().value ?? [];
  await Promise.all(
    apps
      .filter((app) => {
        const list = store.getLivestreams(app.id, filter);
        return list.value !== undefined || list.error !== undefined;
      })
      .map((app) => store.loadLivestreams(app.id, { filter })),
  );
}

async function filterByStatus(ctx: CommandContext): Promise<void> {
  const picked = await vscode.window.showQuickPick(toQuickPickItems(statusFilterItems(ctx.filter.current)), {
    title: l10n.t('RealtimeKit: Filter by Status'),
    placeHolder: l10n.t('Show only livestreams with this status'),
  });
  if (picked && picked.payload !== undefined) {
    await setFilter(ctx, picked.payload ?? undefined);
  }
}

function setFilter(ctx: CommandContext, status: KnownStatus | undefined): Promise<void> {
  return ctx.filter.set(status);
}

function loadMore(ctx: CommandContext, arg: unknown): Promise<void> | undefined {
  const appId = arg instanceof LoadMoreNode ? arg.parent.appId : arg instanceof AppNode ? arg.appId : typeof arg === 'string' ? arg : undefined;
  return appId ? ctx.tree.loadMore(appId) : undefined;
}

function retry(ctx: CommandContext, arg: unknown): Promise<void> | undefined {
  const store = ctx.connection.store;
  if (!store) {
    return undefined;
  }
  if (arg instanceof MessageNode && arg.action === 'retryLivestreams' && arg.parent) {
    return store.loadLivestreams(arg.parent.appId, { filter: ctx.filter.current });
  }
  return refreshAll(store, ctx.filter.current);
}
