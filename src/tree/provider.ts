// The tree's VS Code shell: answers getTreeItem/getChildren/getParent from the store, starts the
// loads a view needs, and turns store changes into as few change events as possible. What a node
// says lives in model.ts, when to tell VS Code in changes.ts, node identity in nodeCache.ts.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Connection } from '../connection/connection';
import { Commands } from '../shared/commandIds';
import type { LivestreamRef } from '../shared/ref';
import { presentStatus } from '../shared/status';
import { NOT_LOADED } from '../store/loadable';
import type { LivestreamStore, StoreChange } from '../store/store';
import type { LivestreamWatcher } from '../store/watcher';
import { childrenSignature, nodesToRefresh, ROOT, type Rendering } from './changes';
import { appChildren, rootChildren } from './children';
import { statusUri } from './decorations';
import type { TreeFilter } from './filter';
import * as model from './model';
import { NodeCache } from './nodeCache';
import { toTreeItem } from './treeItem';
import { AppNode, LivestreamNode, MessageNode, type TreeNode } from './nodes';

/** Apps whose first page is fetched as soon as the apps are known (counts, badge, polling). */
export const PREFETCH_APPS = 20;

export class LivestreamTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after the badge or the view description may have changed (the live count, the filter). */
  private readonly viewChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeView = this.viewChanged.event;

  private readonly nodes = new NodeCache();
  private store: LivestreamStore | undefined;
  private storeSubscription: vscode.Disposable | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Keys (ROOT or an app id) something happened to since the last flush, and whether forced. */
  private pending = new Map<string, boolean>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** What VS Code was last given, per key. */
  private rendered = new Map<string, Rendering>();
  /** Apps whose "Load more" is running (shown as "Loading more…"). */
  private loadingMore = new Set<string>();
  /** Callers waiting for VS Code to draw a livestream's row again (see whenRedrawn). */
  private redrawWaiters = new Map<string, Array<() => void>>();

  constructor(
    private readonly connection: Connection,
    private readonly filter: TreeFilter,
    private readonly watcher: Pick<LivestreamWatcher, 'info' | 'isWatching' | 'onDidChange'>,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions.push(
      connection.onDidChange(() => this.onConnectionChanged()),
      filter.onDidChange(() => this.onFilterChanged()),
      // Which app a watch started or ended in is not said: let each shown app compare.
      watcher.onDidChange(() => [...this.rendered.keys()].filter((k) => k !== ROOT).forEach((k) => this.schedule(k))),
    );
    this.onConnectionChanged();
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'app': {
        const description = this.appItem(node);
        this.remember(node.appId, { item: this.appItemSignature(node) });
        return toTreeItem(node.id, description);
      }
      case 'livestream': {
        this.redrawn(node.livestream.id);
        const item = toTreeItem(node.id, model.livestreamItem(node.livestream, this.now(), this.watcher.info(node.livestream.id)));
        if (presentStatus(node.livestream.status).labelColor) {
          item.resourceUri = statusUri(node.livestream.status, node.livestream.id);
        }
        item.command = { command: Commands.openLivestream, title: l10n.t('Open Livestream'), arguments: [node.ref] };
        return item;
      }
      case 'loadMore': {
        const item = toTreeItem(node.id, node.item);
        item.command = { command: Commands.loadMore, title: l10n.t('Load More'), arguments: [node] };
        return item;
      }
      case 'message': {
        const item = toTreeItem(node.id, node.item);
        if (node.action) {
          const command = node.action === 'createLivestream' ? Commands.createLivestream : Commands.retry;
          item.command = { command, title: node.action === 'createLivestream' ? l10n.t('Create Livestream') : l10n.t('Retry'), arguments: [node] };
        }
        return item;
      }
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return this.rootChildren();
    }
    return node.kind === 'app' ? this.appChildren(node) : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'app' ? undefined : node.parent;
  }

  // ---- queries for commands and tests ------------------------------------------------------------

  get statusFilter(): TreeFilter['current'] {
    return this.filter.current;
  }

  /** The node of a loaded livestream (created if the tree has not shown it yet), for reveal(). */
  livestreamNode(ref: LivestreamRef): LivestreamNode | undefined {
    const store = this.store;
    if (!store || ref.accountId !== store.accountId) {
      return undefined;
    }
    const app = store.getApps().value?.find((a) => a.id === ref.appId);
    const livestream = store.getLivestreams(ref.appId, this.filter.current).value?.items.find((l) => l.id === ref.livestreamId);
    return app && livestream ? this.nodes.livestream(this.nodes.app(store.accountId, app), livestream) : undefined;
  }

  /** Loads the next page of an app, showing "Loading more…" meanwhile. */
  async loadMore(appId: string): Promise<void> {
    const store = this.store;
    if (!store) {
      return;
    }
    this.loadingMore.add(appId);
    this.schedule(appId);
    try {
      await store.loadMoreLivestreams(appId, this.filter.current);
    } finally {
      this.loadingMore.delete(appId);
      this.schedule(appId);
    }
  }

  /**
   * Sends pending change events now. Call before `TreeView.reveal()` of something just loaded:
   * reveal waits for refreshes VS Code already knows about, not for ones still queued here.
   */
  flushPendingChanges(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flush();
    }
  }

  /**
   * Resolves once VS Code has drawn the livestream's row again (after the change events queued
   * now), or after `timeoutMs` when it does not (the view is hidden, the app collapsed): so a
   * notification can appear when the tree already shows what it says.
   */
  whenRedrawn(livestreamId: string, timeoutMs = 1000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      const waiting = this.redrawWaiters.get(livestreamId) ?? [];
      waiting.push(done);
      this.redrawWaiters.set(livestreamId, waiting);
      this.flushPendingChanges();
    });
  }

  private redrawn(livestreamId: string): void {
    const waiting = this.redrawWaiters.get(livestreamId);
    if (waiting) {
      this.redrawWaiters.delete(livestreamId);
      waiting.forEach((resolve) => resolve());
    }
  }

  /** LIVE livestreams among those loaded: the view badge and the status bar. */
  liveCount(): number {
    return this.store?.liveCount() ?? 0;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.storeSubscription?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.viewChanged.dispose();
  }

  // ---- children ----------------------------------------------------------------------------------

  private async rootChildren(): Promise<TreeNode[]> {
    const state = await this.connection.resolve();
    const store = this.connection.store;
    if (state !== 'ready' || !store) {
      // Empty: VS Code shows the welcome content for the state.
      return [];
    }
    if (!store.getApps().value && !store.getApps().error) {
      await store.loadApps();
    }
    const apps = store.getApps();
    if (this.connection.store !== store || apps.error?.kind === 'auth') {
      return [];
    }
    const children = rootChildren(apps);
    this.remember(ROOT, { children: childrenSignature(children, this.watched) });
    return children.map((child) => this.toNode(store, undefined, child));
  }

  /** Never waits: until the list is in, a "Loading" row; the load's change event brings the rows. */
  private appChildren(node: AppNode): TreeNode[] {
    const store = this.store;
    if (!store || node.accountId !== store.accountId) {
      return [];
    }
    const list = store.getLivestreams(node.appId, this.filter.current);
    if (!list.value && !list.loading && !list.error) {
      void store.loadLivestreams(node.appId, { filter: this.filter.current });
    }
    const children = this.appChildDescriptions(node.appId);
    this.remember(node.appId, { children: childrenSignature(children, this.watched) });
    return children.map((child) => this.toNode(store, node, child));
  }

  private appChildDescriptions(appId: string): model.ChildDescription[] {
    const list = this.store?.getLivestreams(appId, this.filter.current);
    return list ? appChildren(appId, list, this.filter.current, this.loadingMore.has(appId)) : [];
  }

  private appItem(node: AppNode): model.ItemDescription {
    const store = this.store;
    const onlyApp = (store?.getApps().value?.length ?? 0) === 1;
    const list = store?.getLivestreams(node.appId, this.filter.current);
    return model.appItem(node.app, list ?? NOT_LOADED, this.filter.current, onlyApp);
  }

  private appItemSignature(node: AppNode): string {
    const item = this.appItem(node);
    // The spoken sentence too: after Load more it counts more loaded livestreams, the description not.
    return JSON.stringify([item.label, item.description, item.accessibilityLabel]);
  }

  /** First pages of the first apps, so counts, the badge and polling know about LIVE streams early. */
  private prefetch(store: LivestreamStore): void {
    for (const app of (store.getApps().value ?? []).slice(0, PREFETCH_APPS)) {
      const list = store.getLivestreams(app.id, this.filter.current);
      if (!list.value && !list.loading && !list.error) {
        void store.loadLivestreams(app.id, { filter: this.filter.current });
      }
    }
  }

  private toNode(store: LivestreamStore, parent: AppNode | undefined, child: model.ChildDescription): TreeNode {
    switch (child.kind) {
      case 'app':
        return this.nodes.app(store.accountId, child.app);
      case 'livestream':
        return this.nodes.livestream(parent as AppNode, child.livestream);
      case 'loadMore':
        return this.nodes.loadMore(parent as AppNode, child.item);
      case 'message':
        return new MessageNode(parent, child.key, child.item, child.action);
    }
  }

  // ---- change propagation --------------------------------------------------------------------------

  private onConnectionChanged(): void {
    const store = this.connection.store;
    if (store !== this.store) {
      this.storeSubscription?.dispose();
      this.store = store;
      this.storeSubscription = store?.onDidChange((change) => this.onStoreChanged(change));
      this.forget();
    }
    // State changes alter everything (or empty the tree for the welcome content).
    this.schedule(ROOT, true);
    this.viewChanged.fire();
  }

  private onFilterChanged(): void {
    this.rendered.clear();
    if (this.store) this.prefetch(this.store);
    this.schedule(ROOT, true);
    this.viewChanged.fire();
  }

  private onStoreChanged(change: StoreChange): void {
    switch (change.kind) {
      case 'reset':
        this.forget();
        this.schedule(ROOT, true);
        break;
      case 'apps':
        if (this.store) this.prefetch(this.store);
        this.schedule(ROOT);
        break;
      case 'livestreams':
        if (change.filter === this.filter.current) this.schedule(change.appId);
        break;
      default:
        return;
    }
    this.viewChanged.fire();
  }

  private readonly watched = (livestreamId: string): boolean => this.watcher.isWatching(livestreamId);

  private forget(): void {
    this.nodes.clear();
    this.rendered.clear();
  }

  private remember(key: string, part: Rendering): void {
    this.rendered.set(key, { ...this.rendered.get(key), ...part });
  }

  /** Coalesces bursts (a load starting and ending, prefetches) into one flush per turn. */
  private schedule(key: string, force = false): void {
    this.pending.set(key, (this.pending.get(key) ?? false) || force);
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = new Map();
    const refresh = nodesToRefresh(pending, this.rendered, (key) => this.currentRendering(key));
    if (refresh === 'all') {
      this.changed.fire(undefined);
      return;
    }
    const nodes = refresh.map((appId) => this.nodes.knownApp(appId)).filter((n): n is AppNode => n !== undefined);
    if (nodes.length > 0) {
      this.changed.fire(nodes);
    }
  }

  private currentRendering(key: string): Rendering {
    const store = this.store;
    if (key === ROOT) {
      return { children: store ? childrenSignature(rootChildren(store.getApps()), this.watched) : '' };
    }
    const node = this.nodes.knownApp(key);
    return { children: childrenSignature(this.appChildDescriptions(key), this.watched), ...(node ? { item: this.appItemSignature(node) } : {}) };
  }
}
