// Every way an API call can fail, in words a person can act on. The transport (http.ts) reports
// what happened (a status and a body, a socket error code, a timeout, a redirect); this module
// reads the API's error bodies, decides the ApiError kind and writes the sentence. The tree's
// short labels and the panels' actions come from here too, so an error reads the same everywhere.
import { formatElapsedMs } from '../shared/format';
import { isObject } from '../shared/json';
import type { ApiError, ApiErrorKind } from './errors';

export interface Failure {
  readonly kind: ApiErrorKind;
  readonly message: string;
  readonly status?: number;
  /** The API's own words, when it sent any. */
  readonly apiMessage?: string;
  readonly retryAfterSeconds?: number;
}

/** Where the request went, for messages: the host (not the path: that is in `request`) and `GET /path`. */
export interface Target {
  readonly host: string;
  readonly label: string;
}

// ---- error bodies ---------------------------------------------------------------------------

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The API's own words from any of the three error shapes: Cloudflare `{errors:[{code,message}]}`,
 * RealtimeKit `{error:{code,message}}` (or `error: "text"`), bare `{message}`.
 */
export function apiErrorMessage(body: unknown): string | undefined {
  if (!isObject(body)) {
    return undefined;
  }
  const texts: string[] = [];
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      const message = isObject(e) ? text(e.message) : text(e);
      const code = isObject(e) ? text(e.code) : undefined;
      if (message) texts.push(code ? `${message} (code ${code})` : message);
    }
  }
  const single = isObject(body.error) ? text(body.error.message) : text(body.error);
  if (single) texts.push(single);
  if (texts.length === 0 && text(body.message)) texts.push(text(body.message) as string);
  return texts.length > 0 ? texts.join('; ') : undefined;
}

function errorCodes(body: Record<string, unknown>): number[] {
  const codes = [isObject(body.error) ? body.error.code : undefined];
  if (Array.isArray(body.errors)) codes.push(...body.errors.map((e) => (isObject(e) ? e.code : undefined)));
  return codes.map((c) => Number(c)).filter((c) => Number.isFinite(c));
}

/**
 * Cloudflare's codes for a token it does not accept (bad, expired, malformed header), which some
 * proxies and older endpoints send with 200 and `success:false` instead of 401.
 */
const AUTH_CODES = new Set([1000, 1001, 6003, 6111, 9103, 9106, 9109, 10000, 10001]);

// ---- answers --------------------------------------------------------------------------------

export type Reading = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly failure: Failure };

/** A whole answer (status and body) as the API's JSON, or the failure it means. */
export function readAnswer(
  answer: { readonly status: number; readonly statusText: string; readonly contentType: string | null; readonly retryAfterSeconds: number | undefined; readonly text: string },
  target: Target,
): Reading {
  const parsed = parseJson(answer.text);
  const html = !parsed.ok && looksLikeHtml(answer.text, answer.contentType);
  const { status } = answer;
  if (status < 200 || status > 299) {
    const apiText = parsed.ok ? apiErrorMessage(parsed.value) : undefined;
    return { ok: false, failure: statusFailure(status, answer.statusText, apiText, answer.retryAfterSeconds, target, html) };
  }
  const bad = (message: string, apiMessage?: string): Reading => ({ ok: false, failure: { kind: 'badResponse', message, status, ...(apiMessage ? { apiMessage } : {}) } });
  if (html) {
    return bad(`${target.host} answered with HTML instead of JSON — a proxy or captive portal? Check realtimekit.apiBaseUrl.`);
  }
  if (answer.text.trim() === '') {
    return bad(`${target.host} answered ${status} with an empty body instead of JSON.`);
  }
  if (!parsed.ok) {
    return bad(`${target.host} answered with malformed JSON (${parsed.reason}).`);
  }
  if (!isObject(parsed.value)) {
    return bad(`${target.host} answered with JSON that is not an object.`);
  }
  if (parsed.value.success === false) {
    // An error sent with 200: classify it like the status or the Cloudflare code it names.
    const apiText = apiErrorMessage(parsed.value);
    const codes = errorCodes(parsed.value);
    const namedStatus = codes.find((c) => c >= 400 && c <= 599);
    if (namedStatus !== undefined) {
      return { ok: false, failure: statusFailure(namedStatus, '', apiText, undefined, target, false) };
    }
    if (codes.some((c) => AUTH_CODES.has(c))) {
      return { ok: false, failure: statusFailure(401, '', apiText, undefined, target, false) };
    }
    return bad(`The API reported a failure${apiText ? `: ${apiText}` : ' without saying why.'}`, apiText);
  }
  return { ok: true, body: parsed.value };
}

