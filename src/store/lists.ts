// How the store reads a livestream list: pages of it, merged, and the keys its slots go by.
// Pure functions over the API, so the store keeps only the bookkeeping.
import type { RealtimeKitApi } from '../api/api';
import type { Livestream } from '../api/types';
import type { KnownStatus } from '../shared/status';

export interface StoreSettings {
  readonly accountId: string;
  /** Livestreams per page of a list (1..100). */
  readonly pageSize: number;
  readonly includeMeetingLivestreams: boolean;
}

/** A server-side status filter for a list; undefined lists every livestream. */
export type ListFilter = KnownStatus | undefined;

export interface LivestreamList {
  readonly items: readonly Livestream[];
  readonly totalCount: number;
  /** Pages of `pageSize` loaded so far (1 after the first load). */
  readonly pagesLoaded: number;
}

/** Pages `from`..`to` of a list, after the `before` items; ids that moved between pages appear once. */
export async function fetchPages(
api: RealtimeKitApi,
settings: StoreSettings,
appId: string,
filter: ListFilter,
from: number,
to: number,
before: readonly Livestream[],
signal: AbortSignal,
): Promise<LivestreamList> {
  const { pageSize, includeMeetingLivestreams, accountId } = settings;
  const pageNos: number[] = [];
  for (let p = from; p <= to; p++) {
    pageNos.push(p);
  }
  const pages = await Promise.all(
    pageNos.map((pageNo) =>
      api.listLivestreams(
        accountId,
        appId,
        { pageNo, perPage: pageSize, sortOrder: 'DSC', ...(filter ? { status: filter } : {}), excludeMeetings: !includeMeetingLivestreams },
        { signal },
      ),
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

export function listKey(appId: string, filter: ListFilter): string {
  return `${appId}|${filter ?? ''}`;
}

export function appOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf('|'));
}

export function filterOfKey(key: string): ListFilter {
  return (key.slice(key.lastIndexOf('|') + 1) || undefined) as ListFilter;
}

/** Two copies of a livestream that show the same thing in a list. */
export function sameLivestream(a: Livestream, b: Livestream): boolean {
  return a.status === b.status && a.name === b.name && a.updatedAt === b.updatedAt && a.disabled === b.disabled;
}

/** Clocks differ: a livestream created this long before a request still counts as created after it. */
const CLOCK_SKEW_MS = 120_000;

/** The newest livestream named `name` created since `since` (ms), for a POST whose answer was lost. */
export function createdSince(items: readonly Livestream[], name: string, since: number): Livestream | undefined {
  const time = (l: Livestream): number => (l.createdAt ? Date.parse(l.createdAt) : NaN);
  return items.filter((l) => l.name === name && time(l) >= since - CLOCK_SKEW_MS).sort((a, b) => time(b) - time(a))[0];
}
