// Every way an API call can fail, in words a person can act on. The transport (http.ts) reports
// what happened (a status and a body, a socket error code, a timeout, a redirect); this module
// reads the API's error bodies, decides the ApiError kind and writes the sentence. The tree's
// short labels and the panels' actions come from here too, so an error reads the same everywhere.
import * as l10n from '@vscode/l10n';
import { formatElapsed } from '../shared/format';
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
    return bad(l10n.t({ message: '{0} answered with HTML instead of JSON — a proxy or captive portal? Check realtimekit.apiBaseUrl.', args: [target.host], comment: ['{0} is a host name; realtimekit.apiBaseUrl is a setting id'] }));
  }
  if (answer.text.trim() === '') {
    return bad(l10n.t({ message: '{0} answered {1} with an empty body instead of JSON.', args: [target.host, status], comment: ['{0} is a host name, {1} an HTTP status code'] }));
  }
  if (!parsed.ok) {
    return bad(l10n.t({ message: '{0} answered with malformed JSON ({1}).', args: [target.host, parsed.reason], comment: ['{0} is a host name, {1} the JSON parser\'s reason'] }));
  }
  if (!isObject(parsed.value)) {
    return bad(l10n.t({ message: '{0} answered with JSON that is not an object.', args: [target.host], comment: ['{0} is a host name'] }));
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
    return bad(
      apiText
        ? l10n.t({ message: 'The API reported a failure: {0}', args: [apiText], comment: ["{0} is the API's own error text"] })
        : l10n.t('The API reported a failure without saying why.'),
      apiText,
    );
  }
  return { ok: true, body: parsed.value };
}

