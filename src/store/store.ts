// One source of truth per account: apps, livestream lists, livestream details, sessions and app
// analytics, plus meetings (meetings.ts) and the dashboard's analytics by range (dashboard.ts).
// The tree and the panels read from here and listen to `onDidChange`, so a refresh made for one
// updates the other, and identical loads are shared: one request per slot at a time, whoever
// asks. This is the only layer that shares in-flight work (the transport does not).
//
// Cancellation: every request runs under the store's lifetime (aborted by reset() and dispose():
// sign out, a new token, an account switch, the extension going away) and, when callers pass a
// signal, under theirs: a shared load is aborted once every caller that asked with a signal has
// left, unless someone asked without one (the tree, a command) and still wants the answer.
import * as l10n from '@vscode/l10n';
import type { RealtimeKitApi } from '../api/api';
import { ApiError } from '../api/errors';
import type { ActiveSession, App, AppAnalytics, Livestream, LivestreamDetails, Session } from '../api/types';
import { Emitter, type Event } from '../shared/emitter';
import { isActiveStatus } from '../shared/status';
import type { Loadable } from './loadable';
import { appOfKey, fetchPages, filterOfKey, listKey, sameLivestream, type ListFilter, type LivestreamList, type StoreSettings } from './lists';
import { Loader, Slot } from './loader';
import type { DetailsPage, LoadOptions, StoreChange, StoreParts } from './changes';
import { DashboardSlots } from './dashboard';
import { MeetingSlots } from './meetings';
import { SlotMap } from './slotMap';

export type { ListFilter, LivestreamList, StoreSettings } from './lists';
export { createdSince } from './lists';
export type { DetailsPage, LoadOptions, RangeDays, StoreChange } from './changes';
export type { InRange } from './dashboard';

export class LivestreamStore {
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange: Event<StoreChange> = this.changed.event;

  private settings: StoreSettings;
  private disposed = false;
  private readonly loader: Loader<StoreChange>;
  private apps = new Slot<readonly App[]>();
  private readonly lists = new SlotMap<LivestreamList>();
  private readonly details = new SlotMap<LivestreamDetails>();
  private readonly analytics = new SlotMap<AppAnalytics>();
  private readonly activeSessions = new SlotMap<ActiveSession | null>();
  private readonly sessions = new SlotMap<Session>();
  /** A meeting's active livestream, its livestreams, a meeting session's livestream sessions. */
  readonly meetings: MeetingSlots;
  /** Analytics by day and totals over the dashboard's ranges. */
  readonly dashboard: DashboardSlots;

  constructor(
    private readonly api: RealtimeKitApi,
    settings: StoreSettings,
    now: () => number = Date.now,
  ) {
    this.settings = settings;
    this.loader = new Loader<StoreChange>((slot) => this.holds(slot), (change) => this.changed.fire(change), now);
    const parts: StoreParts = {
      api,
      accountId: () => this.settings.accountId,
      now,
      load: (slot, change, options, fetch) => this.load(slot, change, options, fetch),
      noteLivestream: (livestream) => this.noteLivestream(livestream),
      writeSignal: () => this.loader.signal,
      reloadList: (appId, filter) => this.loadLivestreams(appId, { filter, fresh: true }),
    };
    this.meetings = new MeetingSlots(parts);
    this.dashboard = new DashboardSlots(parts);
  }

  get accountId(): string {
    return this.settings.accountId;
  }

  get pageSize(): number {
    return this.settings.pageSize;
  }

  /**
   * Page size and meeting livestreams shape the lists only: those are dropped and re-read;
   * details and analytics stay.
   */
  updateSettings(settings: StoreSettings): void {
    const listsChanged = settings.pageSize !== this.settings.pageSize || settings.includeMeetingLivestreams !== this.settings.includeMeetingLivestreams;
    this.settings = settings;
    if (listsChanged) {
      for (const [, slot] of this.lists.entries()) slot.inFlight?.controller.abort();
      this.lists.clear();
      this.changed.fire({ kind: 'reset' });
    }
  }

