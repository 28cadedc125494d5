// Domain objects for the unit tests of pure functions (tree model, quick picks, view model, copy
// values): the shapes of src/api/types.ts with readable defaults, at a fixed NOW. Only plain
// values here: a test that needs the API runs the real client against the fake API server
// (test/fake-api/, helpers in onFakeApi.ts), never an in-memory stand-in.
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import type { App, Livestream, LivestreamDetails, Session } from '../../src/api/types';
import type { Loadable } from '../../src/store/loadable';
import type { LivestreamList } from '../../src/store/store';

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ACCOUNT_ID = 'a'.repeat(32);
export const OTHER_ACCOUNT_ID = 'b'.repeat(32);
export const APP_ID = 'app-1';
/** The id `session()` links its sessions to; give a livestream this id to own them. */
export const LIVESTREAM_ID = '22222222-2222-4222-8222-222222222222';
export const SERVER = 'rtmps://live.cloudflare.com:443/live/';
export const KEY = '0123456789abcdef0123456789abcdefk0123456789abcdef0123456789abcdef';
export const PLAYBACK = 'https://customer-abc.cloudflarestream.com/fedcba9876543210fedcba9876543210/manifest/video.m3u8';

/** The ISO time `msBeforeNow` before NOW. */
export function iso(msBeforeNow: number): string {
  return new Date(NOW - msBeforeNow).toISOString();
}

export function app(id: string, name = `App ${id}`): App {
  return { id, name, createdAt: iso(30 * DAY) };
}

let livestreams = 0;

/** An IDLE livestream of APP_ID with every credential, created a day and updated an hour before NOW; ids and names count up. */
export function livestream(over: Partial<Livestream> = {}): Livestream {
  livestreams++;
  return {
    id: `ls-${livestreams}`,
    appId: APP_ID,
    name: `Stream ${livestreams}`,
    unnamed: false,
    status: 'IDLE',
    ingestServer: SERVER,
    streamKey: KEY,
    playbackUrl: PLAYBACK,
    meetingId: null,
    disabled: false,
    createdAt: iso(DAY),
    updatedAt: iso(HOUR),
    ...over,
  };
}

let sessions = 0;

/** A finished session of LIVESTREAM_ID that started `startedAgoMs` before NOW and ran `seconds`. */
export function session(startedAgoMs: number, seconds: number, over: Partial<Session> = {}): Session {
  const started = NOW - startedAgoMs;
  return {
    id: `33333333-3333-4333-8333-${String(++sessions).padStart(12, '0')}`,
    livestreamId: LIVESTREAM_ID,
    createdAt: new Date(started - 5000).toISOString(),
    updatedAt: new Date(started + seconds * 1000).toISOString(),
    invokedTime: new Date(started - 5000).toISOString(),
    startedTime: new Date(started).toISOString(),
    stoppedTime: new Date(started + seconds * 1000).toISOString(),
    errMessage: null,
    ingestSeconds: seconds,
    viewerSeconds: seconds * 10,
    ...over,
  };
}

/** One page of a livestream's sessions (newest first, as the API sends them). */
export function details(l: Livestream, page: readonly Session[], at = { pageNo: 1, perPage: 10 }, totalCount = page.length): LivestreamDetails {
  const start = (at.pageNo - 1) * at.perPage;
  return {
    livestream: l,
    sessions: page,
    paging: { startOffset: start, endOffset: start + page.length, totalCount },
    pageNo: at.pageNo,
    perPage: at.perPage,
  };
}

export function list(items: readonly Livestream[], totalCount = items.length, pagesLoaded = 1): LivestreamList {
  return { items, totalCount, pagesLoaded };
}

/** Nothing loaded, nothing loading. */
export const EMPTY: Loadable<never> = { value: undefined, loading: false, error: undefined, loadedAt: undefined };

export function loaded<T>(value: T, over: Partial<Loadable<T>> = {}): Loadable<T> {
  return { value, loading: false, error: undefined, loadedAt: NOW, ...over };
}

export function failed<T>(kind: ApiErrorKind, message: string, value?: T): Loadable<T> {
  return { value, loading: false, error: new ApiError({ kind, message }), loadedAt: undefined };
}
