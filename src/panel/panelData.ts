// One panel's window on the shared store: the page of sessions it shows, the loads it needs, and
// the last good details it keeps on screen while another page (or a reload after a reset) loads.
// Every request it makes carries its own signal, so closing the panel aborts what only it wanted.
import type { Livestream, LivestreamDetails } from '../api/types';
import type { SessionsPage } from '../contract/livestreamPanel';
import type { Disposable } from '../shared/emitter';
import type { LivestreamRef } from '../shared/ref';
import { NOT_LOADED, type Loadable } from '../store/loadable';
import type { LivestreamStore, StoreChange } from '../store/store';
import { MEETING_PAGE } from './meetingView';
import type { Notice, ViewInput } from './viewModel';

/** While polling, app analytics and a meeting's card are reloaded at most this often (they change slowly). */
const ANALYTICS_MAX_AGE_MS = 60_000;

export class PanelData implements Disposable {
  private store: LivestreamStore | undefined;
  private storeSubscription: Disposable | undefined;
  /** The last details with a value, shown while the asked page has none (yet). */
  private lastGood: { value: LivestreamDetails; loadedAt: number | undefined } | undefined;
  private readonly requests = new AbortController();
  /** The session whose view is open, if any. */
  private sessionShown: string | undefined;

  constructor(
    readonly ref: LivestreamRef,
    private pageShown: SessionsPage,
    private readonly getStore: () => LivestreamStore | undefined,
    private readonly now: () => number,
    /** Something the panel shows may have changed. */
    private readonly onChange: (change: StoreChange) => void,
  ) {
    this.attachStore();
  }

  get page(): SessionsPage {
    return this.pageShown;
  }

  get session(): string | undefined {
    return this.sessionShown;
  }

  /** Opens a session's view (or closes it with undefined). Returns false when nothing changed. */
  setSession(sessionId: string | undefined): boolean {
    if (sessionId === this.sessionShown) return false;
    this.sessionShown = sessionId;
    return true;
  }

  /** Follows the host's store (sign in, other account). True when it changed. */
  attachStore(): boolean {
    const store = this.getStore();
    if (store === this.store) {
      return false;
    }
    this.storeSubscription?.dispose();
    this.store = store;
    this.lastGood = undefined;
    this.storeSubscription = store?.onDidChange((change) => this.storeChanged(change));
    return true;
  }

  /** Signed out, or the livestream belongs to another account than the one selected. */
  notice(): Notice | null {
    if (!this.store) {
      return { kind: 'signedOut' };
    }
    return this.store.accountId !== this.ref.accountId ? { kind: 'otherAccount', accountId: this.ref.accountId } : null;
  }

  /** The store, when it is this panel's account's. */
  usableStore(): LivestreamStore | undefined {
    return this.store && !this.notice() ? this.store : undefined;
  }

  details(page: SessionsPage = this.pageShown): Loadable<LivestreamDetails> {
    return this.usableStore()?.getDetails(this.ref.appId, this.ref.livestreamId, page) ?? NOT_LOADED;
  }

  /** The asked page's details, or the last good ones (marked loading) while it has no value. */
  shownDetails(): Loadable<LivestreamDetails> {
    const current = this.details();
    if (current.value || !this.lastGood) {
      return current;
    }
    return { value: this.lastGood.value, loading: current.loading || !current.error, error: current.error, loadedAt: this.lastGood.loadedAt };
  }

  livestream(): Livestream | undefined {
    return this.shownDetails().value?.livestream;
  }

  /** What viewModel.buildView needs, besides the host's own flags. */
  viewInput(): Pick<ViewInput, 'ref' | 'page' | 'details' | 'firstPage' | 'analytics' | 'activeSession' | 'notice' | 'meetingActive' | 'meetingLivestreams' | 'session'> {
    const notice = this.notice();
    const store = this.usableStore();
    const meetingId = this.livestream()?.meetingId;
    return {
      ...(store && meetingId
        ? { meetingActive: store.meetings.active(this.ref.appId, meetingId), meetingLivestreams: store.meetings.livestreams(this.ref.appId, meetingId, MEETING_PAGE) }
        : {}),
      ...(this.sessionShown ? { session: { id: this.sessionShown, loaded: store?.getSession(this.ref.appId, this.sessionShown) ?? NOT_LOADED } } : {}),
      ref: this.ref,
      page: this.pageShown,
      notice,
      details: store ? this.shownDetails() : NOT_LOADED,
      ...(store && this.pageShown.pageNo !== 1 ? { firstPage: this.details(this.firstPage()) } : {}),
      analytics: store ? store.getAnalytics(this.ref.appId) : NOT_LOADED,
      activeSession: store ? store.getActiveSession(this.ref.appId, this.ref.livestreamId) : NOT_LOADED,
    };
  }

