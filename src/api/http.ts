// The transport: the only place that calls fetch. One request, bounded in every dimension: one
// total deadline across its attempts, at most four attempts, a size limit on the answer (read as
// a stream), no redirects (the token goes to realtimekit.apiBaseUrl and nowhere else), and the
// caller's AbortSignal honoured at every step. What a failure means and how it is worded is
// failures.ts's business; sharing identical loads is the store's.
//
// Retry policy: GETs only (a POST that timed out may have created the livestream already), on
// 429, 500, 502, 503, 504, timeouts and socket errors a second attempt can fix. Waits are
// exponential with "equal jitter", base * 2^attempt * (0.5 + random/2): unlike full jitter it
// never retries almost at once, which matters when the server is overloaded, yet still spreads
// several windows' polls apart. `Retry-After` overrides the backoff; when the server asks for
// longer than we may wait (the deadline, or `maxRetryDelayMs`) we give up at once, so the UI can
// say when to come back instead of hanging.
import * as l10n from '@vscode/l10n';
import { formatElapsedMs } from '../shared/format';
import { silentLogger, type Logger } from '../shared/log';
import type { ClientOptions } from './api';
import { ApiError } from './errors';
import { isInsecureBaseUrl } from '../shared/config';
import {
  cancelledFailure,
  insecureFailure,
  networkFailure,
  readAnswer,
  redirectFailure,
  retryReason,
  timeoutFailure,
  tooLargeFailure,
  type Failure,
  type Target,
} from './failures';
import { redact } from '../shared/redact';
import { isTransientNetworkError, networkReason } from './socketErrors';
import { unsafeTokenCharacter, unsafeTokenMessage } from './token';
import { buildUrl, defaultSleep, parseRetryAfter, readBody, type QueryValue } from './transportParts';

export { buildUrl, defaultSleep, parseRetryAfter, type QueryValue };

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, ids already encoded, e.g. `/accounts/abc/realtime/kit/apps`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** False: a GET gets one attempt (polls). */
  readonly retry?: boolean;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 10_000,
  deadlineMs: 20_000,
  maxRetries: 3,
  retryBaseMs: 500,
  maxRetryDelayMs: 30_000,
  maxBodyBytes: 8 * 1024 * 1024,
} as const;
/** Whatever the options say: a read never costs more than this many requests. */
export const MAX_ATTEMPTS = 4;
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** An attempt with less time than this left (or than its timeout, if shorter) is not worth starting. */
const MIN_ATTEMPT_MS = 1000;

/** One logical request: what every attempt needs to build URLs, messages and redactions. */
interface Call {
  readonly req: HttpRequest;
  readonly url: string;
  readonly target: Target;
  /** Sent as Bearer; otherwise used only to redact it from every message. */
  readonly token: string;
}

/** What one attempt produced, before the retry decision. */
type Attempt =
  | { readonly ok: true; readonly body: Record<string, unknown>; readonly status: number }
  | { readonly ok: false; readonly failure: Failure; readonly outcome: string; readonly retryable: boolean };

export class HttpClient {
  private readonly baseUrl: string;
  private readonly host: string;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly attempts: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxBodyBytes: number;
  private readonly sleep: NonNullable<ClientOptions['sleep']>;
  private readonly random: () => number;
  private readonly fetchFn: typeof fetch;
  /** The user's answer about a plain-http base URL, asked once per client (one client per URL). */
  private insecureApproval: Promise<boolean> | undefined;

