// Typed, validated settings. Reads through a structural `ConfigSource` (what
// `vscode.workspace.getConfiguration('realtimekit')` already is), so it stays free of `vscode`
// and unit tests pass a plain object.

export const CONFIG_SECTION = 'realtimekit';
export const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';
export const DEFAULT_AUTO_REFRESH_SECONDS = 15;
/** Shorter intervals would spend the account's API budget (1,200 requests per 5 minutes) too fast. */
export const MIN_AUTO_REFRESH_SECONDS = 5;
export const MAX_AUTO_REFRESH_SECONDS = 3600;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_WATCH_SECONDS = 5;
/** Watching polls even while nothing is visible: never faster than this. */
export const MIN_WATCH_SECONDS = 2;
export const DEFAULT_WATCH_MINUTES = 15;
export const NOTIFICATION_LEVELS = ['all', 'errors', 'off'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

export const SettingKeys = {
  apiBaseUrl: 'apiBaseUrl',
  accountId: 'accountId',
  autoRefreshSeconds: 'autoRefreshSeconds',
  pageSize: 'pageSize',
  includeMeetingLivestreams: 'includeMeetingLivestreams',
  watchSeconds: 'watchSeconds',
  watchMinutes: 'watchMinutes',
  notifications: 'notifications',
  obsWebSocketUrl: 'obsWebSocketUrl',
} as const;

export const DEFAULT_OBS_WEBSOCKET_URL = 'ws://127.0.0.1:4455';

export interface Settings {
  /** Without a trailing slash. */
  readonly apiBaseUrl: string;
  /** A 32-hex account id, lower-cased, or '' when unset or invalid. */
  readonly accountId: string;
  /** 0 = off, otherwise MIN..MAX seconds. */
  readonly autoRefreshSeconds: number;
  /** 1..MAX_PAGE_SIZE. */
  readonly pageSize: number;
  readonly includeMeetingLivestreams: boolean;
  /** Seconds between polls of a watched livestream, MIN_WATCH_SECONDS..300. */
  readonly watchSeconds: number;
  /** How long a livestream is watched without going LIVE, 1..240 minutes. */
  readonly watchMinutes: number;
  /** Which status changes of watched livestreams become notifications. */
  readonly notifications: NotificationLevel;
  /** OBS Studio's WebSocket server (ws:// or wss://). */
  readonly obsWebSocketUrl: string;
}

export interface ConfigSource {
  get<T>(key: string): T | undefined;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

export function readSettings(source: ConfigSource): Settings {
  return {
    apiBaseUrl: normaliseBaseUrl(source.get<unknown>(SettingKeys.apiBaseUrl)),
    accountId: normaliseAccountId(source.get<unknown>(SettingKeys.accountId)),
    autoRefreshSeconds: normaliseInterval(source.get<unknown>(SettingKeys.autoRefreshSeconds)),
    pageSize: clampInt(source.get<unknown>(SettingKeys.pageSize), 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    includeMeetingLivestreams: source.get<unknown>(SettingKeys.includeMeetingLivestreams) !== false,
    watchSeconds: clampInt(source.get<unknown>(SettingKeys.watchSeconds), MIN_WATCH_SECONDS, 300, DEFAULT_WATCH_SECONDS),
    watchMinutes: clampInt(source.get<unknown>(SettingKeys.watchMinutes), 1, 240, DEFAULT_WATCH_MINUTES),
    notifications: notificationLevel(source.get<unknown>(SettingKeys.notifications)),
    obsWebSocketUrl: normaliseObsUrl(source.get<unknown>(SettingKeys.obsWebSocketUrl)),
  };
}

export function normaliseBaseUrl(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!/^https?:\/\/[^\s/]+/i.test(text)) {
    return DEFAULT_API_BASE_URL;
  }
  return text.replace(/\/+$/, '');
}

/**
 * Plain http is fine to this machine (a local proxy, the fake API): anywhere else the token would
 * travel unencrypted, so the user must say yes first.
 */
export function isInsecureBaseUrl(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}

export function normaliseAccountId(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  return isAccountId(text) ? text.toLowerCase() : '';
}

export function normaliseInterval(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_AUTO_REFRESH_SECONDS;
  if (n <= 0) {
    return 0;
  }
  return Math.min(MAX_AUTO_REFRESH_SECONDS, Math.max(MIN_AUTO_REFRESH_SECONDS, Math.round(n)));
}

function normaliseObsUrl(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  return /^wss?:\/\/[^\s/]+/i.test(text) ? text.replace(/\/+$/, '') : DEFAULT_OBS_WEBSOCKET_URL;
}

function notificationLevel(value: unknown): NotificationLevel {
  return (NOTIFICATION_LEVELS as readonly unknown[]).includes(value) ? (value as NotificationLevel) : 'all';
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, n));
}
