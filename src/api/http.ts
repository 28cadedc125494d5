// The request core: the only place that calls fetch. It turns every way a request can go wrong
// into one ApiError with a kind and a sentence a person can act on, retries idempotent GETs,
// and shares identical GETs that are already in flight.
//
// Retry policy: GET only (a POST that timed out may have created the livestream already), on
// 429, 500, 502, 503, 504, network errors and timeouts. Waits are exponential with "equal
// jitter", base * 2^attempt * (0.5 + random/2): unlike full jitter (0..cap) it never retries
// almost immediately, which matters when the server is overloaded, yet still spreads several
// windows' polls apart. `Retry-After` overrides the backoff; if the server asks for longer than
// `maxRetryDelayMs` we give up at once so the UI can tell the user instead of hanging.
import type { ClientOptions } from './api';
import { ApiError, type ApiErrorKind } from './errors';
import { apiErrorMessage, apiErrorStatus, isObject } from './normalise';
import { redact } from './redact';
import { silentLogger, type Logger } from '../log';

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, ids already encoded, e.g. `/accounts/abc/realtime/kit/apps`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

const DEFAULTS = { timeoutMs: 15_000, maxRetries: 3, retryBaseMs: 500, maxRetryDelayMs: 30_000 };
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Sleep that ends early (rejecting) when the signal aborts, and leaves no timer behind. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` is either delta-seconds or an HTTP date. Returns seconds, or undefined. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Math.ceil(Number(value));
  }
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** "15 s", "50 ms", "1.5 s": for messages that tell the user how long something took. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      params.append(name, String(value));
    }
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

/** One logical request: what every step needs to build URLs, messages and redactions. */
interface Call {
  readonly req: HttpRequest;
  readonly url: string;
  /** `GET /path?query`: for logs and ApiError.request (no host: it is in the settings). */
  readonly label: string;
  /** Sent as Bearer; otherwise used only to redact it from every message. */
  readonly token: string;
}

/** What one attempt produced, before retry decisions. `error.kind` drives the retry. */
type Attempt = { ok: true; body: unknown; status: number } | { ok: false; error: ApiError; outcome: string };

interface InFlight {
  readonly promise: Promise<unknown>;
  readonly controller: AbortController;
  waiters: number;
}

export class HttpClient {
  private readonly baseUrl: string;
  private readonly host: string;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly sleep: NonNullable<ClientOptions['sleep']>;
  private readonly random: () => number;
  private readonly fetchFn: typeof fetch;
  /** Keyed by token + URL, so a token change never reuses an answer meant for the old token. */
  private readonly inFlight = new Map<string, InFlight>();

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
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxRetries = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries);
    this.retryBaseMs = options.retryBaseMs ?? DEFAULTS.retryBaseMs;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get(path: string, query?: HttpRequest['query'], signal?: AbortSignal): Promise<unknown> {
    return this.request({ method: 'GET', path, query, signal });
  }

  post(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.request({ method: 'POST', path, body, signal });
  }

  /** Resolves with the parsed JSON of a successful answer; rejects with ApiError only. */
  async request(req: HttpRequest): Promise<unknown> {
    const label = `${req.method} ${req.path}${req.query ? buildUrl('', '', req.query) : ''}`;
    if (req.signal?.aborted) {
      throw cancelled(label);
    }
    const token = await this.readToken(label);
    const call: Call = { req, url: buildUrl(this.baseUrl, req.path, req.query), label, token };
    if (req.method !== 'GET') {
      return this.withRetries(call, req.signal);
    }
    return this.shared(call);
  }

  private async readToken(label: string): Promise<string> {
    let token: string | undefined;
    try {
      token = (await this.options.getToken())?.trim();
    } catch (err) {
      throw new ApiError({ kind: 'auth', message: `Couldn't read the API token: ${errorText(err)}`, request: label });
    }
    if (!token) {
      throw new ApiError({
        kind: 'auth',
        message: 'No API token is set. Set one with “RealtimeKit: Set API Token”.',
        request: label,
      });
    }
    return token;
  }

  /** Every log line and error text passes through here before anyone can see it. */
  private scrub(text: string, token: string): string {
    return redact(text, [token, ...this.knownSecrets()]);
  }

  // -------------------------------------------------------------------------------------------
  // In-flight sharing: one fetch per identical GET. The shared work runs under its own
  // controller; each caller only races its own signal against it, and the shared work is
  // aborted only when every caller has given up.

  private shared(call: Call): Promise<unknown> {
    const key = `${call.token}\n${call.url}`;
    let entry = this.inFlight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = this.withRetries(call, controller.signal).finally(() => {
        if (this.inFlight.get(key) === entry) {
          this.inFlight.delete(key);
        }
      });
      // Callers may all have left; the outcome must not become an unhandled rejection.
      promise.catch(() => undefined);
      entry = { promise, controller, waiters: 0 };
      this.inFlight.set(key, entry);
    } else {
      this.log.debug(this.scrub(`${call.label} → sharing the request already in flight`, call.token));
    }
    return this.waitFor(key, entry, call.req.signal, call.label);
  }

  private waitFor(key: string, entry: InFlight, signal: AbortSignal | undefined, label: string): Promise<unknown> {
    entry.waiters++;
    if (!signal) {
      return entry.promise;
    }
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        entry.waiters--;
        if (entry.waiters === 0) {
          // Nobody wants the answer any more: stop the fetch, and let a new caller start afresh.
          if (this.inFlight.get(key) === entry) {
            this.inFlight.delete(key);
          }
          entry.controller.abort();
        }
        reject(cancelled(label));
      };
      signal.addEventListener('abort', leave, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(err);
        },
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Attempts and retries

  private async withRetries(call: Call, signal: AbortSignal | undefined): Promise<unknown> {
    const { label } = call;
    const clean = (text: string): string => this.scrub(text, call.token);
    const canRetry = call.req.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      const result = await this.attempt(call, signal);
      const took = formatDuration(Date.now() - started);
      if (result.ok) {
        this.log.info(clean(`${label} → ${result.status} (${took})`));
        return result.body;
      }
      const { error, outcome } = result;
      const line = `${label} → ${outcome} (${took})`;
      if (error.kind === 'cancelled') {
        this.log.debug(clean(line));
        throw error;
      }
      const delay = canRetry && attempt < this.maxRetries ? this.retryDelay(error, attempt) : undefined;
      if (delay === undefined) {
        this.log.warn(clean(`${line}: ${error.message}`));
        throw error;
      }
      this.log.warn(clean(`${line}; retry ${attempt + 1}/${this.maxRetries} in ${formatDuration(delay)} (${retryReason(error)})`));
      try {
        await this.sleep(delay, signal);
      } catch {
        // A sleep rejects only on abort.
      }
      if (signal?.aborted) {
        throw cancelled(label);
      }
    }
  }

  /** Milliseconds to wait before retrying, or undefined when this error must not be retried. */
  private retryDelay(error: ApiError, attempt: number): number | undefined {
    const retryable =
      error.kind === 'network' || error.kind === 'timeout' || (error.status !== undefined && RETRYABLE_STATUSES.has(error.status));
    if (!retryable) {
      return undefined;
    }
    if (error.retryAfterSeconds !== undefined) {
      const wanted = error.retryAfterSeconds * 1000;
      // Longer than we are willing to wait: fail now and let the user know when to come back.
      return wanted > this.maxRetryDelayMs ? undefined : wanted;
    }
    const backoff = this.retryBaseMs * 2 ** attempt * (0.5 + this.random() / 2);
    return Math.round(Math.min(this.maxRetryDelayMs, backoff));
  }

  private async attempt(call: Call, signal: AbortSignal | undefined): Promise<Attempt> {
    const { req, label } = call;
    if (signal?.aborted) {
      // Aborted while the token was being read or between attempts: send nothing.
      return { ok: false, error: cancelled(label), outcome: 'cancelled' };
    }
    // One controller per attempt, aborted by the caller's signal or by our timeout. The timer
    // also covers reading the body: a server that sends headers and then stalls is no better.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.fetchFn(call.url, {
        method: req.method,
        headers: this.headers(req, call.token),
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      const text = await response.text();
      return this.interpret(response, text, call);
    } catch (err) {
      if (signal?.aborted) {
        return { ok: false, error: cancelled(label), outcome: 'cancelled' };
      }
      if (timedOut) {
        const message = `No answer from ${this.host} within ${formatDuration(this.timeoutMs)}. Try again later, or check realtimekit.apiBaseUrl and your network.`;
        return { ok: false, error: this.error('timeout', message, call), outcome: `no answer within ${formatDuration(this.timeoutMs)}` };
      }
      const reason = networkReason(err);
      const message = `Couldn't reach ${this.host}: ${reason}. Check realtimekit.apiBaseUrl and your network.`;
      return { ok: false, error: this.error('network', message, call), outcome: reason };
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

  // -------------------------------------------------------------------------------------------
  // Reading an answer

  private interpret(response: Response, text: string, call: Call): Attempt {
    const status = response.status;
    const parsed = parseJson(text);
    const isHtml = !parsed.ok && looksLikeHtml(text, response.headers.get('content-type'));
    if (status < 200 || status > 299) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const apiText = parsed.ok ? apiErrorMessage(parsed.value) : undefined;
      return { ok: false, error: this.statusError(status, response.statusText, apiText, retryAfter, call, isHtml), outcome: String(status) };
    }
    const fail = (message: string, apiText?: string): Attempt => ({
      ok: false,
      error: this.error('badResponse', message, call, { status, apiMessage: apiText }),
      outcome: `${status}, unusable answer`,
    });
    if (isHtml) {
      return fail(`${this.host} answered with HTML instead of JSON — a proxy or captive portal? Check realtimekit.apiBaseUrl.`);
    }
    if (text.trim() === '') {
      return fail(`${this.host} answered ${status} with an empty body instead of JSON.`);
    }
    if (!parsed.ok) {
      return fail(`${this.host} answered with malformed JSON (${parsed.reason}).`);
    }
    if (!isObject(parsed.value)) {
      return fail(`${this.host} answered with JSON that is not an object.`);
    }
    if (parsed.value.success === false) {
      // An error sent with 200: classify it like the status its body names, if any.
      const apiText = apiErrorMessage(parsed.value);
      const bodyStatus = apiErrorStatus(parsed.value);
      if (bodyStatus !== undefined) {
        return { ok: false, error: this.statusError(bodyStatus, '', apiText, undefined, call, false), outcome: `${status}, error ${bodyStatus}` };
      }
      return fail(`The API reported a failure${apiText ? `: ${apiText}` : ' without saying why.'}`, apiText);
    }
    return { ok: true, body: parsed.value, status };
  }

  private statusError(status: number, statusText: string, apiText: string | undefined, retryAfter: number | undefined, call: Call, isHtml: boolean): ApiError {
    const said = apiText ? ` The API said: ${apiText}` : isHtml ? ` (The answer was an HTML page, not the API: a proxy in between?)` : '';
    const extra = { status, apiMessage: apiText, retryAfterSeconds: retryAfter };
    const [kind, sentence] = statusSentence(status, statusText, retryAfter, this.host, call.label);
    return this.error(kind, `${sentence}${said}`, call, extra);
  }

  private error(kind: ApiErrorKind, message: string, call: Call, extra: { status?: number; apiMessage?: string; retryAfterSeconds?: number } = {}): ApiError {
    const clean = (text: string): string => this.scrub(text, call.token);
    return new ApiError({
      kind,
      message: clean(message),
      request: clean(call.label),
      status: extra.status,
      apiMessage: extra.apiMessage === undefined ? undefined : clean(extra.apiMessage),
      retryAfterSeconds: extra.retryAfterSeconds,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers: pure, so the messages are easy to read in one place.

function statusSentence(status: number, statusText: string, retryAfter: number | undefined, host: string, label: string): [ApiErrorKind, string] {
  if (status === 401) {
    return ['auth', 'The API token was rejected (401). Set a new token with “RealtimeKit: Set API Token”.'];
  }
  if (status === 403) {
    const account = /^\w+ \/accounts\/([^/?]+)/.exec(label)?.[1];
    const where = account ? `account ${decodeURIComponent(account)}` : 'this account';
    return [
      'permission',
      `The API token is not allowed to do this (403). It needs the Realtime permission (Realtime Admin to create livestreams) on ${where}.`,
    ];
  }
  if (status === 404) {
    return ['notFound', `Not found (404): ${label.split('?')[0]}. The account, app or livestream may not exist, or belong to another account.`];
  }
  if (status === 429) {
    const when = retryAfter !== undefined ? `try again in ${retryAfter} s` : 'try again in a few minutes';
    return ['rateLimited', `Cloudflare is rate limiting this token (429): ${when}.`];
  }
  if (status >= 500) {
    const text = statusText ? ` ${statusText}` : '';
    const when = retryAfter !== undefined ? `try again in ${retryAfter} s` : 'try again later';
    return ['server', `${host === 'api.cloudflare.com' ? 'Cloudflare' : host} answered ${status}${text} to ${label.split('?')[0]}: ${when}.`];
  }
  return ['badResponse', `The API refused ${label.split('?')[0]} (${status}${statusText ? ` ${statusText}` : ''}).`];
}

function cancelled(label: string): ApiError {
  return new ApiError({ kind: 'cancelled', message: 'The request was cancelled.', request: label });
}

function retryReason(error: ApiError): string {
  switch (error.kind) {
    case 'rateLimited':
      return error.retryAfterSeconds !== undefined ? `rate limited, Retry-After ${error.retryAfterSeconds} s` : 'rate limited';
    case 'timeout':
      return 'timed out';
    case 'network':
      return 'network error';
    default:
      return `server error ${error.status ?? ''}`.trim();
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(text: string): Parsed {
  if (text.trim() === '') {
    return { ok: false, reason: 'empty body' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  }
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(text);
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no headers in time',
  UND_ERR_BODY_TIMEOUT: 'body stalled',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain (a proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate could not be verified (a proxy?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not match the host',
};

/** Node's fetch wraps the socket error: TypeError('fetch failed', {cause}), sometimes an AggregateError. */
export function networkReason(err: unknown): string {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!isRecord(current) || seen.has(current)) {
      continue;
    }
    seen.add(current);
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code) {
      return NETWORK_REASONS[code] ?? code;
    }
    queue.push(current.cause, ...(Array.isArray(current.errors) ? current.errors : []));
  }
  const cause = isRecord(err) && err.cause instanceof Error ? err.cause.message : undefined;
  return cause ?? errorText(err);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
