// What the store tells its listeners, and how callers take part in a load: types of their own so
// the store's parts (store.ts, meetings.ts, dashboard.ts) share them without importing each other.
import type { RealtimeKitApi } from '../api/api';
import type { RangeDays } from '../contract/appDashboard';
import type { Livestream } from '../api/types';
import type { ListFilter } from './lists';
import type { Slot } from './loader';

export interface DetailsPage {
  readonly pageNo: number;
  readonly perPage: number;
}

export type { RangeDays } from '../contract/appDashboard';

export type StoreChange =
  | { readonly kind: 'reset' }
  | { readonly kind: 'apps' }
  | { readonly kind: 'livestreams'; readonly appId: string; readonly filter: ListFilter }
  | { readonly kind: 'details'; readonly appId: string; readonly livestreamId: string; readonly page: DetailsPage }
  | { readonly kind: 'analytics'; readonly appId: string }
  | { readonly kind: 'activeSession'; readonly appId: string; readonly livestreamId: string }
  | { readonly kind: 'session'; readonly appId: string; readonly sessionId: string }
  | { readonly kind: 'meetingActive'; readonly appId: string; readonly meetingId: string }
  | { readonly kind: 'meetingLivestreams'; readonly appId: string; readonly meetingId: string; readonly page: DetailsPage }
  | { readonly kind: 'meetingSession'; readonly appId: string; readonly sessionId: string; readonly page: DetailsPage }
  | { readonly kind: 'dashboard'; readonly appId: string; readonly days: RangeDays };

/** How a caller takes part in a load. */
export interface LoadOptions {
  /** Aborting it withdraws this caller; the request stops once nobody else wants the answer. */
  readonly signal?: AbortSignal;
  /** False: one attempt, no retries (polls keep to their budget). */
  readonly retry?: boolean;
}

/** What the store's parts need from the store: the API, the account, its one loading mechanism. */
export interface StoreParts {
  readonly api: RealtimeKitApi;
  accountId(): string;
  now(): number;
  load<T>(slot: Slot<T>, change: StoreChange, options: LoadOptions, fetch: (signal: AbortSignal) => Promise<T>): Promise<void>;
  /** A fresher copy of a livestream reaches every list that holds it. */
  noteLivestream(livestream: Livestream): void;
  /** For a write: aborted when the store resets or goes away. */
  writeSignal(): AbortSignal;
  /** After a write: the app's list is read again, after any load in flight (it could predate the write). */
  reloadList(appId: string, filter: ListFilter): Promise<void>;
}
