// One panel's behaviour, without `vscode`: which data it needs from the shared store, when it
// refreshes, what it posts to the webview, and how it answers the webview's messages. The
// manager (manager.ts) is the thin VS Code shell around it; unit tests drive it directly with a
// real LivestreamStore over a fake API.
import type { LivestreamDetails } from '../api/types';
import { COPY_SPECS } from '../shared/credentials';
import type { Logger } from '../shared/log';
import { Poller, type Timers } from '../store/poller';
import type { LivestreamRef } from '../shared/ref';
import { isActiveStatus, type Loadable, type LivestreamStore, type StoreChange } from '../store/store';
import type { Disposable } from '../shared/emitter';
import {
  parseInboundMessage,
  type CopyField,
  type InboundMessage,
  type OutboundMessage,
  type PanelCommand,
  type PanelState,
  type SessionsPage,
} from '../contract/livestreamPanel';
import { buildView, type Notice, type PanelView } from './viewModel';

export interface PanelEnv {
  getStore(): LivestreamStore | undefined;
  /** `realtimekit.autoRefreshSeconds` (0 = off), read at each scheduling. */
  autoRefreshSeconds(): number;
  /** Delivers a message to the webview (called only once it said `ready`, and while visible). */
  post(message: OutboundMessage): void;
  setTitle(title: string): void;
  /** Copies `text` and confirms without echoing it (the manager decides how). */
  copy(field: CopyField, text: string): void;
  openPlayback(url: string): void;
  runCommand(command: PanelCommand): void;
  readonly log: Logger;
  readonly now?: () => number;
  readonly timers?: Timers;
}

/** While polling, app analytics are reloaded at most this often (they change slowly). */
const ANALYTICS_MAX_AGE_MS = 60_000;

export class PanelController implements Disposable {
  private page: SessionsPage;
  private visible = true;
  /** The webview has said `ready` (at least once): its script runs and listens. */
  private ready = false;
  private store: LivestreamStore | undefined;
  private storeSubscription: Disposable | undefined;
  /** The last details with a value, shown while another page (or a reload after reset) loads. */
  private lastGood: { value: LivestreamDetails; loadedAt: number | undefined } | undefined;
  private renderQueued = false;
  private title: string | undefined;
  private readonly poller: Poller;
  private disposed = false;
  private readonly now: () => number;

  constructor(
    readonly ref: LivestreamRef,
    page: SessionsPage,
    private readonly env: PanelEnv,
    private fallbackTitle?: string,
  ) {
    this.page = page;
    this.now = env.now ?? Date.now;
    this.poller = new Poller({
      intervalSeconds: () => env.autoRefreshSeconds(),
      shouldPoll: () => this.shouldPoll(),
      tick: () => this.tick(),
      ...(env.timers ? { timers: env.timers } : {}),
    });
    this.attachStore();
    this.ensureLoaded();
    this.updateTitle();
  }

  get state(): PanelState {
    return { version: 1, ref: this.ref, page: this.page };
  }

  /** The webview has loaded and said `ready` (its script ran under the CSP). */
  get isReady(): boolean {
    return this.ready;
  }

  get isPolling(): boolean {
    return this.shouldPoll();
  }

  /** The view as the webview would get it now (also used by tests). */
  view(): PanelView {
    const store = this.store;
    const notice = this.notice();
    const empty = { value: undefined, loading: false, error: undefined, loadedAt: undefined };
    return buildView({
      ref: this.ref,
      page: this.page,
      details: store && !notice ? this.shownDetails(store) : empty,
      ...(store && !notice && this.page.pageNo !== 1 ? { firstPage: store.getDetails(this.ref.appId, this.ref.livestreamId, this.firstPage()) } : {}),
      analytics: store && !notice ? store.getAnalytics(this.ref.appId) : empty,
      notice,
      autoRefresh: this.shouldPoll(),
      now: this.now(),
      ...(this.fallbackTitle ? { fallbackTitle: this.fallbackTitle } : {}),
    });
  }

  /** The panel became visible or hidden. Hidden webviews are torn down (no retainContextWhenHidden). */
  setVisible(visible: boolean): void {
    if (visible === this.visible) {
      return;
    }
    this.visible = visible;
    if (visible) {
      // A torn-down webview says `ready` again and gets a full update then; one that survived
      // (VS Code may keep it briefly) gets this one.
      this.attachStore();
      this.ensureLoaded();
      this.reloadIfStale();
      this.queueRender();
    }
    this.poller.update();
  }

