// The surface the rest of the extension uses. `RealtimeKitClient` (client.ts) implements it over
// HTTP; everything above src/api/ depends on this interface only.
import type {
  Account,
  ActiveSession,
  App,
  AppAnalytics,
  DayAnalytics,
  ListLivestreamsQuery,
  Livestream,
  LivestreamDetails,
  MeetingLivestreams,
  Page,
  RequestOptions,
  Session,
  StartMeetingLivestream,
  TimeRange,
  TokenInfo,
} from './types';

/** A page to ask for: 1-based number and size. */
export interface PageRequest {
  readonly pageNo?: number;
  readonly perPage?: number;
}

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
  getLivestream(accountId: string, appId: string, livestreamId: string, page?: PageRequest, opts?: RequestOptions): Promise<LivestreamDetails>;
  /** GET .../{app}/livestreams/{id}/active-livestream-session */
  getActiveSession(accountId: string, appId: string, livestreamId: string, opts?: RequestOptions): Promise<ActiveSession>;
  /** GET .../{app}/livestreams/sessions/{sessionId} */
  getSession(accountId: string, appId: string, sessionId: string, opts?: RequestOptions): Promise<Session>;
  /** GET .../{app}/analytics/livestreams/overall (start/end as ISO, as documented); no range: Cloudflare's default window. */
  getAppAnalytics(accountId: string, appId: string, range?: TimeRange, opts?: RequestOptions): Promise<AppAnalytics>;
  /** GET .../{app}/analytics/livestreams/daywise (start/end as Unix seconds, as documented): the days that have data, oldest first. */
  getDaywiseAnalytics(accountId: string, appId: string, range?: TimeRange, opts?: RequestOptions): Promise<DayAnalytics[]>;
  /** POST .../{app}/livestreams {name}. Never retried. */
  createLivestream(accountId: string, appId: string, name: string, opts?: RequestOptions): Promise<Livestream>;
  /** GET .../{app}/meetings/{meetingId}/active-livestream: rejects with kind 'notFound' when nothing is in progress. */
  getMeetingActiveLivestream(accountId: string, appId: string, meetingId: string, opts?: RequestOptions): Promise<Livestream>;
  /** GET .../{app}/meetings/{meetingId}/livestream: one page of the meeting's livestreams and their sessions. */
  getMeetingLivestreams(accountId: string, appId: string, meetingId: string, page?: PageRequest, opts?: RequestOptions): Promise<MeetingLivestreams>;
  /** GET .../{app}/sessions/{sessionId}/livestream-sessions: the livestream sessions of one meeting session. */
  getMeetingSessionLivestreamSessions(accountId: string, appId: string, sessionId: string, page?: PageRequest, opts?: RequestOptions): Promise<Page<Session>>;
  /** POST .../{app}/meetings/{meetingId}/livestreams {name, video_config}. Never retried. */
  startMeetingLivestream(accountId: string, appId: string, meetingId: string, start: StartMeetingLivestream, opts?: RequestOptions): Promise<Livestream>;
  /** POST .../{app}/meetings/{meetingId}/active-livestream/stop. Never retried. */
  stopMeetingLivestream(accountId: string, appId: string, meetingId: string, opts?: RequestOptions): Promise<void>;
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
