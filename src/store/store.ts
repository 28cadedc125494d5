// One source of truth per account: apps, livestream pages, livestream details and app analytics.
// The tree and the panels read from here and listen to `onDidChange`, so a refresh made for one
// updates the other, and identical loads in flight are shared instead of repeated.
import type { RealtimeKitApi } from '../api/api';
import { ApiError } from '../api/errors';
import type { App, AppAnalytics, KnownStatus, Livestream, LivestreamDetails } from '../api/types';
import { Emitter, type Event } from '../shared/emitter';

export interface StoreSettings {
  readonly accountId: string;
  /** Livestreams per page in the tree (1..100). */
  readonly pageSize: number;
  readonly includeMeetingLivestreams: boolean;
  /** Server-side status filter for livestream lists; undefined shows all. */
  readonly statusFilter?: KnownStatus;
}

/** What a consumer needs to render any loadable thing: the last value, and how fresh it is. */
export interface Loadable<T> {
  readonly value: T | undefined;
  readonly loading: boolean;
  /** The last load's failure; cleared by the next success. A value may still be shown beside it. */
  readonly error: ApiError | undefined;
  /** Date.now() of the last successful load. */
  readonly loadedAt: number | undefined;
}

export interface LivestreamList {
  readonly items: readonly Livestream[];
  readonly totalCount: number;
  /** Pages of `pageSize` loaded so far (1 after the first load). */
  readonly pagesLoaded: number;
}

export type StoreChange =
  | { readonly kind: 'reset' }
  | { readonly kind: 'apps' }
  | { readonly kind: 'livestreams'; readonly appId: string }
  | { readonly kind: 'details'; readonly appId: string; readonly livestreamId: string; readonly page: DetailsPage }
  | { readonly kind: 'analytics'; readonly appId: string };

export interface DetailsPage {
  readonly pageNo: number;
  readonly perPage: number;
}

const EMPTY: Loadable<never> = { value: undefined, loading: false, error: undefined, loadedAt: undefined };

class Slot<T> {
  state: Loadable<T> = EMPTY;
  inFlight: Promise<void> | undefined;
}

export function isActiveStatus(status: string): boolean {
  return status === 'LIVE' || status === 'INVOKED';
}

export class LivestreamStore {
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange: Event<StoreChange> = this.changed.event;

  private settings: StoreSettings;
  /** Bumped on reset so results of loads started before it are dropped. */
  private generation = 0;
  private apps = new Slot<readonly App[]>();
  private lists = new Map<string, Slot<LivestreamList>>();
  private details = new Map<string, Slot<LivestreamDetails>>();
  private analytics = new Map<string, Slot<AppAnalytics>>();

  constructor(
    private readonly api: RealtimeKitApi,
    settings: StoreSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.settings = settings;
  }

  get accountId(): string {
    return this.settings.accountId;
  }

  get currentSettings(): StoreSettings {
    return this.settings;
  }

  /** New account, page size, filter...: everything cached is dropped and consumers re-read. */
  updateSettings(settings: StoreSettings): void {
    this.settings = settings;
    this.reset();
  }

  reset(): void {
    this.generation++;
    this.apps = new Slot();
    this.lists.clear();
    this.details.clear();
    this.analytics.clear();
    this.changed.fire({ kind: 'reset' });
  }

  // ---- apps -------------------------------------------------------------------------------

  getApps(): Loadable<readonly App[]> {
    return this.apps.state;
  }