  /** Everything cached is dropped and every request in flight aborted (a new token). */
  reset(): void {
    this.loader.reset();
    this.apps = new Slot();
    for (const part of [this.lists, this.details, this.analytics, this.activeSessions, this.sessions, this.meetings, this.dashboard]) part.clear();
    this.changed.fire({ kind: 'reset' });
  }

  // ---- apps -------------------------------------------------------------------------------

  getApps(): Loadable<readonly App[]> {
    return this.apps.state;
  }

  loadApps(options: LoadOptions = {}): Promise<void> {
    return this.load(this.apps, { kind: 'apps' }, options, async (signal) => {
      const apps = await this.api.listApps(this.settings.accountId, { signal });
      return [...apps].sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  // ---- livestream lists --------------------------------------------------------------------

  getLivestreams(appId: string, filter?: ListFilter): Loadable<LivestreamList> {
    return this.lists.state(listKey(appId, filter));
  }

  /**
   * Loads (or reloads) every page of the list loaded so far; the first call loads page 1. A load
   * already in flight is joined, unless `fresh` is set (after a write): then one more load
   * follows it, so the result cannot predate the write.
   */
  loadLivestreams(appId: string, options: LoadOptions & { readonly filter?: ListFilter; readonly fresh?: boolean } = {}): Promise<void> {
    const slot = this.lists.slot(listKey(appId, options.filter));
    const start = (): Promise<void> => this.reloadPages(slot, appId, options.filter, Math.max(1, slot.state.value?.pagesLoaded ?? 1), options);
    if (options.fresh && slot.inFlight) {
      // Whoever starts a load after the one in flight ends has started after the write.
      return slot.settled().then(start);
    }
    return start();
  }

  /** Appends the next page to what is loaded (after a reload in flight, which it would join). */
  loadMoreLivestreams(appId: string, filter?: ListFilter): Promise<void> {
    const slot = this.lists.slot(listKey(appId, filter));
    if (slot.inFlight) {
      return slot.settled().then(() => this.loadMoreLivestreams(appId, filter));
    }
    const current = slot.state.value;
    if (!current) {
      return this.loadLivestreams(appId, { filter });
    }
    if (current.items.length >= current.totalCount) {
      return Promise.resolve();
    }
    return this.load(slot, { kind: 'livestreams', appId, filter }, {}, (signal) =>
      fetchPages(this.api, this.settings, appId, filter, current.pagesLoaded + 1, current.pagesLoaded + 1, current.items, signal),
    );
  }

  /**
   * Auto-refresh's reload: only the pages up to the last one holding a LIVE or INVOKED livestream
   * (usually page 1, the newest), keeping older pages as loaded, so polling a list where someone
   * clicked *Load more* ten times still costs one request per tick.
   */
  refreshActiveLivestreams(appId: string, filter?: ListFilter): Promise<void> {
    const slot = this.lists.slot(listKey(appId, filter));
    const current = slot.state.value;
    if (!current) {
      return this.loadLivestreams(appId, { filter });
    }
    const lastActive = current.items.map((l) => isActiveStatus(l.status)).lastIndexOf(true);
    const pages = Math.min(current.pagesLoaded, Math.floor(Math.max(lastActive, 0) / this.settings.pageSize) + 1);
    return this.reloadPages(slot, appId, filter, pages, {});
  }

  /** Reloads pages 1..`pages`, keeping what is loaded beyond them (nothing, when that is all). */
  private reloadPages(slot: Slot<LivestreamList>, appId: string, filter: ListFilter, pages: number, options: LoadOptions): Promise<void> {
    const current = slot.state.value;
    const pagesLoaded = Math.max(pages, current?.pagesLoaded ?? 1);
    const older = current?.items.slice(pages * this.settings.pageSize) ?? [];
    return this.load(slot, { kind: 'livestreams', appId, filter }, options, async (signal) => {
      const fresh = await fetchPages(this.api, this.settings, appId, filter, 1, pages, [], signal);
      const seen = new Set(fresh.items.map((l) => l.id));
      const items = [...fresh.items, ...older.filter((l) => !seen.has(l.id))];
      return { items, totalCount: Math.max(fresh.totalCount, items.length), pagesLoaded };
    });
  }

  // ---- details and analytics ---------------------------------------------------------------

  getDetails(appId: string, livestreamId: string, page: DetailsPage): Loadable<LivestreamDetails> {
    return this.details.state(detailsKey(appId, livestreamId, page));
  }

  loadDetails(appId: string, livestreamId: string, page: DetailsPage, options: LoadOptions = {}): Promise<void> {
    const slot = this.details.slot(detailsKey(appId, livestreamId, page));
    return this.load(slot, { kind: 'details', appId, livestreamId, page }, options, async (signal) => {
      const details = await this.api.getLivestream(this.settings.accountId, appId, livestreamId, page, { signal, retry: options.retry });
      this.noteLivestream(details.livestream);
      return details;
    });
  }

  getAnalytics(appId: string): Loadable<AppAnalytics> {
    return this.analytics.state(appId);
  }

  loadAnalytics(appId: string, options: LoadOptions = {}): Promise<void> {
    const slot = this.analytics.slot(appId);
    return this.load(slot, { kind: 'analytics', appId }, options, (signal) => this.api.getAppAnalytics(this.settings.accountId, appId, undefined, { signal }));
  }

  /** The session in progress of a LIVE or INVOKED livestream; null when there is none. */
  getActiveSession(appId: string, livestreamId: string): Loadable<ActiveSession | null> {
    return this.activeSessions.state(`${appId}/${livestreamId}`);
  }

  loadActiveSession(appId: string, livestreamId: string, options: LoadOptions = {}): Promise<void> {
    const slot = this.activeSessions.slot(`${appId}/${livestreamId}`);
    return this.load(slot, { kind: 'activeSession', appId, livestreamId }, options, async (signal) => {
      try {
        const active = await this.api.getActiveSession(this.settings.accountId, appId, livestreamId, { signal, retry: options.retry });
        this.noteLivestream(active.livestream);
        return active;
      } catch (err) {
        // The API answers 404 when nothing is in progress: a normal answer, not a failure.
        if (err instanceof ApiError && err.kind === 'notFound') return null;
        throw err;
      }
    });
  }

  /** One session of a livestream, whole (the panel's session view). */
  getSession(appId: string, sessionId: string): Loadable<Session> {
    return this.sessions.state(`${appId}/${sessionId}`);
  }

  loadSession(appId: string, sessionId: string, options: LoadOptions = {}): Promise<void> {
    return this.load(this.sessions.slot(`${appId}/${sessionId}`), { kind: 'session', appId, sessionId }, options, (signal) =>
      this.api.getSession(this.settings.accountId, appId, sessionId, { signal, retry: options.retry }),
    );
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Creates a livestream, then reloads its app's list so the tree shows it in place. */
  async createLivestream(appId: string, name: string, filter?: ListFilter): Promise<Livestream> {
    const created = await this.api.createLivestream(this.settings.accountId, appId, name, { signal: this.loader.signal });
    await this.loadLivestreams(appId, { filter, fresh: true });
    return created;
  }

  /**
   * A fresher copy of a livestream (from its details, or a watcher's poll) replaces the one in
   * every loaded list of its app, so the tree and panels show the same status at the same moment.
   */
  noteLivestream(fresh: Livestream): void {
    for (const [key, slot] of this.lists.entries()) {
      const list = slot.state.value;
      if (!list || !key.startsWith(`${fresh.appId}|`)) continue;
      const index = list.items.findIndex((l) => l.id === fresh.id);
      if (index < 0 || sameLivestream(list.items[index], fresh)) continue;
      const items = [...list.items];
      items[index] = fresh;
      slot.state = { ...slot.state, value: { ...list, items } };
      this.changed.fire({ kind: 'livestreams', appId: fresh.appId, filter: filterOfKey(key) });
    }
  }

  // ---- queries -----------------------------------------------------------------------------

  /** Every livestream loaded so far, once each (the copy from the most recently loaded list). */
  allLoaded(): Livestream[] {
    const newest = new Map<string, { livestream: Livestream; at: number }>();
    for (const [, slot] of this.lists.entries()) {
      const at = slot.state.loadedAt ?? 0;
      for (const livestream of slot.state.value?.items ?? []) {
        const seen = newest.get(livestream.id);
        if (!seen || at > seen.at) newest.set(livestream.id, { livestream, at });
      }
    }
    return [...newest.values()].map((e) => e.livestream);
  }

  find(livestreamId: string): Livestream | undefined {
    return this.allLoaded().find((l) => l.id === livestreamId);
  }

  /**
   * A livestream by id, for a command given only a reference: from a loaded list, else from
   * cached details, else fetched (its details, first page). Throws the ApiError of a failed fetch.
   */
  async resolveLivestream(appId: string, livestreamId: string, options: LoadOptions = {}): Promise<Livestream> {
    const cached = this.find(livestreamId) ?? this.cachedDetails(appId, livestreamId);
    if (cached) {
      return cached;
    }
    const page = { pageNo: 1, perPage: RESOLVE_DETAILS_PER_PAGE };
    await this.loadDetails(appId, livestreamId, page, options);
    const details = this.getDetails(appId, livestreamId, page);
    if (details.value) {
      return details.value.livestream;
    }
    throw details.error ?? new ApiError({ kind: options.signal?.aborted ? 'cancelled' : 'notFound', message: l10n.t({ message: 'Livestream {0} was not found.', args: [livestreamId], comment: ['{0} is a livestream id'] }) });
  }

  private cachedDetails(appId: string, livestreamId: string): Livestream | undefined {
    const prefix = `${appId}/${livestreamId}?`;
    for (const [key, slot] of this.details.entries()) {
      if (key.startsWith(prefix) && slot.state.value) {
        return slot.state.value.livestream;
      }
    }
    return undefined;
  }

  liveCount(): number {
    return this.allLoaded().filter((l) => l.status === 'LIVE').length;
  }

  /** Apps whose list (with this filter) holds something LIVE or INVOKED: the ones worth polling. */
  activeAppIds(filter?: ListFilter): string[] {
    const ids: string[] = [];
    for (const [key, slot] of this.lists.entries()) {
      if (filterOfKey(key) === filter && slot.state.value?.items.some((l) => isActiveStatus(l.status))) {
        ids.push(appOfKey(key));
      }
    }
    return ids;
  }

  dispose(): void {
    this.disposed = true;
    this.loader.dispose();
    this.changed.dispose();
  }

  // ---- mechanics ---------------------------------------------------------------------------

  private load<T>(slot: Slot<T>, change: StoreChange, options: LoadOptions, fetch: (signal: AbortSignal) => Promise<T>): Promise<void> {
    return this.loader.load(slot, change, options.signal, fetch);
  }

  /** The slot is still the one the store holds for its key (a reset replaces them all). */
  private holds(slot: Slot<unknown>): boolean {
    if (this.disposed) return false;
    if (slot === this.apps) return true;
    return [this.lists, this.details, this.analytics, this.activeSessions, this.sessions, this.meetings, this.dashboard].some((part) => part.holds(slot));
  }

}

/** Sessions fetched with a livestream resolved for a command: the panel's first page is usually this size too. */
const RESOLVE_DETAILS_PER_PAGE = 10;

function detailsKey(appId: string, livestreamId: string, page: DetailsPage): string {
  return `${appId}/${livestreamId}?${page.pageNo}x${page.perPage}`;
}