  /**
   * @param knownSecrets secrets seen so far besides the token (the client passes the stream keys
   *   it has read), redacted too in case an API error message echoes one.
   */
  constructor(
    private readonly options: ClientOptions,
    private readonly knownSecrets: () => Iterable<string> = () => [],
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.host = hostOf(this.baseUrl);
    this.log = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
    this.deadlineMs = options.deadlineMs ?? HTTP_DEFAULTS.deadlineMs;
    this.attempts = Math.min(MAX_ATTEMPTS, 1 + Math.max(0, options.maxRetries ?? HTTP_DEFAULTS.maxRetries));
    this.retryBaseMs = options.retryBaseMs ?? HTTP_DEFAULTS.retryBaseMs;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? HTTP_DEFAULTS.maxRetryDelayMs;
    this.maxBodyBytes = options.maxBodyBytes ?? HTTP_DEFAULTS.maxBodyBytes;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get(path: string, query?: HttpRequest['query'], signal?: AbortSignal, retry?: boolean): Promise<Record<string, unknown>> {
    return this.request({ method: 'GET', path, query, signal, retry });
  }

  post(path: string, body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.request({ method: 'POST', path, body, signal });
  }

  /** Resolves with the JSON object of a successful answer; rejects with ApiError only. */
  async request(req: HttpRequest): Promise<Record<string, unknown>> {
    const label = `${req.method} ${req.path}${req.query ? buildUrl('', '', req.query) : ''}`;
    const target: Target = { host: this.host, label };
    if (req.signal?.aborted) {
      throw this.error(cancelledFailure(), target, '');
    }
    if (isInsecureBaseUrl(this.baseUrl) && !(await this.approveInsecure())) {
      throw this.error(insecureFailure(this.baseUrl), target, '');
    }
    const token = await this.readToken(target);
    return this.withRetries({ req, url: buildUrl(this.baseUrl, req.path, req.query), target, token });
  }

  private approveInsecure(): Promise<boolean> {
    const ask = this.options.approveInsecure;
    this.insecureApproval ??= ask ? ask(this.baseUrl).catch(() => false) : Promise.resolve(false);
    return this.insecureApproval;
  }

  private async readToken(target: Target): Promise<string> {
    let token: string | undefined;
    try {
      token = (await this.options.getToken())?.trim();
    } catch (err) {
      throw this.error(
        { kind: 'auth', message: l10n.t({ message: "Couldn't read the API token: {0}", args: [err instanceof Error ? err.message : String(err)], comment: ["{0} is the secret storage's own error text"] }) },
        target,
        '',
      );
    }
    if (!token) {
      throw this.error({ kind: 'auth', message: l10n.t('No API token is set. Set one with “RealtimeKit: Set API Token”.') }, target, '');
    }
    const unsafe = unsafeTokenCharacter(token);
    if (unsafe) {
      // Fetch would refuse the header and it would look like a network problem; nothing is sent.
      throw this.error(
        { kind: 'auth', message: l10n.t({ message: '{0} Set it again with “RealtimeKit: Set API Token”.', args: [unsafeTokenMessage(unsafe)], comment: ['{0} is a sentence saying which character of the token cannot be sent'] }) },
        target,
        token,
      );
    }
    return token;
  }

  /** Every log line and error text passes through here before anyone can see it. */
  private scrub(text: string, token: string): string {
    return redact(text, [token, ...this.knownSecrets()]);
  }

  private error(failure: Failure, target: Target, token: string): ApiError {
    const clean = (text: string): string => this.scrub(text, token);
    return new ApiError({
      kind: failure.kind,
      message: clean(failure.message),
      request: clean(target.label),
      status: failure.status,
      apiMessage: failure.apiMessage === undefined ? undefined : clean(failure.apiMessage),
      retryAfterSeconds: failure.retryAfterSeconds,
    });
  }

  // ---- attempts and retries ------------------------------------------------------------------

  private async withRetries(call: Call): Promise<Record<string, unknown>> {
    const { target, req } = call;
    const signal = req.signal;
    const clean = (text: string): string => this.scrub(text, call.token);
    const started = Date.now();
    // A POST is never retried (it may have succeeded): one attempt, bounded like a read.
    const attempts = req.method === 'GET' && req.retry !== false ? this.attempts : 1;
    const deadline = started + (req.method === 'GET' ? this.deadlineMs : Math.min(this.timeoutMs, this.deadlineMs));
    for (let attempt = 0; ; attempt++) {
      const attemptStarted = Date.now();
      const result = await this.attempt(call, Math.max(1, Math.min(this.timeoutMs, deadline - attemptStarted)));
      const took = formatElapsedMs(Date.now() - attemptStarted);
      if (result.ok) {
        this.log.info(clean(`${target.label} → ${result.status} (${took})`));
        return result.body;
      }
      const line = `${target.label} → ${result.outcome} (${took})`;
      if (result.failure.kind === 'cancelled' || signal?.aborted) {
        this.log.debug(clean(line));
        throw this.error(cancelledFailure(), target, call.token);
      }
      // A timeout is reported for the whole read: how long it waited in all, over how many attempts.
      const failure = result.failure.kind === 'timeout' ? timeoutFailure(target, Date.now() - started, attempt + 1) : result.failure;
      const error = this.error(failure, target, call.token);
      const delay = result.retryable && attempt + 1 < attempts ? this.retryDelay(error, attempt, deadline) : undefined;
      if (delay === undefined) {
        this.log.warn(clean(`${line}: ${error.message}`));
        throw error;
      }
      this.log.warn(clean(`${line}; retry ${attempt + 1}/${attempts - 1} in ${formatElapsedMs(delay)} (${retryReason(error)})`));
      try {
        await this.sleep(delay, signal);
      } catch {
        // A sleep rejects only on abort.
      }
      if (signal?.aborted) {
        throw this.error(cancelledFailure(), target, call.token);
      }
    }
  }

  /** Milliseconds to wait before retrying, or undefined when there is no point (or no time left). */
  private retryDelay(error: ApiError, attempt: number, deadline: number): number | undefined {
    const wait =
      error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : Math.round(Math.min(this.maxRetryDelayMs, this.retryBaseMs * 2 ** attempt * (0.5 + this.random() / 2)));
    if (wait > this.maxRetryDelayMs) {
      return undefined;
    }
    const left = deadline - Date.now() - wait;
    return left >= Math.min(MIN_ATTEMPT_MS, this.timeoutMs) ? wait : undefined;
  }

  private async attempt(call: Call, timeoutMs: number): Promise<Attempt> {
    const { req, target } = call;
    const signal = req.signal;
    if (signal?.aborted) {
      // Aborted while the token was read or between attempts: send nothing.
      return { ok: false, failure: cancelledFailure(), outcome: 'cancelled', retryable: false };
    }
    // One controller per attempt, aborted by the caller's signal, by our timeout, or by us when
    // the answer is too large. The timer also covers reading the body: a server that sends
    // headers and then stalls is no better than one that never answers.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.fetchFn(call.url, {
        method: req.method,
        headers: this.headers(req, call.token),
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        redirect: 'manual',
        signal: controller.signal,
      });
      const status = response.status;
      if (status >= 300 && status <= 399) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, failure: redirectFailure(target, status, response.headers.get('location')), outcome: `${status} redirect`, retryable: false };
      }
      const text = await readBody(response, controller, this.maxBodyBytes);
      if (text === undefined) {
        return { ok: false, failure: tooLargeFailure(target, this.maxBodyBytes), outcome: `${status}, answer too large`, retryable: false };
      }
      const reading = readAnswer(
        {
          status,
          statusText: response.statusText,
          contentType: response.headers.get('content-type'),
          retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
          text,
        },
        target,
      );
      if (reading.ok) {
        return { ok: true, body: reading.body, status };
      }
      return { ok: false, failure: reading.failure, outcome: String(status), retryable: RETRYABLE_STATUSES.has(reading.failure.status ?? status) && status >= 400 };
    } catch (err) {
      if (signal?.aborted) {
        return { ok: false, failure: cancelledFailure(), outcome: 'cancelled', retryable: false };
      }
      if (timedOut) {
        return { ok: false, failure: timeoutFailure(target, timeoutMs, 1), outcome: `no answer within ${formatElapsedMs(timeoutMs)}`, retryable: true };
      }
      const reason = networkReason(err);
      return { ok: false, failure: networkFailure(target, reason), outcome: reason, retryable: isTransientNetworkError(err) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private headers(req: HttpRequest, token: string): Record<string, string> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (this.options.userAgent) {
      headers['User-Agent'] = this.options.userAgent;
    }
    return headers;
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
