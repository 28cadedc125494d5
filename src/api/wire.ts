// The wire's common forms, read leniently: scalars that arrive as strings or numbers, the two
// envelopes (RealtimeKit's `data` and Cloudflare's `result`), paging in its three places, and
// list payloads in their several shapes. Pure; normalise.ts builds the domain objects on top.
import * as l10n from '@vscode/l10n';
import { isObject } from '../shared/json';
import type { LivestreamStatus, Paging } from './types';
import { ApiError } from './errors';

// ---------------------------------------------------------------------------------------------
// Scalars

/** Numbers may arrive as strings ("12.5"); anything unusable counts as 0 rather than NaN. */
export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

/** `disabled` is documented both as a boolean and as a string. */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return value !== 0;
  }
  if (typeof value === 'string') {
    return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
  }
  return false;
}

/** A non-empty trimmed string, or null. Numbers are accepted (ids sometimes are numeric). */
export function toText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value !== 'string') {
    return null;
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Unknown statuses (the legacy OFFLINE, future ones) are kept so the UI can show them. */
export function toStatus(value: unknown): LivestreamStatus {
  return toText(value)?.toUpperCase() ?? 'UNKNOWN';
}

/** ISO timestamps are passed through untouched; null, empty or non-string means "not known". */
export function toTimestamp(value: unknown): string | null {
  return toText(typeof value === 'number' ? null : value);
}

// ---------------------------------------------------------------------------------------------
// Envelopes

/**
 * RealtimeKit answers `{success, data, paging?}`; Cloudflare's core API answers
 * `{success, result, result_info?}`. Either may show up on either kind of endpoint.
 */
export function payloadOf(body: unknown): unknown {
  if (!isObject(body)) {
    return undefined;
  }
  return body.data !== undefined ? body.data : body.result;
}

/**
 * The payload of an answer about one thing (a livestream, a session). Some answers wrap it in a
 * one-element array, as lists do: the element is the answer.
 */
export function singlePayloadOf(body: unknown): unknown {
  const payload = payloadOf(body);
  return Array.isArray(payload) && payload.length === 1 ? payload[0] : payload;
}

/** What an unreadable answer was about (each has its own whole sentence). */
export type AnswerAbout = 'livestreams' | 'apps' | 'accounts' | 'meetingLivestreams' | 'livestreamSessions' | 'daywise' | 'appAnalytics';

/** An answer whose payload is not what the endpoint is about: reported, never read as empty or zero. */
export function unreadable(about: AnswerAbout): ApiError {
  return new ApiError({ kind: 'badResponse', message: unreadableMessage(about) });
}

function unreadableMessage(about: AnswerAbout): string {
  switch (about) {
    case 'livestreams':
      return l10n.t("The API's answer about livestreams could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'apps':
      return l10n.t("The API's answer about apps could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'accounts':
      return l10n.t("The API's answer about accounts could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'meetingLivestreams':
      return l10n.t("The API's answer about the meeting's livestreams could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'livestreamSessions':
      return l10n.t("The API's answer about the livestream sessions could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'daywise':
      return l10n.t("The API's answer about the analytics by day could not be read (no usable data in it), so it is unavailable. Try again; if it persists, show the logs.");
    case 'appAnalytics':
      return l10n.t("The API's answer about the app analytics could not be read (it has no count, ingest or viewer totals), so it is unavailable. Try again; if it persists, show the logs.");
  }
}

// ---------------------------------------------------------------------------------------------
// Paging

/**
 * RealtimeKit `paging {start_offset, end_offset, total_count}` or Cloudflare
 * `result_info {page, per_page, count, total_count}`. Offsets are 0-based and `end_offset` is
 * inclusive, as on the wire (items 0..24 of a 25-item page). When the API sends no paging, the
 * page itself is the only truth: offsets from the request, total = what we have seen so far.
 */
export function toPaging(raw: unknown, pageNo: number, perPage: number, itemCount: number): Paging {
  const fromPage = (start: number, count: number, total?: unknown): Paging => ({
    startOffset: start,
    endOffset: start + count - 1,
    totalCount: total !== undefined ? toNumber(total) : start + count,
  });
  if (isObject(raw) && 'page' in raw) {
    const size = toNumber(raw.per_page) || perPage;
    const start = ((toNumber(raw.page) || pageNo) - 1) * size;
    return fromPage(start, 'count' in raw ? toNumber(raw.count) : itemCount, raw.total_count);
  }
  const fallback = fromPage(Math.max(0, (pageNo - 1) * perPage), itemCount);
  if (!isObject(raw)) {
    return fallback;
  }
  const startOffset = 'start_offset' in raw ? toNumber(raw.start_offset) : fallback.startOffset;
  return {
    startOffset,
    endOffset: 'end_offset' in raw ? toNumber(raw.end_offset) : startOffset + itemCount - 1,
    totalCount: 'total_count' in raw ? toNumber(raw.total_count) : startOffset + itemCount,
  };
}

/** Paging beside `data` (documented for lists), inside `data` (the object form), or `result_info`. */
export function rawPagingOf(body: unknown): unknown {
  if (!isObject(body)) {
    return undefined;
  }
  const payload = payloadOf(body);
  return body.paging ?? (isObject(payload) ? payload.paging : undefined) ?? body.result_info;
}

/**
 * The items of a list answer. `data` may be the array itself, or an object holding either an
 * array (`{livestreams: [...], paging}`) or a single item (`{livestream: {...}, paging}` or the
 * item's own fields beside `paging`).
 */
export function listItemsOf(body: unknown, singular: string, plural: 'livestreams' | 'apps' | 'accounts'): unknown[] {
  const payload = payloadOf(body);
  if (Array.isArray(payload)) {
    return payload;
  }
  if (!isObject(payload)) {
    throw unreadable(plural);
  }
  for (const key of [plural, 'items', 'data', 'result']) {
    if (Array.isArray(payload[key])) {
      return payload[key] as unknown[];
    }
  }
  if (isObject(payload[singular])) {
    return [payload[singular]];
  }
  const item = Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'paging'));
  return Object.keys(item).length > 0 ? [item] : [];
}

