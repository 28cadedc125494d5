// The surface the rest of the extension uses. `RealtimeKitClient` (client.ts) implements it over
// HTTP; everything above src/api/ depends on this interface only.
import type {
  Account,
  ActiveSession,
  App,
  AppAnalytics,
  ListLivestreamsQuery,
  Livestream,
  LivestreamDetails,
  Page,
  RequestOptions,
  Session,
  TokenInfo,
} from './types';

export interface RealtimeKitApi {
  /** GET /accounts (all pages). An empty list is normal for narrowly scoped tokens. */
  listAccounts(opts?: RequestOptions): Promise<Account[]>;
  /** GET /user/tokens/verify, then /accounts/{id}/tokens/verify when an account id is given. */
  verifyToken(accountId?: string, opts?: RequestOptions): Promise<TokenInfo>;
  /** GET .../realtime/kit/apps (all pages). */
  listApps(accountId: string, opts?: RequestOptions): Promise<App[]>;
  /** GET .../{app}/livestreams: one page. */
  listLivestreams(accountId: string, appId: string, query?: ListLivestreamsQuery, opts?: RequestOptions): Promise<Page<Livestream>>;
  /** GET .../{app}/livestreams/{id}?page_no&per_page: the livestream and one page of sessions. */
  getLivestream(accountId: string, appId: string, livestreamId: string, page?: { pageNo?: number; perPage?: number }, opts?: RequestOptions): Promise<LivestreamDetails>;
  /** GET .../{app}/livestreams/{id}/active-livestream-session */
  getActiveSession(accountId: string, appId: string, livestreamId: string, opts?: RequestOptions): Promise<ActiveSession>;
  /** GET .../{app}/livestreams/sessions/{sessionId} */
  getSession(accountId: string, appId: string, sessionId: string, opts?: RequestOptions): Promise<Session>;
  /** GET .../{app}/analytics/livestreams/overall */
  getAppAnalytics(accountId: string, appId: string, range?: { startTime?: string; endTime?: string }, opts?: RequestOptions): Promise<AppAnalytics>;
  /** POST .../{app}/livestreams {name}. Never retried. */
  createLivestream(accountId: string, appId: string, name: string, opts?: RequestOptions): Promise<Livestream>;
}

export interface ClientOptions {
  /** e.g. https://api.cloudflare.com/client/v4 (no trailing slash needed). */
  readonly baseUrl: string;
  /** Read for each request, so a token change applies at once. Undefined: requests fail with kind 'auth'. */
  readonly getToken: () => string | undefined | Promise<string | undefined>;
  readonly logger?: import('../shared/log').Logger;
  /** Per-attempt timeout, default 10 000 ms. */
  readonly timeoutMs?: number;
  /** One deadline for a read across all its attempts and waits, default 20 000 ms. */
  readonly deadlineMs?: number;
  /** Retries for idempotent GETs, default 3 (never more than 4 attempts in all). */
  readonly maxRetries?: number;
  /** Answers larger than this are refused unread, default 8 MiB. */
  readonly maxBodyBytes?: number;
  /** Base backoff, default 500 ms; jittered exponential. */
  readonly retryBaseMs?: number;
  /** Upper bound for any single wait (including Retry-After), default 30000. */
  readonly maxRetryDelayMs?: number;
  /** Injected for tests: defaults to setTimeout-based sleep honouring the signal. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests: defaults to Math.random. */
  readonly random?: () => number;
  /** Injected for tests/bench: defaults to globalThis.fetch. */
  readonly fetch?: typeof fetch;
  /** Sent as User-Agent. */
  readonly userAgent?: string;
  /**
   * Asked once before anything goes to a plain-http base URL that is not this machine (the token
   * would travel unencrypted). Without it, such a URL is refused.
   */
  readonly approveInsecure?: (baseUrl: string) => Promise<boolean>;
}
