// Every livestream command takes its target the same way: a tree node (menus, inline actions),
// a LivestreamRef (the panel's buttons, other extensions), or nothing (the palette: a quick pick
// across all apps). This file turns any of them into the livestream to act on.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { App, Livestream } from '../api/types';
import { isLivestreamRef, type LivestreamRef } from '../shared/ref';
import type { LivestreamStore } from '../store/store';
import { AppNode, LivestreamNode, LoadMoreNode, MessageNode } from '../tree/nodes';
import { readyStore, reportError, type CommandContext } from './commandContext';
import { appPickItems, livestreamPickItems, type LivestreamPick, type PickItem } from './quickPickItems';

export interface LivestreamTarget {
  readonly ref: LivestreamRef;
  readonly livestream: Livestream;
  /** True when the user chose it in a quick pick (the palette), false for a node or a ref. */
  readonly picked: boolean;
}

/**
 * Resolves a command argument to a livestream; undefined when the user cancelled or it failed
 * (already reported). `only` narrows the palette's pick (a node or a ref is taken as given).
 */
export async function resolveLivestream(ctx: CommandContext, arg: unknown, title: string, only?: (l: Livestream) => boolean): Promise<LivestreamTarget | undefined> {
  const store = await readyStore(ctx);
  if (!store) {
    return undefined;
  }
  if (arg instanceof LivestreamNode) {
    const livestream = store.find(arg.livestream.id) ?? arg.livestream;
    return { ref: arg.ref, livestream, picked: false };
  }
  if (isLivestreamRef(arg)) {
    if (arg.accountId !== store.accountId) {
      void vscode.window.showWarningMessage(
        l10n.t({ message: 'That livestream belongs to account {0}, not the selected one. Select that account first.', args: [arg.accountId], comment: ['{0} is a Cloudflare account ID'] }),
      );
      return undefined;
    }
    try {
      const livestream = await store.resolveLivestream(arg.appId, arg.livestreamId);
      return { ref: arg, livestream, picked: false };
    } catch (err) {
      reportError(ctx, `Couldn't load livestream ${arg.livestreamId}`, err);
      return undefined;
    }
  }
  const chosen = await pickLivestream(store, title, only);
  return chosen && { ...chosen, picked: true };
}

/** The app a command (Create Livestream, the dashboard, the meeting commands) is about: from a node, a ref or `{ appId }`, else a quick pick. */
export async function resolveApp(ctx: CommandContext, arg: unknown, title: string): Promise<App | undefined> {
  const store = await readyStore(ctx);
  if (!store) {
    return undefined;
  }
  const appId = appIdOf(arg);
  if (!store.getApps().value) {
    await store.loadApps();
  }
  const apps = store.getApps();
  if (!apps.value) {
    reportError(ctx, "Couldn't load apps", apps.error);
    return undefined;
  }
  if (appId) {
    const app = apps.value.find((a) => a.id === appId);
    if (!app) {
      void vscode.window.showWarningMessage(l10n.t({ message: 'App {0} is not in the selected account.', args: [appId], comment: ['{0} is a RealtimeKit app ID'] }));
    }
    return app;
  }
  if (apps.value.length === 0) {
    void vscode.window.showWarningMessage(l10n.t('This account has no RealtimeKit apps yet. Create one in the Cloudflare dashboard, then refresh.'));
    return undefined;
  }
  const items = toQuickPickItems(appPickItems(apps.value, (id) => store.getLivestreams(id)));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: l10n.t('Choose the app'), matchOnDescription: true });
  return picked?.payload;
}

function appIdOf(arg: unknown): string | undefined {
  if (arg instanceof AppNode) return arg.appId;
  if (arg instanceof LivestreamNode || arg instanceof LoadMoreNode) return arg.parent.appId;
  if (arg instanceof MessageNode) return arg.parent?.appId;
  if (isLivestreamRef(arg)) return arg.appId;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { appId?: unknown }).appId === 'string') {
    return (arg as { appId: string }).appId;
  }
  return undefined;
}

// ---- the livestream quick pick -------------------------------------------------------------------

type Item<T> = vscode.QuickPickItem & { payload?: T };