  /** The host's store may have been replaced (sign in, other account): follow it. */
  storeChanged(): void {
    this.attachStore();
    this.ensureLoaded();
    this.queueRender();
    this.poller.update();
  }

  /** A message from the webview. Returns false (and ignores it) when it fails validation. */
  receive(raw: unknown): boolean {
    const message = parseInboundMessage(raw);
    if (!message) {
      this.env.log.warn(`Livestream panel ${this.ref.livestreamId}: ignored an invalid message from the webview.`);
      return false;
    }
    this.handle(message);
    return true;
  }

  /** Reloads everything the panel shows (Retry, Refresh). */
  refresh(): Promise<void> {
    this.poller.restart();
    return this.reload(true);
  }

  dispose(): void {
    this.disposed = true;
    this.poller.dispose();
    this.storeSubscription?.dispose();
    this.storeSubscription = undefined;
  }

  // ---- messages -----------------------------------------------------------------------------

  private handle(message: InboundMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.attachStore();
        this.postUpdate();
        this.ensureLoaded();
        this.poller.update();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'reveal': {
        const l = this.livestream();
        if (l?.streamKey && this.ready && this.visible) {
          this.env.log.info(`Stream key of livestream ${l.id} revealed in its panel.`);
          this.env.post({
            type: 'secret',
            secret: { streamKey: l.streamKey, rtmpUrl: COPY_SPECS.rtmpUrl.value(l), ffmpegCommand: COPY_SPECS.ffmpegCommand.value(l) },
          });
        }
        return;
      }
      case 'copy': {
        const text = this.copyText(message.field);
        if (text) {
          this.env.copy(message.field, text);
        }
        return;
      }
      case 'openPlayback': {
        const url = this.livestream()?.playbackUrl;
        if (url) {
          this.env.openPlayback(url);
        }
        return;
      }
      case 'page':
        this.setPage(message.page);
        return;
      case 'command':
        this.env.runCommand(message.command);
        return;
    }
  }

  /** The same values the shell's copy commands copy (one definition: COPY_SPECS). */
  private copyText(field: CopyField): string | null {
    const l = this.livestream();
    if (!l) {
      return null;
    }
    return field === 'meetingId' ? l.meetingId : COPY_SPECS[field].value(l);
  }

  private setPage(page: SessionsPage): void {
    if (page.pageNo === this.page.pageNo && page.perPage === this.page.perPage) {
      return;
    }
    this.page = page;
    this.ensureLoaded();
    this.queueRender();
  }

  // ---- data ---------------------------------------------------------------------------------

  private attachStore(): void {
    const store = this.env.getStore();
    if (store === this.store) {
      return;
    }
    this.storeSubscription?.dispose();
    this.store = store;
    this.lastGood = undefined;
    this.storeSubscription = store?.onDidChange((change) => this.onStoreChange(change));
  }

  private notice(): Notice | null {
    if (!this.store) {
      return { kind: 'signedOut' };
    }
    if (this.store.accountId !== this.ref.accountId) {
      return { kind: 'otherAccount', accountId: this.ref.accountId };
    }
    return null;
  }

  private usableStore(): LivestreamStore | undefined {
    return this.store && !this.notice() ? this.store : undefined;
  }

  private firstPage(): SessionsPage {
    return { pageNo: 1, perPage: this.page.perPage };
  }

  /**
   * The stats show the newest session. The API names it beside every page (`session`); only when
   * a page came without it is page 1 (newest first) loaded as well, to find it there.
   */
  private needsFirstPage(store: LivestreamStore): boolean {
    const shown = this.details(store).value;
    return this.page.pageNo !== 1 && !!shown && !shown.latestSession;
  }

  private details(store: LivestreamStore, page: SessionsPage = this.page): Loadable<LivestreamDetails> {
    return store.getDetails(this.ref.appId, this.ref.livestreamId, page);
  }

  /** The asked page's details, or the last good ones (marked loading) while it has no value. */
  private shownDetails(store: LivestreamStore): Loadable<LivestreamDetails> {
    const current = this.details(store);
    if (current.value) {
      this.lastGood = { value: current.value, loadedAt: current.loadedAt };
      return current;
    }
    if (!this.lastGood) {
      return current;
    }
    return { value: this.lastGood.value, loading: current.loading || !current.error, error: current.error, loadedAt: this.lastGood.loadedAt };
  }

  private livestream() {
    const store = this.usableStore();
    return store ? this.shownDetails(store).value?.livestream : undefined;
  }

  /** Starts the loads the panel needs that have neither a value, a load in flight nor an error. */
  private ensureLoaded(): void {
    const store = this.usableStore();
    if (!store || !this.visible) {
      return;
    }
    const idle = (l: Loadable<unknown>) => !l.value && !l.loading && !l.error;
    if (idle(this.details(store))) {
      void store.loadDetails(this.ref.appId, this.ref.livestreamId, this.page);
    }
    if (this.needsFirstPage(store) && idle(this.details(store, this.firstPage()))) {
      void store.loadDetails(this.ref.appId, this.ref.livestreamId, this.firstPage());
    }
    if (idle(store.getAnalytics(this.ref.appId))) {
      void store.loadAnalytics(this.ref.appId);
    }
  }

  private async reload(withAnalytics: boolean): Promise<void> {
    const store = this.usableStore();
    if (!store) {
      return;
    }
    const { appId, livestreamId } = this.ref;
    const loads = [
      store.loadDetails(appId, livestreamId, this.page).then(() => (this.needsFirstPage(store) ? store.loadDetails(appId, livestreamId, this.firstPage()) : undefined)),
    ];
    const analytics = store.getAnalytics(appId);
    if (withAnalytics || !analytics.loadedAt || this.now() - analytics.loadedAt > ANALYTICS_MAX_AGE_MS) {
      loads.push(store.loadAnalytics(appId));
    }
    await Promise.all(loads);
  }

  /** After being hidden a while, data older than one refresh interval is reloaded on show. */
  private reloadIfStale(): void {
    const store = this.usableStore();
    const loadedAt = store ? this.details(store).loadedAt : undefined;
    const seconds = this.env.autoRefreshSeconds();
    if (store && loadedAt !== undefined && seconds > 0 && this.now() - loadedAt > seconds * 1000) {
      void this.reload(false);
    }
  }

  private onStoreChange(change: StoreChange): void {
    if (this.disposed) {
      return;
    }
    const { appId, livestreamId } = this.ref;
    switch (change.kind) {
      case 'reset':
        this.lastGood = undefined;
        this.ensureLoaded();
        break;
      case 'details':
        if (change.appId !== appId || change.livestreamId !== livestreamId) {
          return;
        }
        this.ensureLoaded(); // a page without the newest session asks for page 1
        this.poller.update();
        break;
      case 'analytics':
        if (change.appId !== appId) {
          return;
        }
        break;
      case 'livestreams':
        // The tree reloaded this app's list: if it saw our livestream change, follow it.
        if (change.appId === appId) {
          this.followList();
        }
        return;
      case 'apps':
        return;
    }
    this.queueRender();
  }

  private followList(): void {
    const store = this.usableStore();
    const fresh = store?.find(this.ref.livestreamId);
    const current = store ? this.details(store) : undefined;
    const shown = current?.value?.livestream;
    if (!store || !fresh || !shown || current?.loading || !this.visible) {
      return;
    }
    if (fresh.status !== shown.status || fresh.updatedAt !== shown.updatedAt || fresh.name !== shown.name || fresh.disabled !== shown.disabled) {
      void this.reload(false);
    }
  }

  // ---- polling ------------------------------------------------------------------------------

  private shouldPoll(): boolean {
    const l = this.livestream();
    return this.visible && !this.disposed && !!l && isActiveStatus(l.status);
  }

  private async tick(): Promise<boolean> {
    const store = this.usableStore();
    if (!store) {
      return true;
    }
    // Shared store: when the tree (or another trigger) just refreshed these details, skip.
    const loadedAt = this.details(store).loadedAt;
    if (loadedAt !== undefined && this.now() - loadedAt < (this.env.autoRefreshSeconds() * 1000) / 2) {
      return true;
    }
    await this.reload(false);
    return !this.details(store).error;
  }

  // ---- output -------------------------------------------------------------------------------

  /** Coalesces the bursts of change events one refresh produces into one post. */
  private queueRender(): void {
    if (this.renderQueued) {
      return;
    }
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      if (!this.disposed) {
        this.postUpdate();
      }
    });
  }

  private updateTitle(view: PanelView = this.view()): void {
    if (view.title !== this.title) {
      this.title = view.title;
      this.fallbackTitle = view.title;
      this.env.setTitle(view.title);
    }
  }

  private postUpdate(): void {
    const view = this.view();
    this.updateTitle(view);
    // Hidden webviews are torn down (no retainContextWhenHidden): nothing to post to until shown.
    if (this.ready && this.visible) {
      this.env.post({ type: 'update', view, state: this.state });
    }
  }
}
