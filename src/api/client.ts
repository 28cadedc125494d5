// RealtimeKitApi over HTTP: builds paths and queries, asks http.ts, hands the JSON to
// normalise.ts. No wire shape escapes this file.
import type { ClientOptions, PageRequest, RealtimeKitApi } from './api';
import { toDaywise, toMeetingActiveLivestream, toMeetingLivestreams, toSessionPage } from './answers';
import { isApiError } from './errors';
import { HttpClient, type QueryValue } from './http';
import * as wire from './normalise';
import { redact } from '../shared/redact';
import { silentLogger, type Logger } from '../shared/log';
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

/**
 * Fetch-all loops stop here even if the API keeps saying "more": one call never costs more than
 * four requests, and 200 accounts or apps is far beyond what anyone browses in a sidebar.
 */
export const MAX_PAGES = 4;
/** Page sizes for the fetch-all loops: Cloudflare's /accounts allows at most 50. */
const ACCOUNTS_PER_PAGE = 50;
const APPS_PER_PAGE = 50;
const DEFAULT_PER_PAGE = 25;
/** Stream keys remembered for redaction; old ones are forgotten first. */
const MAX_KNOWN_KEYS = 5000;

const seg = encodeURIComponent;

export class RealtimeKitClient implements RealtimeKitApi {
  private readonly http: HttpClient;
  private readonly log: Logger;
  /**
   * Stream keys this client has handed out. The API never needs them in a request, but an error
   * message could echo one: the HTTP core redacts them like the token.
   */
  private readonly streamKeys = new Set<string>();

  constructor(options: ClientOptions) {
    this.http = new HttpClient(options, () => this.streamKeys);
    this.log = options.logger ?? silentLogger;
  }

  async listAccounts(opts?: RequestOptions): Promise<Account[]> {
    return this.fetchAll('accounts', ACCOUNTS_PER_PAGE, (pageNo) =>
      this.get('/accounts', { page: pageNo, per_page: ACCOUNTS_PER_PAGE }, opts).then((body) =>
        wire.toAccountPage(body, pageNo, ACCOUNTS_PER_PAGE, this.warn),
      ),
    );
  }

  /**
   * Who owns the token decides which endpoint accepts it: try the user endpoint, then the
   * account one. If both refuse, the account endpoint's error is the more specific one.
   */
  async verifyToken(accountId?: string, opts?: RequestOptions): Promise<TokenInfo> {
    try {
      return wire.toTokenInfo(await this.get('/user/tokens/verify', undefined, opts), 'user');
    } catch (err) {
      const ownerMismatch = isApiError(err) && ['auth', 'permission', 'notFound'].includes(err.kind);
      if (!accountId || !ownerMismatch) {
        throw err;
      }
    }
    return wire.toTokenInfo(await this.get(`/accounts/${seg(accountId)}/tokens/verify`, undefined, opts), 'account');
  }

  async listApps(accountId: string, opts?: RequestOptions): Promise<App[]> {
    return this.fetchAll('apps', APPS_PER_PAGE, (pageNo) =>
      this.get(`${kit(accountId)}/apps`, { page_no: pageNo, per_page: APPS_PER_PAGE }, opts).then((body) =>
        wire.toAppPage(body, pageNo, APPS_PER_PAGE, this.warn),
      ),
    );
  }

  async listLivestreams(accountId: string, appId: string, query: ListLivestreamsQuery = {}, opts?: RequestOptions): Promise<Page<Livestream>> {
    const pageNo = query.pageNo ?? 1;
    const perPage = query.perPage ?? DEFAULT_PER_PAGE;
    const body = await this.get(
      `${kit(accountId)}/${seg(appId)}/livestreams`,
      {
        page_no: pageNo,
        per_page: perPage,
        status: query.status,
        sort_order: query.sortOrder,
        start_time: query.startTime,
        end_time: query.endTime,
        exclude_meetings: query.excludeMeetings === undefined ? undefined : String(query.excludeMeetings),
      },
      opts,
    );
    return this.remember(wire.toLivestreamPage(body, appId, pageNo, perPage, this.warn));
  }

  async getLivestream(
    accountId: string,
    appId: string,
    livestreamId: string,
    page: PageRequest = {},
    opts?: RequestOptions,
  ): Promise<LivestreamDetails> {
    const pageNo = page.pageNo ?? 1;
    const perPage = page.perPage ?? DEFAULT_PER_PAGE;
    const body = await this.get(`${kit(accountId)}/${seg(appId)}/livestreams/${seg(livestreamId)}`, { page_no: pageNo, per_page: perPage }, opts);
    return this.remember(wire.toLivestreamDetails(body, appId, pageNo, perPage, this.warn));
  }

  async getActiveSession(accountId: string, appId: string, livestreamId: string, opts?: RequestOptions): Promise<ActiveSession> {
    const body = await this.get(`${kit(accountId)}/${seg(appId)}/livestreams/${seg(livestreamId)}/active-livestream-session`, undefined, opts);
    return this.remember(wire.toActiveSession(body, appId, this.warn));
  }

  async getSession(accountId: string, appId: string, sessionId: string, opts?: RequestOptions): Promise<Session> {
    const body = await this.get(`${kit(accountId)}/${seg(appId)}/livestreams/sessions/${seg(sessionId)}`, undefined, opts);
    return wire.toSessionAnswer(body);
  }

  /** The overall endpoint documents ISO date-times. */
  async getAppAnalytics(accountId: string, appId: string, range?: TimeRange, opts?: RequestOptions): Promise<AppAnalytics> {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const body = await this.get(
      `${kit(accountId)}/${seg(appId)}/analytics/livestreams/overall`,
      { start_time: iso(range?.startMs), end_time: iso(range?.endMs) },
      opts,
    );
    return wire.toAnalytics(body);
  }

