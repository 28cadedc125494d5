// What the app dashboard and its webview say to each other, and what it saves to come back after
// a reload. As with the livestream panel, whatever arrives from the webview is `unknown` until
// `parseDashboardMessage` / `parseDashboardState` accept it, and nothing secret ever goes out:
// the dashboard shows analytics and livestream names, never credentials.
import type { AppRef } from '../shared/ref';
import { isObject } from '../shared/json';
import { hasOnlyKeys, isId, oneOf, type ChartModel, type LivestreamLink, type StatTile } from './common';

export const DASHBOARD_VIEW_TYPE = 'realtimekit.appDashboard';

/** The ranges offered: the last 7, 30 or 90 days (analytics are kept for 6 months). */
export const RANGE_DAYS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];
export const DEFAULT_RANGE_DAYS: RangeDays = 30;

/** Commands the dashboard's buttons run (signed out, another account). */
export const DASHBOARD_COMMANDS = ['setApiToken', 'selectAccount'] as const;
export type DashboardCommand = (typeof DASHBOARD_COMMANDS)[number];

/** What survives a window reload. */
export interface DashboardState {
  readonly version: 1;
  readonly ref: AppRef;
  readonly days: RangeDays;
}

/** What the webview keeps with setState: the state, and the last view to paint at once. */
export interface DashboardWebviewState extends DashboardState {
  /** The account the view was saved under: painted again only under the same account. */
  readonly account?: string;
  readonly view?: DashboardView;
  /** Webview-clock time the view's data was loaded, for "Updated Ns ago" after a re-show. */
  readonly loadedAt?: number;
}

/** Webview -> extension. */
export type DashboardInbound =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'range'; readonly days: RangeDays }
  | { readonly type: 'openLivestream'; readonly livestreamId: string }
  | { readonly type: 'command'; readonly command: DashboardCommand };

/** Extension -> webview. */
export type DashboardOutbound = { readonly type: 'update'; readonly view: DashboardView; readonly state: DashboardState };

export type Part<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string } | ({ readonly state: 'loaded' } & T);

export interface LinkList {
  readonly links: readonly LivestreamLink[];
  /** How many there are in all (the list shows the first page). */
  readonly total: number;
}

export interface DashboardView {
  /** The app's name (its id until the apps are loaded). */
  readonly title: string;
  readonly appId: string;
  readonly days: RangeDays;
  /** "2026-10-30 – 2026-11-28 (UTC)" once loaded. */
  readonly rangeLabel: string;
  readonly fetch: {
    readonly loading: boolean;
    /** A failure with nothing to show; its fix (Set API Token) when there is one. */
    readonly error: { readonly message: string; readonly action: DashboardCommand | null } | null;
    readonly ageMs: number | null;
  };
  /** Signed out, or the app belongs to another account: shown instead of data. */
  readonly notice: { readonly message: string; readonly action: DashboardCommand; readonly actionLabel: string } | null;
  /** `…/analytics/livestreams/overall` over the range. */
  readonly totals: Part<{ readonly tiles: readonly StatTile[] }>;
  /** `…/analytics/livestreams/daywise` over the range: every day, days without data as zero. */
  readonly chart: Part<{ readonly model: ChartModel; readonly activeDays: number }>;
  readonly live: Part<LinkList>;
  readonly errored: Part<LinkList>;
}

// ---- validation ---------------------------------------------------------------------------

export function isRangeDays(value: unknown): value is RangeDays {
  return typeof value === 'number' && (RANGE_DAYS as readonly number[]).includes(value);
}

export function parseAppRef(value: unknown): AppRef | undefined {
  if (!isObject(value) || !isId(value.accountId) || !isId(value.appId)) {
    return undefined;
  }
  return { accountId: value.accountId, appId: value.appId };
}

/** Accepts a DashboardWebviewState too (the cached view is ignored: the extension rebuilds it). */
export function parseDashboardState(value: unknown): DashboardState | undefined {
  if (!isObject(value) || value.version !== 1) {
    return undefined;
  }
  const ref = parseAppRef(value.ref);
  return ref && isRangeDays(value.days) ? { version: 1, ref, days: value.days } : undefined;
}

export function parseDashboardMessage(value: unknown): DashboardInbound | undefined {
  if (!isObject(value) || typeof value.type !== 'string') {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
    case 'refresh':
      return hasOnlyKeys(value, ['type']) ? { type: value.type } : undefined;
    case 'range':
      return hasOnlyKeys(value, ['type', 'days']) && isRangeDays(value.days) ? { type: 'range', days: value.days } : undefined;
    case 'openLivestream':
      return hasOnlyKeys(value, ['type', 'livestreamId']) && isId(value.livestreamId) ? { type: 'openLivestream', livestreamId: value.livestreamId } : undefined;
    case 'command':
      return hasOnlyKeys(value, ['type', 'command']) && oneOf(DASHBOARD_COMMANDS, value.command) ? { type: 'command', command: value.command } : undefined;
    default:
      return undefined;
  }
}