export function statusFailure(status: number, statusText: string, apiText: string | undefined, retryAfter: number | undefined, target: Target, html: boolean): Failure {
  const [kind, sentence] = statusSentence(status, statusText, retryAfter, target);
  const said = apiText ? ` The API said: ${apiText}` : html ? ' (The answer was an HTML page, not the API: a proxy in between?)' : '';
  return {
    kind,
    message: `${sentence}${said}`,
    status,
    ...(apiText ? { apiMessage: apiText } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function statusSentence(status: number, statusText: string, retryAfter: number | undefined, { host, label }: Target): [ApiErrorKind, string] {
  const path = label.split('?')[0];
  if (status === 401) {
    return ['auth', 'The API token was rejected (401). Set a new token with “RealtimeKit: Set API Token”.'];
  }
  if (status === 403) {
    const account = /^\w+ \/accounts\/([^/?]+)/.exec(label)?.[1];
    const where = account ? `account ${decodeURIComponent(account)}` : 'this account';
    const write = writeOf(path);
    return [
      'permission',
      write
        ? `The API token is not allowed to ${write} (403): that needs the Realtime Admin permission on ${where}; Realtime alone only reads. Edit the token in the Cloudflare dashboard.`
        : `The API token is not allowed to do this (403). It needs the Realtime permission (Realtime Admin to create livestreams or start and stop meeting livestreams) on ${where}.`,
    ];
  }
  if (status === 404) {
    return ['notFound', `Not found (404): ${path}. The account, app or livestream may not exist, or belong to another account.`];
  }
  if (status === 429) {
    const when = retryAfter !== undefined ? `try again in ${retryAfter} s` : 'try again in a few minutes';
    return ['rateLimited', `Cloudflare is rate limiting this token (429): ${when}.`];
  }
  if (status >= 500) {
    const when = retryAfter !== undefined ? `try again in ${retryAfter} s` : 'try again later';
    return ['server', `${host === 'api.cloudflare.com' ? 'Cloudflare' : host} answered ${status}${statusText ? ` ${statusText}` : ''} to ${path}: ${when}.`];
  }
  return ['badResponse', `The API refused ${path} (${status}${statusText ? ` ${statusText}` : ''}).`];
}

/** What a POST was doing, in words, for the permission it needs; undefined for a read. */
function writeOf(path: string): string | undefined {
  if (!path.startsWith('POST ')) return undefined;
  if (/\/meetings\/[^/]+\/active-livestream\/stop$/.test(path)) return "stop a meeting's livestream";
  if (/\/meetings\/[^/]+\/livestreams$/.test(path)) return 'start livestreaming a meeting';
  if (/\/livestreams$/.test(path)) return 'create a livestream';
  return 'make this change';
}

// ---- transport failures -----------------------------------------------------------------------

export function timeoutFailure({ host }: Target, waitedMs: number, attempts: number): Failure {
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  return {
    kind: 'timeout',
    message: `No answer from ${host} after ${formatElapsedMs(waitedMs)}${tries}. Check your network and realtimekit.apiBaseUrl, then try again.`,
  };
}

export function networkFailure({ host }: Target, reason: string): Failure {
  return { kind: 'network', message: `Couldn't reach ${host}: ${reason}. Check realtimekit.apiBaseUrl and your network.` };
}

export function redirectFailure({ host, label }: Target, status: number, location: string | null): Failure {
  const to = location ? ` to ${location}` : '';
  return {
    kind: 'badResponse',
    status,
    message: `${host} redirected ${label.split('?')[0]}${to} (${status}). The API does not redirect, and the token is sent only to realtimekit.apiBaseUrl: check that setting (an old address, or a proxy?).`,
  };
}

export function tooLargeFailure({ host }: Target, limitBytes: number): Failure {
  const mb = Math.round(limitBytes / (1024 * 1024));
  return { kind: 'badResponse', message: `${host} sent an answer larger than ${mb} MB, which is not an API answer; it was not read. Check realtimekit.apiBaseUrl.` };
}

export function insecureFailure(baseUrl: string): Failure {
  return {
    kind: 'insecure',
    message: `Nothing was sent: realtimekit.apiBaseUrl (${baseUrl}) is plain http to another machine, so the API token would travel unencrypted. Use https, or accept the warning (reload the window to be asked again).`,
  };
}

export function cancelledFailure(): Failure {
  return { kind: 'cancelled', message: 'The request was cancelled.' };
}

/** Why a retry happens, for the log line that announces it. */
export function retryReason(error: ApiError): string {
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

// ---- one presentation for the UI ----------------------------------------------------------------

/**
 * The reason in a few words, for a one-line tree label in a narrow sidebar; the full message
 * (what to do about it) goes in the tooltip.
 */
export function shortReason(error: Pick<ApiError, 'kind' | 'status' | 'retryAfterSeconds'>): string {
  const status = error.status !== undefined ? ` (${error.status})` : '';
  switch (error.kind) {
    case 'auth':
      return `the API token was rejected${status}`;
    case 'permission':
      return `the token lacks the Realtime permission${status}`;
    case 'notFound':
      return `not found${status}`;
    case 'rateLimited':
      return `rate limited${status}${error.retryAfterSeconds !== undefined ? `, retry in ${error.retryAfterSeconds} s` : ''}`;
    case 'server':
      return `server error${status}`;
    case 'network':
      return 'the API is unreachable';
    case 'timeout':
      return 'the API did not answer in time';
    case 'cancelled':
      return 'cancelled';
    case 'insecure':
      return 'plain http to another machine was not allowed';
    case 'badResponse':
      return `unexpected answer${status}`;
  }
}

/** The one thing that fixes an error besides trying again, when there is one. */
export function fixFor(error: Pick<ApiError, 'kind'>): 'setApiToken' | undefined {
  return error.kind === 'auth' ? 'setApiToken' : undefined;
}

// ---- small parsers ------------------------------------------------------------------------------

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(raw: string): Parsed {
  if (raw.trim() === '') {
    return { ok: false, reason: 'empty body' };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function looksLikeHtml(raw: string, contentType: string | null): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(raw);
}