  /** The daywise endpoint documents Unix timestamps in seconds. */
  async getDaywiseAnalytics(accountId: string, appId: string, range?: TimeRange, opts?: RequestOptions): Promise<DayAnalytics[]> {
    const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.floor(ms / 1000));
    const body = await this.get(
      `${kit(accountId)}/${seg(appId)}/analytics/livestreams/daywise`,
      { start_time: seconds(range?.startMs), end_time: seconds(range?.endMs) },
      opts,
    );
    return toDaywise(body, this.warn);
  }

  async createLivestream(accountId: string, appId: string, name: string, opts?: RequestOptions): Promise<Livestream> {
    const body = await this.http.post(`${kit(accountId)}/${seg(appId)}/livestreams`, { name }, opts?.signal);
    return this.remember(wire.toLivestreamAnswer(body, appId));
  }

  // ---- meetings --------------------------------------------------------------------------------

  async getMeetingActiveLivestream(accountId: string, appId: string, meetingId: string, opts?: RequestOptions): Promise<Livestream> {
    const body = await this.get(`${meeting(accountId, appId, meetingId)}/active-livestream`, undefined, opts);
    return this.remember(toMeetingActiveLivestream(body, appId));
  }

  async getMeetingLivestreams(accountId: string, appId: string, meetingId: string, page: PageRequest = {}, opts?: RequestOptions): Promise<MeetingLivestreams> {
    const pageNo = page.pageNo ?? 1;
    const perPage = page.perPage ?? DEFAULT_PER_PAGE;
    const body = await this.get(`${meeting(accountId, appId, meetingId)}/livestream`, { page_no: pageNo, per_page: perPage }, opts);
    const answer = toMeetingLivestreams(body, appId, pageNo, perPage, this.warn);
    this.remember({ items: answer.livestreams });
    return answer;
  }

  async getMeetingSessionLivestreamSessions(accountId: string, appId: string, sessionId: string, page: PageRequest = {}, opts?: RequestOptions): Promise<Page<Session>> {
    const pageNo = page.pageNo ?? 1;
    const perPage = page.perPage ?? DEFAULT_PER_PAGE;
    const body = await this.get(`${kit(accountId)}/${seg(appId)}/sessions/${seg(sessionId)}/livestream-sessions`, { page_no: pageNo, per_page: perPage }, opts);
    return toSessionPage(body, pageNo, perPage, this.warn);
  }

  async startMeetingLivestream(accountId: string, appId: string, meetingId: string, start: StartMeetingLivestream, opts?: RequestOptions): Promise<Livestream> {
    const { width, height } = start.videoConfig;
    const body = await this.http.post(`${meeting(accountId, appId, meetingId)}/livestreams`, { name: start.name, video_config: { width, height } }, opts?.signal);
    return this.remember(wire.toLivestreamAnswer(body, appId));
  }

  async stopMeetingLivestream(accountId: string, appId: string, meetingId: string, opts?: RequestOptions): Promise<void> {
    // The answer carries only a message; a success without an error is all there is to read.
    await this.http.post(`${meeting(accountId, appId, meetingId)}/active-livestream/stop`, undefined, opts?.signal);
  }

  // -------------------------------------------------------------------------------------------

  private get(path: string, query: Record<string, QueryValue> | undefined, opts: RequestOptions | undefined): Promise<unknown> {
    return this.http.get(path, query, opts?.signal, opts?.retry);
  }

  /** Note the stream keys in an answer before handing it out. */
  private remember<T extends Livestream | { livestream: Livestream } | { items: readonly Livestream[] }>(answer: T): T {
    const found: Livestream | { livestream: Livestream } | { items: readonly Livestream[] } = answer;
    const streams = 'items' in found ? found.items : 'livestream' in found ? [found.livestream] : [found];
    for (const { streamKey } of streams) {
      if (streamKey) {
        this.streamKeys.delete(streamKey);
        this.streamKeys.add(streamKey);
      }
    }
    for (const old of this.streamKeys) {
      if (this.streamKeys.size <= MAX_KNOWN_KEYS) {
        break;
      }
      this.streamKeys.delete(old);
    }
    return answer;
  }

  /** Normalisation warnings (items without id) go to the log; they never carry secrets, but redact anyway. */
  private readonly warn = (message: string): void => this.log.warn(redact(message));

  /**
   * Page through a list until the API says there is no more: the last of `total_pages`, the
   * reported total reached, or (when it reports neither) a short page. A page with nothing new
   * also ends it: an API that ignored the page number would otherwise loop to MAX_PAGES.
   */
  private async fetchAll<T extends { id: string }>(
    what: string,
    perPage: number,
    fetchPage: (pageNo: number) => Promise<wire.RawPage<T>>,
  ): Promise<T[]> {
    const byId = new Map<string, T>();
    for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
      const page = await fetchPage(pageNo);
      const before = byId.size;
      for (const item of page.items) {
        if (!byId.has(item.id)) {
          byId.set(item.id, item);
        }
      }
      const lastPage =
        page.totalPages !== undefined
          ? pageNo >= page.totalPages
          : page.reportedTotal !== undefined
            ? byId.size >= page.reportedTotal
            : page.items.length < perPage;
      if (lastPage || page.items.length === 0 || byId.size === before) {
        return [...byId.values()];
      }
    }
    this.log.warn(`Listed the first ${MAX_PAGES} pages of ${what} (${byId.size}); the API says there are more, which are not shown.`);
    return [...byId.values()];
  }
}

function kit(accountId: string): string {
  return `/accounts/${seg(accountId)}/realtime/kit`;
}

function meeting(accountId: string, appId: string, meetingId: string): string {
  return `${kit(accountId)}/${seg(appId)}/meetings/${seg(meetingId)}`;
}
