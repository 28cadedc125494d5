// One panel's behaviour, without `vscode`: when it loads and refreshes, what it posts to the
// webview, and how it answers the webview's messages. Its data (which store entries, which
// page, what to keep on screen) is PanelData's; the manager (manager.ts) is the VS Code shell.
// Unit tests drive it directly with a real LivestreamStore over a fake API.
import type { Livestream } from '../api/types';
import { parseInboundMessage, type InboundMessage, type PanelState, type PanelView, type SessionsPage } from '../contract/livestreamPanel';
import { COPY_SPECS } from '../shared/credentials';
import type { Disposable } from '../shared/emitter';
import type { LivestreamRef } from '../shared/ref';
import { isActiveStatus } from '../shared/status';
import { Poller } from '../store/poller';
import type { StoreChange } from '../store/store';
import { meetingLinks } from './meetingView';
import { PanelData } from './panelData';
import type { PanelEnv } from './panelEnv';
import { buildView } from './viewModel';

export type { PanelEnv } from './panelEnv';

export class PanelController implements Disposable {
  private visible = true;
  /** The webview has said `ready` (at least once): its script runs and listens. */
  private ready = false;
  private renderQueued = false;
  private title: string | undefined;
  private readonly data: PanelData;
  private readonly poller: Poller;
  private disposed = false;
  private readonly now: () => number;

  constructor(
    readonly ref: LivestreamRef,
    page: SessionsPage,
    private readonly env: PanelEnv,
    private fallbackTitle?: string,
    session?: string,
  ) {
    this.now = env.now ?? Date.now;
    this.data = new PanelData(ref, page, () => env.getStore(), this.now, (change) => this.onStoreChange(change));
    this.data.setSession(session);
    this.poller = new Poller({
      intervalSeconds: () => env.autoRefreshSeconds(),
      shouldPoll: () => this.shouldPoll(),
      tick: () => this.tick(),
      ...(env.timers ? { timers: env.timers } : {}),
    });
    this.data.ensureLoaded();
    this.updateTitle();
  }

  get state(): PanelState {
    const session = this.data.session;
    return { version: 1, ref: this.ref, page: this.data.page, ...(session ? { session } : {}) };
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
    const watch = this.env.watching?.();
    const checklistOpen = this.env.checklistOpen?.();
    return buildView({
      ...this.data.viewInput(),
      ...(watch ? { watch } : {}),
      ...(checklistOpen !== undefined ? { checklistOpen } : {}),
      ...(this.env.obs ? { obs: (l: Livestream) => this.env.obs!(l) } : {}),
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
      this.data.attachStore();
      this.data.ensureLoaded();
      this.reloadIfStale();
      this.queueRender();
    }
    this.poller.update();
  }

  /** The livestream as the panel shows it now, once loaded. */
  currentLivestream(): Livestream | undefined {
    return this.data.livestream();
  }

  /** Opens a session's view (Find Livestream Sessions of a Meeting Session), or closes it with undefined. */
  showSession(sessionId: string | undefined): void {
    if (this.data.setSession(sessionId)) {
      this.data.ensureLoaded();
      this.queueRender();
    }
  }

  /** Something the host shows beside the data changed (a watch started or ended): repaint. */
  hostStateChanged(): void {
    this.queueRender();
  }

  /** The host's store may have been replaced (sign in, other account): follow it. */
  storeChanged(): void {
    this.data.attachStore();
    if (this.visible) this.data.ensureLoaded();
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
    return this.data.reload(true);
  }

  dispose(): void {
    this.disposed = true;
    this.poller.dispose();
    this.data.dispose();
  }

  // ---- messages -----------------------------------------------------------------------------

  private handle(message: InboundMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.data.attachStore();
        this.postUpdate();
        this.data.ensureLoaded();
        this.poller.update();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'reveal': {
        const l = this.data.livestream();
        if (l?.streamKey && this.ready && this.visible) {
          this.env.log.info(`Stream key of livestream ${l.id} revealed in its panel.`);
          this.env.post({
            type: 'secret',
            secret: { streamKey: l.streamKey, rtmpUrl: COPY_SPECS.rtmpUrl.value(l), ffmpegCommand: COPY_SPECS.ffmpegCommand.value(l) },
          });
          this.env.startWatching?.(l.name);
        }
        return;
      }
      case 'copy':
        if (this.data.livestream()) this.env.copy(message.field);
        return;
      case 'openPlayback': {
        const url = this.data.livestream()?.playbackUrl;
        if (url) this.env.openPlayback(url);
        return;
      }
      case 'page':
        if (this.data.setPage(message.page)) {
          this.data.ensureLoaded();
          this.queueRender();
        }
        return;
      case 'command':
        this.env.runCommand(message.command);
        return;
      case 'checklist':
        this.env.setChecklistOpen?.(message.open);
        return;
      case 'openSession': {
        // Only a session the panel shows (a row, the latest): the page cannot ask for just any id.
        const d = this.view().details;
        const shown = [...(d?.sessions.rows ?? []), ...(d?.stats.latest ? [d.stats.latest] : [])];
        if (shown.some((r) => r.id === message.sessionId)) this.showSession(message.sessionId);
        return;
      }
      case 'closeSession':
        this.showSession(undefined);
        return;
      case 'copySessionId': {
        const id = this.data.session;
        if (id) this.env.copyText?.(id, 'session ID');
        return;
      }
      case 'openLivestream': {
        // Only a livestream the panel showed as a link: the page cannot open just any id.
        const link = meetingLinks(this.view().details?.meeting ?? null).find((l) => l.id === message.livestreamId);
        if (link) this.env.openLivestream?.(link.id, link.name);
        return;
      }
    }
  }