  /** Returns false when it is the page already shown. */
  setPage(page: SessionsPage): boolean {
    if (page.pageNo === this.pageShown.pageNo && page.perPage === this.pageShown.perPage) {
      return false;
    }
    this.pageShown = page;
    return true;
  }

  /** Starts the loads the panel needs that have neither a value, a load in flight nor an error. */
  ensureLoaded(): void {
    const store = this.usableStore();
    if (!store) {
      return;
    }
    const idle = (l: Loadable<unknown>) => !l.value && !l.loading && !l.error;
    const { appId, livestreamId } = this.ref;
    const signal = this.requests.signal;
    if (idle(this.details())) {
      void store.loadDetails(appId, livestreamId, this.pageShown, { signal });
    }
    if (this.needsFirstPage() && idle(this.details(this.firstPage()))) {
      void store.loadDetails(appId, livestreamId, this.firstPage(), { signal });
    }
    if (idle(store.getAnalytics(appId))) {
      void store.loadAnalytics(appId, { signal });
    }
    if (this.isActive() && idle(store.getActiveSession(appId, livestreamId))) {
      void store.loadActiveSession(appId, livestreamId, { signal });
    }
    const meetingId = this.livestream()?.meetingId;
    if (meetingId && idle(store.meetings.active(appId, meetingId))) {
      void store.meetings.loadActive(appId, meetingId, { signal });
    }
    if (meetingId && idle(store.meetings.livestreams(appId, meetingId, MEETING_PAGE))) {
      void store.meetings.loadLivestreams(appId, meetingId, MEETING_PAGE, { signal });
    }
    if (this.sessionShown && idle(store.getSession(appId, this.sessionShown))) {
      void store.loadSession(appId, this.sessionShown, { signal });
    }
  }

  /** LIVE or INVOKED: a session is in progress, worth reading. */
  private isActive(): boolean {
    const status = this.livestream()?.status;
    return status === 'LIVE' || status === 'INVOKED';
  }

  /** Reloads the details (and the analytics when asked or older than a minute). */
  async reload(withAnalytics: boolean): Promise<void> {
    const store = this.usableStore();
    if (!store) {
      return;
    }
    const { appId, livestreamId } = this.ref;
    const signal = this.requests.signal;
    const loads = [
      store
        .loadDetails(appId, livestreamId, this.pageShown, { signal })
        .then(() => (this.needsFirstPage() ? store.loadDetails(appId, livestreamId, this.firstPage(), { signal }) : undefined)),
    ];
    const stale = (loadedAt: number | undefined) => withAnalytics || !loadedAt || this.now() - loadedAt > ANALYTICS_MAX_AGE_MS;
    if (stale(store.getAnalytics(appId).loadedAt)) {
      loads.push(store.loadAnalytics(appId, { signal }));
    }
    const meetingId = this.livestream()?.meetingId;
    if (meetingId && stale(store.meetings.active(appId, meetingId).loadedAt)) {
      loads.push(store.meetings.loadActive(appId, meetingId, { signal }), store.meetings.loadLivestreams(appId, meetingId, MEETING_PAGE, { signal }));
    }
    // A finished session does not change: read again only on Refresh, or while it runs.
    const session = this.sessionShown ? store.getSession(appId, this.sessionShown) : undefined;
    if (this.sessionShown && (withAnalytics || !session?.value || !session.value.stoppedTime)) {
      loads.push(store.loadSession(appId, this.sessionShown, { signal }));
    }
    await Promise.all(loads);
    // After the details, which say whether a session is in progress now.
    if (this.isActive()) {
      await store.loadActiveSession(appId, livestreamId, { signal });
    }
  }

  dispose(): void {
    this.requests.abort();
    this.storeSubscription?.dispose();
    this.storeSubscription = undefined;
  }

  private firstPage(): SessionsPage {
    return { pageNo: 1, perPage: this.pageShown.perPage };
  }

  /**
   * The stats show the newest session. The API names it beside every page (`session`); only when
   * a page came without it is page 1 (newest first) loaded as well, to find it there.
   */
  private needsFirstPage(): boolean {
    const shown = this.details().value;
    return this.pageShown.pageNo !== 1 && !!shown && !shown.latestSession;
  }

  private storeChanged(change: StoreChange): void {
    if (change.kind === 'reset') {
      this.lastGood = undefined;
    }
    const current = this.details();
    if (current.value) {
      this.lastGood = { value: current.value, loadedAt: current.loadedAt };
    }
    this.onChange(change);
  }
}
