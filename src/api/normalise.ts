// Wire JSON -> domain objects, once, at the edge. Pure functions: no I/O, no clock.
// The published schemas and the wire disagree (see shared/reference/REALTIMEKIT-API.md), so
// every field is treated as optional and every known variant is accepted here, so that nothing
// above src/api/ ever sees a wire shape.
import * as l10n from '@vscode/l10n';
import { isObject, type JsonObject } from '../shared/json';
import { ApiError } from './errors';
import { listItemsOf, payloadOf, rawPagingOf, singlePayloadOf, toBoolean, toNumber, toPaging, toStatus, toText, toTimestamp, unreadable } from './wire';

export { toBoolean, toNumber, toPaging, toStatus, toText, toTimestamp };
import type {
  Account,
  ActiveSession,
  App,
  AppAnalytics,
  Livestream,
  LivestreamDetails,
  Page,
  Paging,
  Session,
  TokenInfo,
} from './types';

type Json = JsonObject;
/** Called for recoverable oddities (an item without id skipped); the client logs them at warn. */
export type Warn = (message: string) => void;
const ignore: Warn = () => undefined;

// ---------------------------------------------------------------------------------------------
// Domain objects

function missingId(what: 'livestream' | 'session' | 'app' | 'account'): ApiError {
  return new ApiError({ kind: 'badResponse', message: missingIdMessage(what) });
}

function missingIdMessage(what: 'livestream' | 'session' | 'app' | 'account'): string {
  switch (what) {
    case 'livestream':
      return l10n.t('The API answered without a livestream id.');
    case 'session':
      return l10n.t('The API answered without a session id.');
    case 'app':
      return l10n.t('The API answered without an app id.');
    case 'account':
      return l10n.t('The API answered without an account id.');
  }
}

/** Keep the items that have an id; report the others instead of failing the whole list. */
function keepWithIds<T>(raws: readonly unknown[], what: string, convert: (raw: Json) => T, warn: Warn): T[] {
  const out: T[] = [];
  let skipped = 0;
  for (const raw of raws) {
    if (isObject(raw) && toText(raw.id)) {
      out.push(convert(raw));
    } else {
      skipped++;
    }
  }
  if (skipped > 0) {
    warn(`Skipped ${skipped} ${what}${skipped === 1 ? '' : 's'} without an id in the API's answer.`);
  }
  return out;
}

function displayName(raw: Json, id: string): { name: string; unnamed: boolean } {
  const name = toText(raw.name);
  return name ? { name, unnamed: false } : { name: id, unnamed: true };
}

/** `appId` comes from the request: the livestream objects don't carry it. */
export function toLivestream(raw: unknown, appId: string): Livestream {
  const id = isObject(raw) ? toText(raw.id) : null;
  if (!isObject(raw) || !id) {
    throw missingId('livestream');
  }
  return {
    id,
    appId,
    ...displayName(raw, id),
    status: toStatus(raw.status),
    ingestServer: toText(raw.ingest_server),
    streamKey: toText(raw.stream_key),
    playbackUrl: toText(raw.playback_url),
    meetingId: toText(raw.meeting_id),
    disabled: toBoolean(raw.disabled),
    createdAt: toTimestamp(raw.created_at),
    updatedAt: toTimestamp(raw.updated_at),
  };
}

export function toSession(raw: unknown): Session {
  const id = isObject(raw) ? toText(raw.id) : null;
  if (!isObject(raw) || !id) {
    throw missingId('session');
  }
  return {
    id,
    livestreamId: toText(raw.livestream_id),
    createdAt: toTimestamp(raw.created_at),
    updatedAt: toTimestamp(raw.updated_at),
    invokedTime: toTimestamp(raw.invoked_time),
    startedTime: toTimestamp(raw.started_time),
    stoppedTime: toTimestamp(raw.stopped_time),
    errMessage: toText(raw.err_message),
    ingestSeconds: toNumber(raw.ingest_seconds),
    viewerSeconds: toNumber(raw.viewer_seconds),
  };
}

export function toApp(raw: unknown): App {
  const id = isObject(raw) ? toText(raw.id) : null;
  if (!isObject(raw) || !id) {
    throw missingId('app');
  }
  return { id, name: displayName(raw, id).name, createdAt: toTimestamp(raw.created_at) };
}

export function toAccount(raw: unknown): Account {
  const id = isObject(raw) ? toText(raw.id) : null;
  if (!isObject(raw) || !id) {
    throw missingId('account');
  }
  return { id, name: displayName(raw, id).name };
}

// ---------------------------------------------------------------------------------------------
// Whole answers

export function toLivestreamPage(body: unknown, appId: string, pageNo: number, perPage: number, warn: Warn = ignore): Page<Livestream> {
  const items = keepWithIds(listItemsOf(body, 'livestream', 'livestreams'), 'livestream', (raw) => toLivestream(raw, appId), warn);
  return { items, paging: toPaging(rawPagingOf(body), pageNo, perPage, items.length), pageNo, perPage };
}

/** One page of apps or accounts, for the client's fetch-all loop. */
export interface RawPage<T> {
  readonly items: T[];
  readonly paging: Paging;
  /** Cloudflare's `result_info.total_pages`, when sent. */
  readonly totalPages: number | undefined;
  /** `total_count` as the API sent it (paging.totalCount is a guess when it sent none). */
  readonly reportedTotal: number | undefined;
}