  // ---- data ---------------------------------------------------------------------------------

  /** After being hidden a while, data older than one refresh interval is reloaded on show. */
  private reloadIfStale(): void {
    const loadedAt = this.data.details().loadedAt;
    const seconds = this.env.autoRefreshSeconds();
    if (loadedAt !== undefined && seconds > 0 && this.now() - loadedAt > seconds * 1000) {
      void this.data.reload(false);
    }
  }

  private onStoreChange(change: StoreChange): void {
    if (this.disposed) {
      return;
    }
    const { appId, livestreamId } = this.ref;
    switch (change.kind) {
      case 'reset':
        if (this.visible) this.data.ensureLoaded();
        break;
      case 'details':
        if (change.appId !== appId || change.livestreamId !== livestreamId) return;
        if (this.visible) this.data.ensureLoaded(); // a page without the newest session asks for page 1
        this.poller.update();
        break;
      case 'analytics':
        if (change.appId !== appId) return;
        break;
      case 'livestreams':
        // The tree (or a watcher) saw this app's livestreams: if ours changed, follow it.
        if (change.appId === appId) this.followList();
        return;
      case 'activeSession':
        if (change.appId !== appId || change.livestreamId !== livestreamId) return;
        break;
      case 'meetingActive':
      case 'meetingLivestreams':
        if (change.appId !== appId || change.meetingId !== this.data.livestream()?.meetingId) return;
        break;
      case 'session':
        if (change.appId !== appId || change.sessionId !== this.data.session) return;
        break;
      case 'apps':
      case 'meetingSession':
      case 'dashboard':
        return;
    }
    this.queueRender();
  }

  private followList(): void {
    const fresh = this.data.usableStore()?.find(this.ref.livestreamId);
    const current = this.data.details();
    const shown = current.value?.livestream;
    if (!fresh || !shown || current.loading || !this.visible) {
      return;
    }
    if (fresh.status !== shown.status || fresh.updatedAt !== shown.updatedAt || fresh.name !== shown.name || fresh.disabled !== shown.disabled) {
      void this.data.reload(false);
    }
  }

  // ---- polling ------------------------------------------------------------------------------

  private shouldPoll(): boolean {
    const l = this.data.livestream();
    return this.visible && !this.disposed && !!l && isActiveStatus(l.status);
  }

  private async tick(): Promise<boolean> {
    if (!this.data.usableStore()) {
      return true;
    }
    // Shared store: when the tree (or another trigger) just refreshed these details, skip.
    const loadedAt = this.data.details().loadedAt;
    if (loadedAt !== undefined && this.now() - loadedAt < (this.env.autoRefreshSeconds() * 1000) / 2) {
      return true;
    }
    await this.data.reload(false);
    return !this.data.details().error;
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
    this.env.viewBuilt?.();
    // Hidden webviews are torn down (no retainContextWhenHidden): nothing to post to until shown.
    if (this.ready && this.visible) {
      this.env.post({ type: 'update', view, state: this.state });
    }
  }
}