  loadApps(): Promise<void> {
    const slot = this.apps;
    return this.load(slot, { kind: 'apps' }, async () => {
      const apps = await this.api.listApps(this.settings.accountId);
      return [...apps].sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  // ---- livestream lists --------------------------------------------------------------------

  getLivestreams(appId: string): Loadable<LivestreamList> {
    return this.lists.get(appId)?.state ?? EMPTY;
  }

  /**
   * Loads (or reloads) every page loaded so far; the first call loads page 1. A load already in
   * flight is joined, unless `fresh` is set (after a write): then one more load follows it, so
   * the result cannot predate the write.
   */
  loadLivestreams(appId: string, options: { fresh?: boolean } = {}): Promise<void> {
    const slot = this.slot(this.lists, appId);
    const start = (): Promise<void> => this.reloadPages(slot, appId, Math.max(1, slot.state.value?.pagesLoaded ?? 1));
    if (options.fresh && slot.inFlight) {
      // Whoever starts a load after the one in flight ends has started after the write: join it.
      return slot.inFlight.then(start);
    }
    return start();
  }

  /** Appends the next page to what is loaded (after a reload in flight, which it would join). */
  loadMoreLivestreams(appId: string): Promise<void> {
    const slot = this.slot(this.lists, appId);
    if (slot.inFlight) {
      return slot.inFlight.then(() => this.loadMoreLivestreams(appId));
    }
    const current = slot.state.value;
    if (!current) {
      return this.loadLivestreams(appId);
    }
    if (current.items.length >= current.totalCount) {
      return Promise.resolve();
    }
    return this.load(slot, { kind: 'livestreams', appId }, () =>
      this.fetchPages(appId, current.pagesLoaded + 1, current.pagesLoaded + 1, current.items),
    );
  }

  /**
   * Auto-refresh's reload: only the pages up to the last one holding a LIVE or INVOKED livestream
   * (usually page 1, the newest), keeping older pages as loaded, so polling an app where someone
   * clicked *Load more* ten times still costs one request per tick.
   */
  refreshActiveLivestreams(appId: string): Promise<void> {
    const slot = this.slot(this.lists, appId);
    const current = slot.state.value;
    if (!current) {
      return this.loadLivestreams(appId);
    }
    const lastActive = current.items.map((l) => isActiveStatus(l.status)).lastIndexOf(true);
    const pages = Math.min(current.pagesLoaded, Math.floor(Math.max(lastActive, 0) / this.settings.pageSize) + 1);
    return this.reloadPages(slot, appId, pages);
  }

  /** Reloads pages 1..`pages`, keeping what is loaded beyond them (nothing, when that is all). */
  private reloadPages(slot: Slot<LivestreamList>, appId: string, pages: number): Promise<void> {
    const current = slot.state.value;
    const pagesLoaded = Math.max(pages, current?.pagesLoaded ?? 1);
    const older = current?.items.slice(pages * this.settings.pageSize) ?? [];
    return this.load(slot, { kind: 'livestreams', appId }, async () => {
      const fresh = await this.fetchPages(appId, 1, pages, []);
      const seen = new Set(fresh.items.map((l) => l.id));
      const items = [...fresh.items, ...older.filter((l) => !seen.has(l.id))];
      return { items, totalCount: Math.max(fresh.totalCount, items.length), pagesLoaded };
    });
  }

  private async fetchPages(appId: string, from: number, to: number, before: readonly Livestream[]): Promise<LivestreamList> {
    const { pageSize, statusFilter, includeMeetingLivestreams } = this.settings;
    const pageNos: number[] = [];
    for (let p = from; p <= to; p++) {
      pageNos.push(p);
    }
    const pages = await Promise.all(
      pageNos.map((pageNo) =>
        this.api.listLivestreams(this.settings.accountId, appId, {
          pageNo,
          perPage: pageSize,
          sortOrder: 'DSC',
          ...(statusFilter ? { status: statusFilter } : {}),
          excludeMeetings: !includeMeetingLivestreams,
        }),
      ),
    );
    // Items can shift between pages while a list changes; keep the first occurrence of each id.
    const seen = new Set<string>();
    const items: Livestream[] = [];
    for (const item of [...before, ...pages.flatMap((p) => p.items)]) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        items.push(item);
      }
    }
    const last = pages[pages.length - 1];
    return { items, totalCount: Math.max(last.paging.totalCount, items.length), pagesLoaded: to };
  }

  // ---- details and analytics ---------------------------------------------------------------

  getDetails(appId: string, livestreamId: string, page: DetailsPage): Loadable<LivestreamDetails> {
    return this.details.get(detailsKey(appId, livestreamId, page))?.state ?? EMPTY;
  }

  loadDetails(appId: string, livestreamId: string, page: DetailsPage): Promise<void> {
    const slot = this.slot(this.details, detailsKey(appId, livestreamId, page));
    return this.load(slot, { kind: 'details', appId, livestreamId, page }, async () => {
      const details = await this.api.getLivestream(this.settings.accountId, appId, livestreamId, page);
      this.mergeIntoLists(details.livestream);
      return details;
    });
  }

  getAnalytics(appId: string): Loadable<AppAnalytics> {
    return this.analytics.get(appId)?.state ?? EMPTY;
  }

  loadAnalytics(appId: string): Promise<void> {
    const slot = this.slot(this.analytics, appId);
    return this.load(slot, { kind: 'analytics', appId }, () => this.api.getAppAnalytics(this.settings.accountId, appId));
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Creates a livestream, then reloads its app's list so the tree shows it in place. */
  async createLivestream(appId: string, name: string): Promise<Livestream> {
    const created = await this.api.createLivestream(this.settings.accountId, appId, name);
    await this.loadLivestreams(appId, { fresh: true });
    return created;
  }

  // ---- queries -----------------------------------------------------------------------------

  /** Every livestream loaded so far, with its app. */
  *allLoaded(): Iterable<Livestream> {
    for (const slot of this.lists.values()) {
      yield* slot.state.value?.items ?? [];
    }
  }

  find(livestreamId: string): Livestream | undefined {
    for (const item of this.allLoaded()) {
      if (item.id === livestreamId) {
        return item;
      }
    }
    return undefined;
  }

  /**
   * A livestream by id, for a command given only a reference: from a loaded list, else from
   * cached details, else fetched (its details, first page). Throws the ApiError of a failed fetch.
   */
  async resolveLivestream(appId: string, livestreamId: string): Promise<Livestream> {
    const cached = this.find(livestreamId) ?? this.cachedDetails(appId, livestreamId);
    if (cached) {
      return cached;
    }
    const page = { pageNo: 1, perPage: RESOLVE_DETAILS_PER_PAGE };
    await this.loadDetails(appId, livestreamId, page);
    const details = this.getDetails(appId, livestreamId, page);
    if (details.value) {
      return details.value.livestream;
    }
    throw details.error ?? new ApiError({ kind: 'notFound', message: `Livestream ${livestreamId} was not found.` });
  }

  private cachedDetails(appId: string, livestreamId: string): Livestream | undefined {
    const prefix = `${appId}/${livestreamId}?`;
    for (const [key, slot] of this.details) {
      if (key.startsWith(prefix) && slot.state.value) {
        return slot.state.value.livestream;
      }
    }
    return undefined;
  }

  liveCount(): number {
    let n = 0;
    for (const item of this.allLoaded()) {
      if (item.status === 'LIVE') {
        n++;
      }
    }
    return n;
  }

  /** Apps whose loaded livestreams include one that is LIVE or INVOKED: the ones worth polling. */
  activeAppIds(): string[] {
    const ids: string[] = [];
    for (const [appId, slot] of this.lists) {
      if (slot.state.value?.items.some((l) => isActiveStatus(l.status))) {
        ids.push(appId);
      }
    }
    return ids;
  }

  dispose(): void {
    this.changed.dispose();
  }

  // ---- mechanics ---------------------------------------------------------------------------

  private slot<T>(map: Map<string, Slot<T>>, key: string): Slot<T> {
    let slot = map.get(key);
    if (!slot) {
      slot = new Slot<T>();
      map.set(key, slot);
    }
    return slot;
  }

  /**
   * The single loading mechanism: one load per slot at a time (a second caller joins the first),
   * errors kept as values beside the last good value, and results from before a reset dropped.
   */
  private load<T>(slot: Slot<T>, change: StoreChange, fetch: () => Promise<T>): Promise<void> {
    if (slot.inFlight) {
      return slot.inFlight;
    }
    const generation = this.generation;
    slot.state = { ...slot.state, loading: true };
    const run = (async () => {
      try {
        const value = await fetch();
        if (generation !== this.generation) {
          return;
        }
        slot.state = { value, loading: false, error: undefined, loadedAt: this.now() };
      } catch (err) {
        if (generation !== this.generation) {
          return;
        }
        const error = err instanceof ApiError ? err : new ApiError({ kind: 'badResponse', message: String(err) });
        slot.state = { ...slot.state, loading: false, error };
      } finally {
        slot.inFlight = undefined;
      }
      this.changed.fire(change);
    })();
    // In flight before anyone hears of it: a listener that loads in response joins this load.
    slot.inFlight = run;
    this.changed.fire(change);
    return run;
  }

  /** A fresher copy of a livestream (from its details) replaces the one in its app's list. */
  private mergeIntoLists(fresh: Livestream): void {
    const slot = this.lists.get(fresh.appId);
    const list = slot?.state.value;
    if (!slot || !list) {
      return;
    }
    const index = list.items.findIndex((l) => l.id === fresh.id);
    if (index < 0 || sameLivestream(list.items[index], fresh)) {
      return;
    }
    const items = [...list.items];
    items[index] = fresh;
    slot.state = { ...slot.state, value: { ...list, items } };
    this.changed.fire({ kind: 'livestreams', appId: fresh.appId });
  }
}

/** Sessions fetched with a livestream resolved for a command: the panel's first page is usually this size too. */
const RESOLVE_DETAILS_PER_PAGE = 10;

function detailsKey(appId: string, livestreamId: string, page: DetailsPage): string {
  return `${appId}/${livestreamId}?${page.pageNo}x${page.perPage}`;
}

function sameLivestream(a: Livestream, b: Livestream): boolean {
  return a.status === b.status && a.name === b.name && a.updatedAt === b.updatedAt && a.disabled === b.disabled;
}