export function toAppPage(body: unknown, pageNo: number, perPage: number, warn: Warn = ignore): RawPage<App> {
  const items = keepWithIds(listItemsOf(body, 'app', 'apps'), 'app', toApp, warn);
  return rawPageOf(body, items, pageNo, perPage);
}

export function toAccountPage(body: unknown, pageNo: number, perPage: number, warn: Warn = ignore): RawPage<Account> {
  const items = keepWithIds(listItemsOf(body, 'account', 'accounts'), 'account', toAccount, warn);
  return rawPageOf(body, items, pageNo, perPage);
}

function rawPageOf<T>(body: unknown, items: T[], pageNo: number, perPage: number): RawPage<T> {
  const raw = rawPagingOf(body);
  const info = isObject(body) ? body.result_info : undefined;
  return {
    items,
    paging: toPaging(raw, pageNo, perPage, items.length),
    totalPages: isObject(info) && 'total_pages' in info ? toNumber(info.total_pages) : undefined,
    reportedTotal: isObject(raw) && 'total_count' in raw ? toNumber(raw.total_count) : undefined,
  };
}

/** Sort key for "newest first": when the broadcast started, else when it was asked for, else created. */
function sessionTime(s: Session): number {
  for (const t of [s.startedTime, s.invokedTime, s.createdAt]) {
    const ms = t ? Date.parse(t) : NaN;
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  return -Infinity;
}

/**
 * Sessions from `data.session` (documented, one object) and/or `data.sessions` (seen on the
 * wire, an array): merged, deduplicated by id (the array wins, it is the fuller list), newest
 * first. Sessions without a time keep their relative order at the end.
 */
export function mergeSessions(single: unknown, many: unknown, warn: Warn = ignore): Session[] {
  const raws = [...(Array.isArray(many) ? many : []), ...(single !== undefined && single !== null ? [single] : [])];
  const byId = new Map<string, Session>();
  for (const s of keepWithIds(raws, 'session', toSession, warn)) {
    if (!byId.has(s.id)) {
      byId.set(s.id, s);
    }
  }
  return [...byId.values()]
    .map((s, index) => ({ s, index, time: sessionTime(s) }))
    .sort((a, b) => (b.time === a.time ? a.index - b.index : b.time > a.time ? 1 : -1))
    .map(({ s }) => s);
}

/**
 * `data: {livestream, session?, sessions?, paging}`; the livestream's fields directly in `data`
 * are tolerated. `session` is the newest session overall, `sessions` the requested page: the
 * single one joins the list only on page 1 (where it belongs), or when there is no list at all,
 * so that page 3 never shows the newest session among older ones.
 */
export function toLivestreamDetails(body: unknown, appId: string, pageNo: number, perPage: number, warn: Warn = ignore): LivestreamDetails {
  const payload = singlePayloadOf(body);
  const data = isObject(payload) ? payload : {};
  const livestream = toLivestream(isObject(data.livestream) ? data.livestream : data, appId);
  const hasList = Array.isArray(data.sessions);
  const sessions = mergeSessions(!hasList || pageNo <= 1 ? data.session : undefined, data.sessions, warn);
  const single = isObject(data.session) && toText(data.session.id) ? toSession(data.session) : undefined;
  const latestSession = single ?? (pageNo <= 1 ? (sessions[0] ?? null) : null);
  return { livestream, sessions, latestSession, paging: toPaging(rawPagingOf(body), pageNo, perPage, sessions.length), pageNo, perPage };
}

/** Like the details answer; "no session in progress" is a normal answer (null), not an error. */
export function toActiveSession(body: unknown, appId: string, warn: Warn = ignore): ActiveSession {
  const payload = singlePayloadOf(body);
  const data = isObject(payload) ? payload : {};
  const livestream = toLivestream(isObject(data.livestream) ? data.livestream : data, appId);
  const session = mergeSessions(data.session, data.sessions, warn)[0] ?? null;
  return { livestream, session };
}

/** `data` is the session, or holds it as `session` / `livestream_session`. */
export function toSessionAnswer(body: unknown): Session {
  const payload = singlePayloadOf(body);
  if (isObject(payload)) {
    for (const key of ['session', 'livestream_session']) {
      if (isObject(payload[key])) {
        return toSession(payload[key]);
      }
    }
  }
  return toSession(payload);
}

/** `data` is the livestream, or holds it as `livestream` (create answers vary like the rest). */
export function toLivestreamAnswer(body: unknown, appId: string): Livestream {
  const payload = singlePayloadOf(body);
  return toLivestream(isObject(payload) && isObject(payload.livestream) ? payload.livestream : payload, appId);
}

export function toAnalytics(body: unknown): AppAnalytics {
  const payload = singlePayloadOf(body);
  const data = isObject(payload) ? payload : {};
  if (!['count', 'total_ingest_seconds', 'total_viewer_seconds'].some((key) => key in data)) {
    throw unreadable('appAnalytics');
  }
  return {
    count: toNumber(data.count),
    totalIngestSeconds: toNumber(data.total_ingest_seconds),
    totalViewerSeconds: toNumber(data.total_viewer_seconds),
  };
}

/** `/tokens/verify` answers `result: {id, status, ...}` in Cloudflare's envelope. */
export function toTokenInfo(body: unknown, owner: TokenInfo['owner']): TokenInfo {
  const payload = payloadOf(body);
  if (!isObject(payload)) {
    throw new ApiError({ kind: 'badResponse', message: 'The API answered the token check without a result.' });
  }
  return { id: toText(payload.id), status: toText(payload.status)?.toLowerCase() ?? 'unknown', owner };
}
