// Builders for the sidebar's unit tests (tree model, picks, session, auto-refresh): domain objects
// with defaults, an in-memory RealtimeKitApi with paging and injectable failures, and an
// in-memory SecretStorage that can simulate another window.
import type { RealtimeKitApi } from '../../src/api/api';
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import type { Account, App, ListLivestreamsQuery, Livestream, Page, TokenInfo } from '../../src/api/types';
import type { SecretStorageLike } from '../../src/connection/tokenStore';
import type { Settings } from '../../src/shared/config';
import type { Loadable } from '../../src/store/loadable';
import type { LivestreamList } from '../../src/store/store';
import { Emitter } from '../../src/shared/emitter';

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const ACCOUNT_ID = 'a'.repeat(32);
export const OTHER_ACCOUNT_ID = 'b'.repeat(32);
export const SERVER = 'rtmps://live.cloudflare.com:443/live/';
export const KEY = '0123456789abcdef0123456789abcdefk0123456789abcdef0123456789abcdef';
export const PLAYBACK = 'https://customer-abc.cloudflarestream.com/fedcba9876543210fedcba9876543210/manifest/video.m3u8';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(msBeforeNow: number): string {
  return new Date(NOW - msBeforeNow).toISOString();
}

export function app(id: string, name = `App ${id}`): App {
  return { id, name, createdAt: iso(30 * DAY) };
}

let counter = 0;

export function livestream(over: Partial<Livestream> = {}): Livestream {
  counter++;
  return {
    id: `ls-${counter}`,
    appId: 'app-1',
    name: `Stream ${counter}`,
    unnamed: false,
    status: 'IDLE',
    ingestServer: SERVER,
    streamKey: `${KEY}-${counter}`,
    playbackUrl: PLAYBACK,
    meetingId: null,
    disabled: false,
    createdAt: iso(DAY),
    updatedAt: iso(HOUR),
    ...over,
  };
}

export function loaded<T>(value: T, over: Partial<Loadable<T>> = {}): Loadable<T> {
  return { value, loading: false, error: undefined, loadedAt: NOW, ...over };
}

export function failed<T>(kind: ApiErrorKind, message: string, value?: T): Loadable<T> {
  return { value, loading: false, error: new ApiError({ kind, message }), loadedAt: undefined };
}

export function list(items: readonly Livestream[], totalCount = items.length, pagesLoaded = 1): LivestreamList {
  return { items, totalCount, pagesLoaded };
}

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    apiBaseUrl: 'http://127.0.0.1:1/client/v4',
    accountId: ACCOUNT_ID,
    autoRefreshSeconds: 15,
    pageSize: 2,
    includeMeetingLivestreams: true,
    watchSeconds: 5,
    watchMinutes: 15,
    notifications: 'all',
    obsWebSocketUrl: 'ws://127.0.0.1:4455',
    ...over,
  };
}

/** An in-memory API: apps and livestreams per account, paging, a call log, and failures on demand. */
export class FakeApi implements RealtimeKitApi {
  readonly calls: string[] = [];
  apps: App[] = [];
  livestreams: Livestream[] = [];
  accounts: Account[] = [{ id: ACCOUNT_ID, name: 'Acme' }];
  /** Next calls of a method fail with this error (consumed one per call). */
  failures = new Map<string, ApiError[]>();
  /** When set, list calls wait for this promise (to observe in-flight sharing). */
  gate: Promise<void> | undefined;
  tokens: Array<string | undefined> = [];

  constructor(private readonly getToken?: () => Promise<string | undefined>) {}

  fail(method: string, kind: ApiErrorKind, message = `${method} failed`, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(new ApiError({ kind, message }));
    this.failures.set(method, list);
  }

  private async enter(method: string, detail = ''): Promise<void> {
    this.calls.push(detail ? `${method} ${detail}` : method);
    if (this.getToken) this.tokens.push(await this.getToken());
    if (this.gate) await this.gate;
    const error = this.failures.get(method)?.shift();
    if (error) throw error;
  }

  async listAccounts(): Promise<Account[]> {
    await this.enter('listAccounts');
    return this.accounts;
  }

  async verifyToken(accountId?: string): Promise<TokenInfo> {
    await this.enter('verifyToken', accountId ?? '');
    return { id: 'tok', status: 'active', owner: 'user' };
  }

  async listApps(accountId: string): Promise<App[]> {
    await this.enter('listApps', accountId);
    return this.apps;
  }

  async listLivestreams(_accountId: string, appId: string, query: ListLivestreamsQuery = {}): Promise<Page<Livestream>> {
    const pageNo = query.pageNo ?? 1;
    const perPage = query.perPage ?? 25;
    await this.enter('listLivestreams', `${appId} p${pageNo}${query.status ? ` ${query.status}` : ''}`);
    const all = this.livestreams
      .filter((l) => l.appId === appId && (!query.status || l.status === query.status))
      .sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
    const items = all.slice((pageNo - 1) * perPage, pageNo * perPage);
    const start = (pageNo - 1) * perPage;
    return { items, paging: { startOffset: start, endOffset: start + items.length, totalCount: all.length }, pageNo, perPage };
  }

  async getLivestream(_accountId: string, appId: string, livestreamId: string, page: { pageNo?: number; perPage?: number } = {}) {
    await this.enter('getLivestream', livestreamId);
    const found = this.livestreams.find((l) => l.id === livestreamId && l.appId === appId);
    if (!found) throw new ApiError({ kind: 'notFound', message: `Livestream ${livestreamId} was not found.` });
    return { livestream: found, sessions: [], paging: { startOffset: 0, endOffset: 0, totalCount: 0 }, pageNo: page.pageNo ?? 1, perPage: page.perPage ?? 10 };
  }

  async getActiveSession(): Promise<never> {
    throw new Error('not used');
  }

  async getSession(): Promise<never> {
    throw new Error('not used');
  }

  async getAppAnalytics() {
    await this.enter('getAppAnalytics');
    return { count: 0, totalIngestSeconds: 0, totalViewerSeconds: 0 };
  }

  async createLivestream(_accountId: string, appId: string, name: string): Promise<Livestream> {
    await this.enter('createLivestream', name);
    const created = livestream({ appId, name, createdAt: new Date(NOW + 1000).toISOString(), updatedAt: new Date(NOW + 1000).toISOString() });
    this.livestreams.push(created);
    return created;
  }
}

/** SecretStorage in memory; `external()` changes a value the way another window would. */
export class MemorySecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  readonly reads: string[] = [];
  /** Set to make every call reject the way a missing or locked keyring does. */
  failure: Error | undefined;
  private readonly changed = new Emitter<{ key: string }>();
  readonly onDidChange = this.changed.event;

  async get(key: string): Promise<string | undefined> {
    this.reads.push(key);
    if (this.failure) throw this.failure;
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.values.set(key, value);
    this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.values.delete(key);
    this.changed.fire({ key });
  }

  /** Another window wrote (or deleted, with undefined) the secret. */
  external(key: string, value: string | undefined): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.changed.fire({ key });
  }
}

/** Resolves once `predicate` holds, checking after each macrotask; fails after `ms`. */
export async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
