// One app dashboard's behaviour, without `vscode`: which store entries it shows (the range's days
// and totals, the app's LIVE and ERRORED lists), when it loads them, what it posts to its webview
// and how it answers the webview's messages. manager.ts is its VS Code shell; unit tests drive it
// with a real LivestreamStore over the fake API.
import {
  parseDashboardMessage,
  type DashboardCommand,
  type DashboardInbound,
  type DashboardOutbound,
  type DashboardState,
  type DashboardView,
  type RangeDays,
} from '../contract/appDashboard';
import type { Disposable } from '../shared/emitter';
import type { Logger } from '../shared/log';
import type { AppRef } from '../shared/ref';
import type { KnownStatus } from '../shared/status';
import { NOT_LOADED, type Loadable } from '../store/loadable';
import type { LivestreamStore, StoreChange } from '../store/store';
import { buildDashboardView, type DashboardNotice } from './viewModel';

export interface DashboardEnv {
  getStore(): LivestreamStore | undefined;
  /** Delivers a message to the webview (called only once it said `ready`, and while visible). */
  post(message: DashboardOutbound): void;
  setTitle(title: string): void;
  /** Opens a livestream of this app in its panel. */
  openLivestream(livestreamId: string, name: string): void;
  runCommand(command: DashboardCommand): void;
  readonly log: Logger;
  readonly now?: () => number;
}

/** The lists the dashboard shows: the tree's status-filtered lists, shared with it. */
const LISTS: readonly KnownStatus[] = ['LIVE', 'ERRORED'];
/** Shown again after this long hidden, the data is read again. */
const STALE_MS = 60_000;

export class DashboardController implements Disposable {
  private ready = false;
  private visible = true;
  private disposed = false;
  private renderQueued = false;
  private title: string | undefined;
  private store: LivestreamStore | undefined;
  private storeSubscription: Disposable | undefined;
  private readonly requests = new AbortController();
  private readonly now: () => number;

  constructor(
    readonly ref: AppRef,
    private days: RangeDays,
    private readonly env: DashboardEnv,
  ) {
    this.now = env.now ?? Date.now;
    this.attachStore();
    this.ensureLoaded();
    this.updateTitle(this.view());
  }

  get state(): DashboardState {
    return { version: 1, ref: this.ref, days: this.days };
  }

  get isReady(): boolean {
    return this.ready;
  }

  view(): DashboardView {
    const store = this.usableStore();
    const { appId } = this.ref;
    const list = (status: KnownStatus) => store?.getLivestreams(appId, status) ?? NOT_LOADED;
    return buildDashboardView({
      ref: this.ref,
      days: this.days,
      app: this.store?.getApps().value?.find((a) => a.id === appId),
      daywise: store?.dashboard.days(appId, this.days) ?? NOT_LOADED,
      totals: store?.dashboard.totals(appId, this.days) ?? NOT_LOADED,
      live: list('LIVE'),
      errored: list('ERRORED'),
      notice: this.notice(),
      now: this.now(),
    });
  }

  /** A message from the webview; false (and ignored) when it fails validation. */
  receive(raw: unknown): boolean {
    const message = parseDashboardMessage(raw);
    if (!message) {
      this.env.log.warn(`App dashboard ${this.ref.appId}: ignored an invalid message from the webview.`);
      return false;
    }
    this.handle(message);
    return true;
  }

  /** Reads everything again (Refresh, Retry, the Refresh command). */
  async refresh(): Promise<void> {
    const store = this.usableStore();
    if (!store) return;
    const signal = this.requests.signal;
    await Promise.all([
      store.dashboard.load(this.ref.appId, this.days, { signal }),
      ...LISTS.map((filter) => store.loadLivestreams(this.ref.appId, { filter, signal })),
    ]);
  }

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.attachStore();
      this.ensureLoaded();
      const loadedAt = this.usableStore()?.dashboard.days(this.ref.appId, this.days).loadedAt;
      if (loadedAt !== undefined && this.now() - loadedAt > STALE_MS) void this.refresh();
      this.queueRender();
    }
  }

  /** The host's store may have been replaced (sign in, other account): follow it. */
  storeChanged(): void {
    this.attachStore();
    this.ensureLoaded();
    this.queueRender();
  }

  dispose(): void {
    this.disposed = true;
    this.requests.abort();
    this.storeSubscription?.dispose();
  }

  // ---- messages -----------------------------------------------------------------------------

  private handle(message: DashboardInbound): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.attachStore();
        this.postUpdate();
        this.ensureLoaded();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'range':
        if (message.days !== this.days) {
          this.days = message.days;
          this.ensureLoaded();
          this.queueRender();
        }
        return;
      case 'openLivestream': {
        // Only a livestream the dashboard showed: the page cannot open just any id.
        const view = this.view();
        const shown = [view.live, view.errored].flatMap((p) => (p.state === 'loaded' ? p.links : []));
        const link = shown.find((l) => l.id === message.livestreamId);
        if (link) this.env.openLivestream(link.id, link.name);
        return;
      }
      case 'command':
        this.env.runCommand(message.command);
        return;
    }
  }

  // ---- data ---------------------------------------------------------------------------------

  private notice(): DashboardNotice | null {
    if (!this.store) return { kind: 'signedOut' };
    return this.store.accountId !== this.ref.accountId ? { kind: 'otherAccount', accountId: this.ref.accountId } : null;
  }

  private usableStore(): LivestreamStore | undefined {
    return this.store && !this.notice() ? this.store : undefined;
  }

  private attachStore(): void {
    const store = this.env.getStore();
    if (store === this.store) return;
    this.storeSubscription?.dispose();
    this.store = store;
    this.storeSubscription = store?.onDidChange((change) => this.onStoreChange(change));
  }

  /** Starts the loads that have neither a value, a load in flight nor an error. */
  private ensureLoaded(): void {
    const store = this.usableStore();
    if (!store || !this.visible) return;
    const idle = (l: Loadable<unknown>) => !l.value && !l.loading && !l.error;
    const { appId } = this.ref;
    const signal = this.requests.signal;
    if (idle(store.dashboard.days(appId, this.days)) || idle(store.dashboard.totals(appId, this.days))) {
      void store.dashboard.load(appId, this.days, { signal });
    }
    for (const filter of LISTS) {
      if (idle(store.getLivestreams(appId, filter))) void store.loadLivestreams(appId, { filter, signal });
    }
    // The title is the app's name, which the tree has usually loaded already.
    if (idle(store.getApps())) void store.loadApps({ signal });
  }

  private onStoreChange(change: StoreChange): void {
    if (this.disposed) return;
    switch (change.kind) {
      case 'reset':
        this.ensureLoaded();
        break;
      case 'apps':
        break;
      case 'dashboard':
        if (change.appId !== this.ref.appId || change.days !== this.days) return;
        break;
      case 'livestreams':
        if (change.appId !== this.ref.appId || !LISTS.includes(change.filter as KnownStatus)) return;
        break;
      default:
        return;
    }
    this.queueRender();
  }

  // ---- output -------------------------------------------------------------------------------

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      if (!this.disposed) this.postUpdate();
    });
  }

  private updateTitle(view: DashboardView): void {
    if (view.title !== this.title) {
      this.title = view.title;
      this.env.setTitle(view.title);
    }
  }

  private postUpdate(): void {
    const view = this.view();
    this.updateTitle(view);
    if (this.ready && this.visible) {
      this.env.post({ type: 'update', view, state: this.state });
    }
  }
}