export function toQuickPickItems<T>(items: readonly PickItem<T>[]): Item<T>[] {
  return items.map((item) =>
    item.separator
      ? { label: item.label, kind: vscode.QuickPickItemKind.Separator }
      : {
          label: item.label,
          ...(item.description !== undefined ? { description: item.description } : {}),
          ...(item.detail !== undefined ? { detail: item.detail } : {}),
          ...(item.alwaysShow ? { alwaysShow: true } : {}),
          ...(item.picked ? { picked: true } : {}),
          ...(item.payload !== undefined ? { payload: item.payload } : {}),
        },
  );
}

function pickKey(payload: LivestreamPick | undefined): string | undefined {
  if (!payload) return undefined;
  return payload.kind === 'livestream' ? `ls:${payload.livestream.id}` : `${payload.kind}:${payload.appId}`;
}

/**
 * A quick pick over every app's livestreams that fills in as lists arrive: type to filter by
 * name, app or status. "Load more" items fetch the next page without closing it.
 */
export async function pickLivestream(
  store: LivestreamStore,
  title: string,
  only?: (l: Livestream) => boolean,
): Promise<{ ref: LivestreamRef; livestream: Livestream } | undefined> {
  const qp = vscode.window.createQuickPick<Item<LivestreamPick>>();
  qp.title = title;
  qp.placeholder = l10n.t('Choose a livestream (type to filter by name, app or status)');
  qp.matchOnDescription = true;
  qp.keepScrollPosition = true;
  qp.busy = true;
  const disposables: vscode.Disposable[] = [qp];

  const render = (): void => {
    const apps = store.getApps();
    if (!apps.value) {
      qp.busy = apps.loading || !apps.error;
      qp.items = apps.error
        ? [{ label: `$(warning) ${l10n.t({ message: "Couldn't load apps: {0}", args: [apps.error.message], comment: ['{0} says what went wrong'] })}`, alwaysShow: true }]
        : [];
      return;
    }
    const groups = apps.value.map((app) => ({ app, list: store.getLivestreams(app.id) }));
    const activeKey = pickKey(qp.activeItems[0]?.payload);
    const items = toQuickPickItems(livestreamPickItems(groups, Date.now(), only));
    qp.items = items;
    const active = activeKey && items.find((i) => pickKey(i.payload) === activeKey);
    if (active) qp.activeItems = [active];
    qp.busy = apps.loading || groups.some((g) => g.list.loading || (!g.list.value && !g.list.error));
  };

  const loadLists = (): void => {
    for (const app of store.getApps().value ?? []) {
      const list = store.getLivestreams(app.id);
      if (!list.value && !list.loading && !list.error) void store.loadLivestreams(app.id);
    }
  };

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { ref: LivestreamRef; livestream: Livestream } | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      for (const d of disposables) d.dispose();
    };
    disposables.push(
      store.onDidChange(() => {
        loadLists();
        render();
      }),
      qp.onDidAccept(() => {
        const payload = qp.selectedItems[0]?.payload ?? qp.activeItems[0]?.payload;
        if (!payload) return;
        if (payload.kind === 'livestream') {
          finish({ ref: { accountId: store.accountId, appId: payload.appId, livestreamId: payload.livestream.id }, livestream: payload.livestream });
          qp.hide();
        } else if (payload.kind === 'loadMore') {
          void store.loadMoreLivestreams(payload.appId);
        } else {
          void store.loadLivestreams(payload.appId);
        }
      }),
      qp.onDidHide(() => finish(undefined)),
    );
    render();
    qp.show();
    if (!store.getApps().value) {
      void store.loadApps();
    } else {
      loadLists();
    }
  });
}

/** Selects a livestream's node in the tree, if it is loaded (after a create or a palette pick). */
export async function revealLivestream(ctx: CommandContext, ref: LivestreamRef, options: { focus: boolean }): Promise<boolean> {
  const node = ctx.tree.livestreamNode(ref);
  if (!node) {
    return false;
  }
  ctx.tree.flushPendingChanges();
  try {
    await ctx.view.reveal(node, { select: true, focus: options.focus });
    return true;
  } catch (err) {
    // Not worth an error message: the action itself succeeded.
    ctx.logger.warn(`Couldn't reveal livestream ${ref.livestreamId} in the tree: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
