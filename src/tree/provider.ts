// The thin shell around tree/model.ts: keeps one node instance per app/livestream (so change
// events and reveal() find what VS Code knows), loads on demand through the store, and turns
// model descriptions into TreeItems. All decisions about what a node says live in the model.
import * as vscode from 'vscode';
import type { Connection } from '../connection/connection';
import { Commands } from '../shared/commandIds';
import type { LivestreamRef } from '../shared/ref';
import type { Loadable, LivestreamList, LivestreamStore, StoreChange } from '../store/store';
import * as model from './model';
import { AppNode, LivestreamNode, LoadMoreNode, MessageNode, type TreeNode } from './nodes';

/** Apps whose first page is fetched as soon as the apps are known (counts, badge, polling). */
export const PREFETCH_APPS = 20;

/** The scheme of the resourceUri that lets LivestreamDecorations colour LIVE and ERRORED labels. */
export const STATUS_SCHEME = 'realtimekit-status';

export class LivestreamTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Fires after the badge or the view description may have changed (the live count, the filter). */
  private readonly viewChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeView = this.viewChanged.event;

  private appNodes = new Map<string, AppNode>();
  private livestreamNodes = new Map<string, LivestreamNode>();
  private loadMoreNodes = new Map<string, LoadMoreNode>();
  private store: LivestreamStore | undefined;
  private storeSubscription: vscode.Disposable | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Nodes (undefined = the root) whose change events wait for the next flush, and whether forced. */
  private pending = new Map<AppNode | undefined, boolean>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** What VS Code was last given: each app's item, and the children of the root (key '') and of apps (itemSignature, childrenSignature). */
  private renderedItems = new Map<string, string>();
  private renderedChildren = new Map<string, string>();
  /** Apps whose "Load more" is running (shown as "Loading more…"). */
  private loadingMore = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions.push(connection.onDidChange(() => this.onSessionChanged()));
    this.onSessionChanged();
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'app': {
        const store = this.store;
        const list = store?.getLivestreams(node.appId) ?? EMPTY_LIST;
        const onlyApp = (store?.getApps().value?.length ?? 0) === 1;
        this.renderedItems.set(node.appId, this.itemSignature(node, list));
        return toTreeItem(node.id, model.appItem(node.app, list, this.connection.statusFilter, onlyApp));
      }
      case 'livestream': {
        const item = toTreeItem(node.id, model.livestreamItem(node.livestream, this.now()));
        if (model.statusStyle(node.livestream.status).labelColor) {
          item.resourceUri = statusUri(node.livestream.status, node.livestream.id);
        }
        item.command = { command: Commands.openLivestream, title: 'Open Livestream', arguments: [node.ref] };
        return item;
      }
      case 'loadMore': {
        const item = toTreeItem(node.id, node.item);
        item.command = { command: Commands.loadMore, title: 'Load More', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = toTreeItem(node.id, node.item);
        if (node.action) {
          const command = node.action === 'createLivestream' ? Commands.createLivestream : Commands.retry;
          item.command = { command, title: node.action === 'createLivestream' ? 'Create Livestream' : 'Retry', arguments: [node] };
        }
        return item;
      }
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return this.rootChildren();
    }
    if (node.kind === 'app') {
      return this.appChildren(node);
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'app' ? undefined : node.parent;
  }

  // ---- queries for commands and tests ------------------------------------------------------------

  /** The node of a loaded livestream (created if the tree has not shown it yet), for reveal(). */
  livestreamNode(ref: LivestreamRef): LivestreamNode | undefined {
    const store = this.store;
    if (!store || ref.accountId !== store.accountId) {
      return undefined;
    }
    const app = store.getApps().value?.find((a) => a.id === ref.appId);
    const livestream = store.getLivestreams(ref.appId).value?.items.find((l) => l.id === ref.livestreamId);
    if (!app || !livestream) {
      return undefined;
    }
    return this.livestreamNodeFor(this.appNodeFor(store.accountId, app), livestream);
  }

  /** Loads the next page of an app, showing "Loading more…" meanwhile. */
  async loadMore(appId: string): Promise<void> {
    const store = this.store;
    if (!store) {
      return;
    }
    this.loadingMore.add(appId);
    this.scheduleApp(appId);
    try {
      await store.loadMoreLivestreams(appId);
    } finally {
      this.loadingMore.delete(appId);
      this.scheduleApp(appId);
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

  /** LIVE livestreams among those loaded: the view badge. */
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
    this.renderedChildren.set(ROOT, this.childrenSignature(undefined));
    return model.rootChildren(apps).map((child) => this.toNode(store, undefined, child));
  }

  private async appChildren(node: AppNode): Promise<TreeNode[]> {
    const store = this.store;
    if (!store || node.accountId !== store.accountId) {
      return [];
    }
    const before = store.getLivestreams(node.appId);
    if (!before.value && !before.error) {
      await store.loadLivestreams(node.appId);
    }
    const list = store.getLivestreams(node.appId);
    this.renderedChildren.set(node.appId, this.childrenSignature(node));
    return model
      .appChildren(node.appId, list, this.connection.statusFilter, this.loadingMore.has(node.appId))
      .map((child) => this.toNode(store, node, child));
  }

  /** First pages of the first apps, so counts, the badge and polling know about LIVE streams early. */
  private prefetch(store: LivestreamStore): void {
    for (const app of (store.getApps().value ?? []).slice(0, PREFETCH_APPS)) {
      const list = store.getLivestreams(app.id);
      if (!list.value && !list.loading && !list.error) {
        void store.loadLivestreams(app.id);
      }
    }
  }

  private toNode(store: LivestreamStore, parent: AppNode | undefined, child: model.ChildDescription): TreeNode {
    switch (child.kind) {
      case 'app':
        return this.appNodeFor(store.accountId, child.app);
      case 'livestream':
        return this.livestreamNodeFor(parent as AppNode, child.livestream);
      case 'loadMore': {
        const owner = parent as AppNode;
        let node = this.loadMoreNodes.get(owner.appId);
        if (!node || node.parent !== owner) {
          node = new LoadMoreNode(owner, child.item);
          this.loadMoreNodes.set(owner.appId, node);
        }
        node.item = child.item;
        return node;
      }
      case 'message':
        return new MessageNode(parent, child.key, child.item, child.action);
    }
  }

  private appNodeFor(accountId: string, app: AppNode['app']): AppNode {
    let node = this.appNodes.get(app.id);
    if (!node || node.accountId !== accountId) {
      node = new AppNode(accountId, app);
      this.appNodes.set(app.id, node);
    }
    node.app = app;
    return node;
  }

  private livestreamNodeFor(parent: AppNode, livestream: LivestreamNode['livestream']): LivestreamNode {
    let node = this.livestreamNodes.get(livestream.id);
    if (!node || node.parent !== parent) {
      node = new LivestreamNode(parent, livestream);
      this.livestreamNodes.set(livestream.id, node);
    }
    node.livestream = livestream;
    return node;
  }

  // ---- change propagation --------------------------------------------------------------------------

  private onSessionChanged(): void {
    const store = this.connection.store;
    if (store !== this.store) {
      this.storeSubscription?.dispose();
      this.store = store;
      this.storeSubscription = store?.onDidChange((change) => this.onStoreChanged(change));
      this.forgetNodes();
    }
    // State and filter changes alter everything (or empty the tree for the welcome content).
    this.schedule(undefined, true);
    this.viewChanged.fire();
  }

  private onStoreChanged(change: StoreChange): void {
    switch (change.kind) {
      case 'reset':
        this.forgetNodes();
        this.schedule(undefined, true);
        break;
      case 'apps':
        if (this.store) this.prefetch(this.store);
        this.schedule(undefined);
        break;
      case 'livestreams':
        this.scheduleApp(change.appId);
        break;
      default:
        return;
    }
    this.viewChanged.fire();
  }

  private scheduleApp(appId: string): void {
    const node = this.appNodes.get(appId);
    // An app the tree has not shown yet has nothing to refresh.
    if (node) this.schedule(node);
  }

  private forgetNodes(): void {
    this.appNodes.clear();
    this.livestreamNodes.clear();
    this.loadMoreNodes.clear();
    this.renderedItems.clear();
    this.renderedChildren.clear();
  }

  /**
   * What a node shows, minus the clock: its item, and its children as data. A change event is
   * sent only when one differs from what VS Code was last given: every event makes VS Code drop
   * and re-request the node's children (a context menu open on one of them closes, and its
   * command loses its argument). So loads that change nothing (a poll, a load starting) stay silent.
   */
  private itemSignature(node: AppNode, list: Loadable<LivestreamList>): string {
    return JSON.stringify([node.app.name, model.appDescription(list, this.connection.statusFilter)]);
  }

  private childrenSignature(node: AppNode | undefined): string {
    const store = this.store;
    if (!store) {
      return '';
    }
    const filter = this.connection.statusFilter;
    if (!node) {
      const apps = store.getApps();
      return JSON.stringify([apps.value?.map((a) => [a.id, a.name]), apps.error?.message, filter]);
    }
    const list = store.getLivestreams(node.appId);
    const children = model.appChildren(node.appId, list, filter, this.loadingMore.has(node.appId)).map((c) =>
      c.kind === 'livestream'
        ? [c.livestream.id, model.livestreamContextValue(c.livestream), c.livestream.name, c.livestream.createdAt, c.livestream.updatedAt]
        : c.kind === 'app'
          ? [c.app.id]
          : [c.item.label, c.item.description],
    );
    return JSON.stringify(children);
  }

  /** True when the node's item or its shown children differ from what VS Code has. */
  private changedSinceRendered(node: AppNode | undefined): boolean {
    const key = node ? node.appId : ROOT;
    const children = this.renderedChildren.get(key);
    if (children !== undefined && children !== this.childrenSignature(node)) {
      return true;
    }
    if (!node) {
      return children === undefined;
    }
    const store = this.store;
    return !!store && this.renderedItems.get(key) !== this.itemSignature(node, store.getLivestreams(node.appId));
  }

  /** Coalesces bursts (a load starting and ending, prefetches) into one event per turn, sent only for real changes. */
  private schedule(node: AppNode | undefined, force = false): void {
    this.pending.set(node, (this.pending.get(node) ?? false) || force);
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = new Map();
    const changed = (node: AppNode | undefined): boolean => pending.get(node) === true || this.changedSinceRendered(node);
    if (pending.has(undefined) && changed(undefined)) {
      this.changed.fire(undefined);
      return;
    }
    const nodes = [...pending.keys()].filter((n): n is AppNode => n !== undefined && this.appNodes.get(n.appId) === n && changed(n));
    if (nodes.length > 0) {
      this.changed.fire(nodes);
    }
  }
}

