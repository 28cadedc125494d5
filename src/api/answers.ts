// Wire JSON -> domain objects for the meeting endpoints, a meeting session's livestream sessions
// and the analytics by day. Beside normalise.ts (the livestream endpoints) and as lenient: these
// endpoints are in Cloudflare's OpenAPI index with thin schemas, so every shape their siblings are
// seen in is accepted (arrays or one object, `data` or `result`, numbers as strings).
import { isObject, type JsonObject } from '../shared/json';
import { mergeSessions, toLivestream, type Warn } from './normalise';
import type { DayAnalytics, Livestream, MeetingLivestreams, Page, Session } from './types';
import { payloadOf, rawPagingOf, singlePayloadOf, toNumber, toPaging, toText, unreadable } from './wire';

const ignore: Warn = () => undefined;

/** Items of `raws` with an id, converted; the others are reported (one line), never fatal. */
function withIds<T>(raws: readonly unknown[], what: string, convert: (raw: JsonObject) => T, warn: Warn): T[] {
  const kept = raws.filter((raw): raw is JsonObject => isObject(raw) && toText(raw.id) !== null);
  if (kept.length < raws.length) {
    const skipped = raws.length - kept.length;
    warn(`Skipped ${skipped} ${what}${skipped === 1 ? '' : 's'} without an id in the API's answer.`);
  }
  return kept.map(convert);
}

/**
 * The array under the first of `keys`, else a lone object under `single`, else `data` itself when
 * it is an array or one item (an object with an id).
 */
function itemsOf(payload: unknown, keys: readonly string[], single: readonly string[]): unknown[] {
  if (Array.isArray(payload)) return payload;
  if (!isObject(payload)) return [];
  for (const key of keys) {
    if (Array.isArray(payload[key])) return payload[key] as unknown[];
  }
  for (const key of single) {
    if (isObject(payload[key])) return [payload[key]];
  }
  return toText(payload.id) ? [payload] : [];
}

/**
 * `GET …/meetings/{id}/active-livestream`: `data` is the livestream (documented), or holds it as
 * `livestream`, or is a list of them ("all active livestreams", the SDKs say): the first is the one.
 */
export function toMeetingActiveLivestream(body: unknown, appId: string): Livestream {
  const payload = payloadOf(body);
  const first = Array.isArray(payload) ? payload[0] : singlePayloadOf(body);
  return toLivestream(isObject(first) && isObject(first.livestream) ? first.livestream : first, appId);
}

/**
 * `GET …/meetings/{id}/livestream`: `data: {livestreams: [...], sessions: [...], paging}`, or the
 * one-item form (`livestream`, `session`). Paging is about the livestreams.
 */
export function toMeetingLivestreams(body: unknown, appId: string, pageNo: number, perPage: number, warn: Warn = ignore): MeetingLivestreams {
  const sent = payloadOf(body);
  // The answer object wrapped in a one-element list (seen on single answers): read the object,
  // never take it for a livestream without an id and show the meeting as having none.
  const wrapped = Array.isArray(sent) && sent.length === 1 && isObject(sent[0]) && !toText(sent[0].id) && ('livestreams' in sent[0] || 'livestream' in sent[0]);
  const payload: unknown = wrapped ? (sent as unknown[])[0] : sent;
  if (!isObject(payload) && !Array.isArray(payload)) {
    throw unreadable('meetingLivestreams');
  }
  const data = isObject(payload) ? payload : {};
  const raws = Array.isArray(payload) ? payload : itemsOf({ livestreams: data.livestreams, livestream: data.livestream }, ['livestreams'], ['livestream']);
  const livestreams = withIds(raws, 'livestream', (raw) => toLivestream(raw, appId), warn);
  const sessions = mergeSessions(data.session, data.sessions, warn);
  return { livestreams, sessions, paging: toPaging(rawPagingOf(body), pageNo, perPage, livestreams.length), pageNo, perPage };
}

/**
 * `GET …/sessions/{id}/livestream-sessions`: the sessions as `data` (array or one), or under
 * `livestream_sessions` / `sessions`; paging beside or inside. Newest first whatever the order sent.
 */
export function toSessionPage(body: unknown, pageNo: number, perPage: number, warn: Warn = ignore): Page<Session> {
  const payload = payloadOf(body);
  // Sessions come as a list or an object; anything else ("unavailable") is not an empty page.
  if (!isObject(payload) && !Array.isArray(payload)) {
    throw unreadable('livestreamSessions');
  }
  const raws = itemsOf(payload, ['livestream_sessions', 'sessions', 'items'], ['livestream_session', 'session']);
  const items = mergeSessions(undefined, raws, warn);
  return { items, paging: toPaging(rawPagingOf(body), pageNo, perPage, items.length), pageNo, perPage };
}

/** `2026-11-27`, from a date or a timestamp; null when it is neither. */
function dayOf(value: unknown): string | null {
  const text = toText(value);
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/**
 * `GET …/analytics/livestreams/daywise`: `data: [{date, count, total_ingest_seconds,
 * total_viewer_seconds}]` (or one such object). Days without a readable date are skipped (and
 * reported); a date sent twice is summed. Oldest first.
 */
export function toDaywise(body: unknown, warn: Warn = ignore): DayAnalytics[] {
  const payload = payloadOf(body);
  if (payload === undefined || payload === null || (!Array.isArray(payload) && !isObject(payload))) {
    throw unreadable('daywise');
  }
  const listed = Array.isArray(payload) ? payload : itemsOf(payload, ['days', 'items', 'data'], []);
  const raws = listed.length === 0 && isObject(payload) && 'date' in payload ? [payload] : listed;
  const byDate = new Map<string, DayAnalytics>();
  let skipped = 0;
  for (const raw of raws) {
    const date = isObject(raw) ? dayOf(raw.date) : null;
    if (!isObject(raw) || !date) {
      skipped++;
      continue;
    }
    const before = byDate.get(date);
    byDate.set(date, {
      date,
      count: (before?.count ?? 0) + toNumber(raw.count),
      totalIngestSeconds: (before?.totalIngestSeconds ?? 0) + toNumber(raw.total_ingest_seconds),
      totalViewerSeconds: (before?.totalViewerSeconds ?? 0) + toNumber(raw.total_viewer_seconds),
    });
  }
  if (skipped > 0) {
    warn(`Skipped ${skipped} day${skipped === 1 ? '' : 's'} without a date in the analytics by day.`);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