export function statusFailure(status: number, statusText: string, apiText: string | undefined, retryAfter: number | undefined, target: Target, html: boolean): Failure {
  const [kind, sentence] = statusSentence(status, statusText, retryAfter, target);
  const message = apiText
    ? l10n.t({ message: '{0} The API said: {1}', args: [sentence, apiText], comment: ['{0} is a sentence saying what failed, {1} the API\'s own error text'] })
    : html
      ? l10n.t({ message: '{0} (The answer was an HTML page, not the API: a proxy in between?)', args: [sentence], comment: ['{0} is a sentence saying what failed'] })
      : sentence;
  return {
    kind,
    message,
    status,
    ...(apiText ? { apiMessage: apiText } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

function statusSentence(status: number, statusText: string, retryAfter: number | undefined, { host, label }: Target): [ApiErrorKind, string] {
  const path = label.split('?')[0];
  /** The status as sent, e.g. `503 Service Unavailable`: data, not words of ours. */
  const code = `${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401) {
    return ['auth', l10n.t('The API token was rejected (401). Set a new token with “RealtimeKit: Set API Token”.')];
  }
  if (status === 403) {
    const account = /^\w+ \/accounts\/([^/?]+)/.exec(label)?.[1];
    return ['permission', permissionSentence(writeOf(path), account === undefined ? undefined : decodeURIComponent(account))];
  }
  if (status === 404) {
    return ['notFound', l10n.t({ message: 'Not found (404): {0}. The account, app or livestream may not exist, or belong to another account.', args: [path], comment: ['{0} is the request, e.g. "GET /accounts/…/apps"'] })];
  }
  if (status === 429) {
    return [
      'rateLimited',
      retryAfter !== undefined
        ? l10n.t({ message: 'Cloudflare is rate limiting this token (429): try again in {0} s.', args: [retryAfter], comment: ['{0} is a number of seconds'] })
        : l10n.t('Cloudflare is rate limiting this token (429): try again in a few minutes.'),
    ];
  }
  if (status >= 500) {
    const who = host === 'api.cloudflare.com' ? 'Cloudflare' : host;
    return [
      'server',
      retryAfter !== undefined
        ? l10n.t({ message: '{0} answered {1} to {2}: try again in {3} s.', args: [who, code, path, retryAfter], comment: ['{0} is "Cloudflare" or a host name, {1} an HTTP status such as "503 Service Unavailable", {2} the request, {3} a number of seconds'] })
        : l10n.t({ message: '{0} answered {1} to {2}: try again later.', args: [who, code, path], comment: ['{0} is "Cloudflare" or a host name, {1} an HTTP status such as "503 Service Unavailable", {2} the request'] }),
    ];
  }
  return ['badResponse', l10n.t({ message: 'The API refused {0} ({1}).', args: [path, code], comment: ['{0} is the request, e.g. "GET /accounts", {1} an HTTP status such as "400 Bad Request"'] })];
}

type Write = 'stopMeetingLivestream' | 'startMeetingLivestream' | 'createLivestream' | 'change';

/** What a POST was doing, for the permission it needs; undefined for a read. */
function writeOf(path: string): Write | undefined {
  if (!path.startsWith('POST ')) return undefined;
  if (/\/meetings\/[^/]+\/active-livestream\/stop$/.test(path)) return 'stopMeetingLivestream';
  if (/\/meetings\/[^/]+\/livestreams$/.test(path)) return 'startMeetingLivestream';
  if (/\/livestreams$/.test(path)) return 'createLivestream';
  return 'change';
}

/** The 403 sentence, whole for each write and for a known or an unknown account. */
function permissionSentence(write: Write | undefined, account: string | undefined): string {
  if (account === undefined) {
    switch (write) {
      case undefined:
        return l10n.t('The API token is not allowed to do this (403). It needs the Realtime permission (Realtime Admin to create livestreams or start and stop meeting livestreams) on this account.');
      case 'stopMeetingLivestream':
        return l10n.t("The API token is not allowed to stop a meeting's livestream (403): that needs the Realtime Admin permission on this account; Realtime alone only reads. Edit the token in the Cloudflare dashboard.");
      case 'startMeetingLivestream':
        return l10n.t('The API token is not allowed to start livestreaming a meeting (403): that needs the Realtime Admin permission on this account; Realtime alone only reads. Edit the token in the Cloudflare dashboard.');
      case 'createLivestream':
        return l10n.t('The API token is not allowed to create a livestream (403): that needs the Realtime Admin permission on this account; Realtime alone only reads. Edit the token in the Cloudflare dashboard.');
      case 'change':
        return l10n.t('The API token is not allowed to make this change (403): that needs the Realtime Admin permission on this account; Realtime alone only reads. Edit the token in the Cloudflare dashboard.');
    }
  }
  switch (write) {
    case undefined:
      return l10n.t({ message: 'The API token is not allowed to do this (403). It needs the Realtime permission (Realtime Admin to create livestreams or start and stop meeting livestreams) on account {0}.', args: [account], comment: ['{0} is a Cloudflare account id'] });
    case 'stopMeetingLivestream':
      return l10n.t({ message: "The API token is not allowed to stop a meeting's livestream (403): that needs the Realtime Admin permission on account {0}; Realtime alone only reads. Edit the token in the Cloudflare dashboard.", args: [account], comment: ['{0} is a Cloudflare account id'] });
    case 'startMeetingLivestream':
      return l10n.t({ message: 'The API token is not allowed to start livestreaming a meeting (403): that needs the Realtime Admin permission on account {0}; Realtime alone only reads. Edit the token in the Cloudflare dashboard.', args: [account], comment: ['{0} is a Cloudflare account id'] });
    case 'createLivestream':
      return l10n.t({ message: 'The API token is not allowed to create a livestream (403): that needs the Realtime Admin permission on account {0}; Realtime alone only reads. Edit the token in the Cloudflare dashboard.', args: [account], comment: ['{0} is a Cloudflare account id'] });
    case 'change':
      return l10n.t({ message: 'The API token is not allowed to make this change (403): that needs the Realtime Admin permission on account {0}; Realtime alone only reads. Edit the token in the Cloudflare dashboard.', args: [account], comment: ['{0} is a Cloudflare account id'] });
  }
}

// ---- transport failures -----------------------------------------------------------------------

export function timeoutFailure({ host }: Target, waitedMs: number, attempts: number): Failure {
  const waited = formatElapsed(waitedMs);
  return {
    kind: 'timeout',
    message:
      attempts > 1
        ? l10n.t({ message: 'No answer from {0} after {1} ({2} attempts). Check your network and realtimekit.apiBaseUrl, then try again.', args: [host, waited, attempts], comment: ['{0} is a host name, {1} a duration such as "1.5 s", {2} a number of attempts (2 or more)'] })
        : l10n.t({ message: 'No answer from {0} after {1}. Check your network and realtimekit.apiBaseUrl, then try again.', args: [host, waited], comment: ['{0} is a host name, {1} a duration such as "1.5 s"'] }),
  };
}

export function networkFailure({ host }: Target, reason: string): Failure {
  return {
    kind: 'network',
    message: l10n.t({ message: "Couldn't reach {0}: {1}. Check realtimekit.apiBaseUrl and your network.", args: [host, reason], comment: ['{0} is a host name, {1} the reason, e.g. "connection refused"'] }),
  };
}

export function redirectFailure({ host, label }: Target, status: number, location: string | null): Failure {
  const path = label.split('?')[0];
  return {
    kind: 'badResponse',
    status,
    message: location
      ? l10n.t({
          message: '{0} redirected {1} to {2} ({3}). The API does not redirect, and the token is sent only to realtimekit.apiBaseUrl: check that setting (an old address, or a proxy?).',
          args: [host, path, location, status],
          comment: ['{0} is a host name, {1} the request, {2} the address it redirected to, {3} an HTTP status code'],
        })
      : l10n.t({
          message: '{0} redirected {1} ({2}). The API does not redirect, and the token is sent only to realtimekit.apiBaseUrl: check that setting (an old address, or a proxy?).',
          args: [host, path, status],
          comment: ['{0} is a host name, {1} the request, {2} an HTTP status code'],
        }),
  };
}

export function tooLargeFailure({ host }: Target, limitBytes: number): Failure {
  const mb = Math.round(limitBytes / (1024 * 1024));
  return {
    kind: 'badResponse',
    message: l10n.t({ message: '{0} sent an answer larger than {1} MB, which is not an API answer; it was not read. Check realtimekit.apiBaseUrl.', args: [host, mb], comment: ['{0} is a host name, {1} a number of megabytes'] }),
  };
}

export function insecureFailure(baseUrl: string): Failure {
  return {
    kind: 'insecure',
    message: l10n.t({
      message: 'Nothing was sent: realtimekit.apiBaseUrl ({0}) is plain http to another machine, so the API token would travel unencrypted. Use https, or accept the warning (reload the window to be asked again).',
      args: [baseUrl],
      comment: ['{0} is the configured base URL'],
    }),
  };
}

export function cancelledFailure(): Failure {
  return { kind: 'cancelled', message: l10n.t('The request was cancelled.') };
}

/** Why a retry happens, for the log line that announces it (a log line: English, not translated). */
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
  const status = error.status;
  switch (error.kind) {
    case 'auth':
      return status !== undefined ? l10n.t({ message: 'the API token was rejected ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] }) : l10n.t('the API token was rejected');
    case 'permission':
      return status !== undefined ? l10n.t({ message: 'the token lacks the Realtime permission ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] }) : l10n.t('the token lacks the Realtime permission');
    case 'notFound':
      return status !== undefined ? l10n.t({ message: 'not found ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] }) : l10n.t('not found');
    case 'rateLimited': {
      const wait = error.retryAfterSeconds;
      if (status !== undefined) {
        return wait !== undefined ? l10n.t({ message: 'rate limited ({0}), retry in {1} s', args: [status, wait], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code, {1} a number of seconds'] }) : l10n.t({ message: 'rate limited ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] });
      }
      return wait !== undefined ? l10n.t({ message: 'rate limited, retry in {0} s', args: [wait], comment: ['A reason after a colon, in a one-line tree label; {0} is a number of seconds'] }) : l10n.t('rate limited');
    }
    case 'server':
      return status !== undefined ? l10n.t({ message: 'server error ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] }) : l10n.t('server error');
    case 'network':
      return l10n.t('the API is unreachable');
    case 'timeout':
      return l10n.t('the API did not answer in time');
    case 'cancelled':
      return l10n.t('cancelled');
    case 'insecure':
      return l10n.t('plain http to another machine was not allowed');
    case 'badResponse':
      return status !== undefined ? l10n.t({ message: 'unexpected answer ({0})', args: [status], comment: ['A reason after a colon, in a one-line tree label; {0} is an HTTP status code'] }) : l10n.t('unexpected answer');
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