/** The key of the root in `rendered`. */
const ROOT = '';

const EMPTY_LIST = { value: undefined, loading: false, error: undefined, loadedAt: undefined } as const;

function toTreeItem(id: string, description: model.ItemDescription): vscode.TreeItem {
  const item = new vscode.TreeItem(description.label, COLLAPSIBLE[description.collapsible]);
  item.id = id;
  if (description.description !== undefined) item.description = description.description;
  item.iconPath = description.icon.color
    ? new vscode.ThemeIcon(description.icon.id, new vscode.ThemeColor(description.icon.color))
    : new vscode.ThemeIcon(description.icon.id);
  item.contextValue = description.contextValue;
  if (description.tooltip) {
    const tooltip = new vscode.MarkdownString(description.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
  }
  return item;
}

const COLLAPSIBLE: Record<model.Collapsible, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

function statusUri(status: string, livestreamId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: STATUS_SCHEME, path: `/${encodeURIComponent(status)}/${encodeURIComponent(livestreamId)}` });
}

/** Colours the labels of LIVE and ERRORED livestreams (a TreeItem label has no colour of its own). */
export class LivestreamDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== STATUS_SCHEME) {
      return undefined;
    }
    const status = decodeURIComponent(uri.path.split('/')[1] ?? '');
    const color = model.statusStyle(status).labelColor;
    return color ? new vscode.FileDecoration(undefined, undefined, new vscode.ThemeColor(color)) : undefined;
  }
}

/** Badge, description and message of the view: the LIVE count and the active filter. */
export function bindViewDecorations(view: vscode.TreeView<TreeNode>, provider: LivestreamTreeProvider, connection: Connection): vscode.Disposable {
  const update = (): void => {
    view.badge = model.viewBadge(provider.liveCount());
    view.description = model.viewDescription(connection.statusFilter);
    view.message = connection.state === 'ready' ? model.viewMessage(connection.statusFilter) : undefined;
  };
  update();
  return provider.onDidChangeView(update);
}
