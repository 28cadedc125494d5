// What the hostile server says when a cell asks it to answer properly: realistic Cloudflare and
// RealtimeKit success bodies for every route the client uses, in the normal shape or bent into
// one of the shapes the audit found on the wire (wrong types, 1 MB strings, `data` as an array,
// an object, null or a string, items without ids, lists that never end). Pure: no I/O.
//
// Shapes follow /work/shared/reference/REALTIMEKIT-API.md: RealtimeKit answers
// `{success, data, paging}`, Cloudflare's core API `{success, errors, messages, result, result_info}`.

export type Route =
  | 'accounts'
  | 'userVerify'
  | 'accountVerify'
  | 'apps'
  | 'livestreams'
  | 'createLivestream'
  | 'livestream'
  | 'activeSession'
  | 'session'
  | 'analytics'
  | 'daywise'
  | 'meetingActiveLivestream'
  | 'meetingLivestreams'
  | 'meetingSessionLivestreams'
  | 'startMeetingLivestream'
  | 'stopMeetingLivestream';

export type Shape =
  | 'normal'
  | 'wrongTypes'
  | 'hugeStrings'
  | 'dataArray'
  | 'dataObject'
  | 'dataNull'
  | 'dataString'
  | 'missingIds'
  | 'endlessPages'
  | 'repeatedPages';

type Json = Record<string, unknown>;

/** Ids and values of the fixture: the matrix compares what the client read against these. */
export const FIXTURE = {
  accountId: 'f1e2d3c4b5a697887766554433221100',
  appId: '5b0a6c1e-7d2f-4a8b-9c3d-1e2f3a4b5c6d',
  accountIds: ['f1e2d3c4b5a697887766554433221100', '0a1b2c3d4e5f60718293a4b5c6d7e8f9', '99887766554433221100ffeeddccbbaa'],
  appIds: ['5b0a6c1e-7d2f-4a8b-9c3d-1e2f3a4b5c6d', '6c1b7d2f-8e3a-4b9c-8d4e-2f3a4b5c6d7e', '7d2c8e3a-9f4b-4c8d-9e5f-3a4b5c6d7e8f'],
  livestreamIds: ['a7c31f0e-4b2d-4e8a-9c6b-1d2e3f4a5b6c', 'b8d42a1f-5c3e-4f9b-8d7c-2e3f4a5b6c7d', 'c9e53b2a-6d4f-4a8c-9e8d-3f4a5b6c7d8e'],
  sessionIds: ['d1f64c3b-7e5a-4b9d-8f9e-4a5b6c7d8e9f', 'e2a75d4c-8f6b-4c8e-9a0f-5b6c7d8e9f0a'],
  tokenId: 'ed17574386854bf78a67040be0a770b0',
  createdId: 'f3b86e5d-9a7c-4d9f-8b1a-6c7d8e9f0a1b',
  analytics: { count: 4, total_ingest_seconds: 3600, total_viewer_seconds: 7200 },
  /** Analytics by day, oldest first as the API sends them: a day is identified by its date. */
  days: [
    { date: '2025-01-30', count: 1, total_ingest_seconds: 600, total_viewer_seconds: 1200 },
    { date: '2025-01-31', count: 2, total_ingest_seconds: 1200, total_viewer_seconds: 2400 },
    { date: '2025-02-01', count: 1, total_ingest_seconds: 1800, total_viewer_seconds: 3600 },
  ],
  meetingId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  /** The meeting's livestreams, newest first; the first is the one in progress. */
  meetingLivestreamIds: ['0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f'],
  /** Sessions of the meeting's livestreams (the first two), newest first. */
  meetingSessionIds: ['2d3e4f5a-6b7c-4d8e-8f9a-1b2c3d4e5f6a', '3e4f5a6b-7c8d-4e9f-9a0b-2c3d4e5f6a7b'],
  /** A meeting session (an occurrence of the meeting), and the livestream sessions it covered, newest first. */
  meetingSessionId: '4f5a6b7c-8d9e-4f0a-8b1c-3d4e5f6a7b8c',
  meetingSessionLivestreamSessionIds: ['5a6b7c8d-9e0f-4a1b-9c2d-4e5f6a7b8c9d', '6b7c8d9e-0f1a-4b2c-8d3e-5f6a7b8c9d0e'],
  /** The livestream a start creates. */
  startedId: '7c8d9e0f-1a2b-4c3d-9e4f-6a7b8c9d0e1f',
  /** "1 MB strings": the length of the one bloated string each such answer carries. */
  hugeLength: 1_000_000,
} as const;

/** The most items a page of an endless or repeated list brings: fewer than any per_page the client asks for. */
export const PAGE_OF_TWO = 2;

/** The parts of a request an answer depends on. */
export interface AnswerRequest {
  readonly query: URLSearchParams;
  /** Parsed JSON body of a POST, if any. */
  readonly body: unknown;
  /** A fresh stream key: the server records every one it sends, so the matrix can look for leaks. */
  readonly newStreamKey: () => string;
}

export interface Answer {
  readonly status: number;
  readonly body: Json;
}

/** Routes whose `data` is the list itself. (A meeting's livestreams come as an object holding lists: a single answer here.) */
const LIST_ROUTES = new Set<Route>(['accounts', 'apps', 'livestreams', 'daywise', 'meetingSessionLivestreams']);
/** Lists the API sends without paging. */
const UNPAGED_ROUTES = new Set<Route>(['daywise']);
/** Writes that create something: 201. */
const CREATED_ROUTES = new Set<Route>(['createLivestream', 'startMeetingLivestream']);
/** Routes answered in Cloudflare's core envelope (`result`); the rest use RealtimeKit's (`data`). */
const CLOUDFLARE_ROUTES = new Set<Route>(['accounts', 'userVerify', 'accountVerify']);

export function answerFor(route: Route, shape: Shape, req: AnswerRequest): Answer {
  const cloudflare = CLOUDFLARE_ROUTES.has(route);
  const built = LIST_ROUTES.has(route) ? listAnswer(route, shape, req) : { payload: singlePayload(route, shape, req), paging: undefined };
  let { payload, paging } = built;
  switch (shape) {
    case 'dataArray':
      // Lists already are arrays; a single object comes wrapped in a one-element array.
      payload = Array.isArray(payload) ? payload : [payload];
      break;
    case 'dataObject':
      // A list as one object with its paging inside; single answers already are objects. A
      // meeting's livestreams (an object holding lists) come in their one-item form instead.
      if (route === 'meetingLivestreams') {
        payload = meetingLivestreams(shape, req, true);
      } else if (Array.isArray(payload)) {
        payload = { ...(payload[0] as Json), paging: { start_offset: 0, end_offset: 0, total_count: 1 } };
        paging = undefined;
      }
      break;
    case 'dataNull':
      payload = null;
      break;
    case 'dataString':
      payload = 'unavailable';
      break;
    default:
      break;
  }
  const status = CREATED_ROUTES.has(route) ? 201 : 200;
  if (UNPAGED_ROUTES.has(route)) {
    paging = undefined;
  }
  if (cloudflare) {
    const messages = shape === 'hugeStrings' && !LIST_ROUTES.has(route) ? [{ code: 10000, message: huge('m') }] : [];
    return { status, body: { success: true, errors: [], messages, result: payload, ...(paging ? { result_info: paging } : {}) } };
  }
  return { status, body: { success: true, data: payload, ...(paging ? { paging } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// Lists

interface ListAnswer {
  payload: unknown;
  paging: Json | undefined;
}

function listAnswer(route: Route, shape: Shape, req: AnswerRequest): ListAnswer {
  const cloudflare = CLOUDFLARE_ROUTES.has(route);
  // Cloudflare pages with `page`, RealtimeKit with `page_no`.
  const pageNo = Math.max(1, Number(req.query.get(cloudflare ? 'page' : 'page_no')) || 1);
  const perPage = Math.max(1, Number(req.query.get('per_page')) || 25);
  const item = (i: number, id: string): Json => listItem(route, i, id, shape, req);
  if (shape === 'endlessPages' || shape === 'repeatedPages') {
    // Every page claims there is much more. Endless: each page brings new ids. Repeated: the
    // server ignores the page number and sends page 1 again.
    const page = shape === 'endlessPages' ? pageNo : 1;
    const ids = Array.from({ length: PAGE_OF_TWO }, (_, i) => (page === 1 ? idsOf(route)[i] : `${idsOf(route)[i]}-page-${page}`));
    const items = ids.map((id, i) => item(i, id));
    const start = (page - 1) * PAGE_OF_TWO;
    return {
      payload: items,
      paging: cloudflare
        ? { page, per_page: perPage, count: items.length, total_count: 100_000, total_pages: 50_000 }
        : { start_offset: start, end_offset: start + items.length - 1, total_count: 100_000 },
    };
  }
  const all = idsOf(route).map((id, i) => item(i, id));
  const start = (pageNo - 1) * perPage;
  const items = all.slice(start, start + perPage);
  return {
    payload: items,
    paging: cloudflare
      ? { page: pageNo, per_page: perPage, count: items.length, total_count: all.length, total_pages: Math.ceil(all.length / perPage) }
      : { start_offset: start, end_offset: start + items.length - 1, total_count: all.length },
  };
}

function idsOf(route: Route): readonly string[] {
  switch (route) {
    case 'accounts':
      return FIXTURE.accountIds;
    case 'apps':
      return FIXTURE.appIds;
    case 'daywise':
      return FIXTURE.days.map((d) => d.date);
    case 'meetingSessionLivestreams':
      return FIXTURE.meetingSessionLivestreamSessionIds;
    default:
      return FIXTURE.livestreamIds;
  }
}

function listItem(route: Route, i: number, id: string, shape: Shape, req: AnswerRequest): Json {
  let raw: Json;
  if (route === 'accounts') {
    raw = { id, name: `Hostile Account ${i + 1}`, type: 'standard', settings: { enforce_twofactor: false } };
    if (shape === 'wrongTypes') {
      raw = { ...raw, name: i === 0 ? null : 42 };
    }
  } else if (route === 'apps') {
    raw = { id, name: `Hostile App ${i + 1}`, created_at: '2025-01-15T10:00:00.000Z' };
    if (shape === 'wrongTypes') {
      raw = { ...raw, name: i === 0 ? null : 7, created_at: 1736935200 };
    }
  } else if (route === 'daywise') {
    return day(i, id, shape);
  } else if (route === 'meetingSessionLivestreams') {
    // A session's own bloated field is err_message; its "id" goes missing like any other.
    raw = session(i, shape, { id, livestreamId: FIXTURE.meetingLivestreamIds[i % FIXTURE.meetingLivestreamIds.length], bloat: i === 0 });
  } else {
    raw = livestream(i, id, shape, req);
  }
  if (shape === 'hugeStrings' && i === 0 && route !== 'meetingSessionLivestreams') {
    // One per answer: the point is a 1 MB string, not a slow transfer.
    raw = { ...raw, name: huge('n') };
  }
  if (shape === 'missingIds' && i === 0) {
    delete raw.id;
  }
  return raw;
}

/**
 * A row of the analytics by day (`GET …/analytics/livestreams/daywise`). A day is identified by
 * its date: "missing ids" drops the first row's date; "wrong types" sends the numbers as strings
 * and the date as a whole timestamp.
 */
function day(i: number, date: string, shape: Shape): Json {
  const row = FIXTURE.days.find((d) => d.date === date);
  const raw: Json = row ? { ...row } : { date, count: 1, total_ingest_seconds: 60, total_viewer_seconds: 120 };
  if (shape === 'wrongTypes') {
    Object.assign(raw, i === 0 ? { date: `${date}T00:00:00.000Z`, count: '1', total_ingest_seconds: '600.5' } : { total_viewer_seconds: '2400' });
  }
  if (shape === 'hugeStrings' && i === 0) {
    // No name to bloat: a field the client does not read carries the megabyte.
    raw.app_name = huge('a');
  }
  if (shape === 'missingIds' && i === 0) {
    delete raw.date;
  }
  return raw;
}

// ---------------------------------------------------------------------------------------------
// Single objects

function singlePayload(route: Route, shape: Shape, req: AnswerRequest): Json {
  switch (route) {
    case 'userVerify':
    case 'accountVerify': {
      const result: Json = { id: FIXTURE.tokenId, status: shape === 'wrongTypes' ? 'ACTIVE' : 'active', not_before: null, expires_on: null };
      if (shape === 'missingIds') {
        delete result.id;
      }
      return result;
    }
    case 'livestream': {
      const sessions = [session(0, shape), session(1, shape)];
      return {
        livestream: mainLivestream(shape, req),
        session: sessions[0],
        sessions,
        paging: { start_offset: 0, end_offset: 1, total_count: 2 },
      };
    }
    case 'activeSession':
      return { livestream: mainLivestream(shape, req), session: session(0, shape) };
    case 'session': {
      const s = session(0, shape, { bloat: true });
      if (shape === 'missingIds') {
        delete s.id;
      }
      return { session: s };
    }
    case 'analytics':
      if (shape === 'missingIds') {
        // Nothing to identify: "missing" here means none of the totals came.
        return {};
      }
      if (shape === 'wrongTypes') {
        return { count: '4', total_ingest_seconds: '3600.5', total_viewer_seconds: '7200' };
      }
      return { ...FIXTURE.analytics, ...(shape === 'hugeStrings' ? { app_name: huge('a') } : {}) };
    case 'createLivestream': {
      const name = isJson(req.body) && typeof req.body.name === 'string' ? req.body.name : null;
      const created: Json = {
        ...livestream(0, FIXTURE.createdId, 'normal', req),
        name: shape === 'hugeStrings' ? huge('n') : name,
        status: shape === 'wrongTypes' ? 'idle' : 'IDLE',
        disabled: shape === 'wrongTypes' ? 'false' : false,
      };
      if (shape === 'missingIds') {
        delete created.id;
      }
      return created;
    }
    case 'meetingActiveLivestream':
      // Documented: `data` is the livestream in progress.
      return mainLivestream(shape, req, meetingStream(0, shape, req));
    case 'meetingLivestreams':
      return meetingLivestreams(shape, req, false);
    case 'startMeetingLivestream': {
      // Like a create: `data` is the new livestream, INVOKED until the meeting's media arrives.
      const name = isJson(req.body) && typeof req.body.name === 'string' ? req.body.name : null;
      const started: Json = {
        ...livestream(0, FIXTURE.startedId, 'normal', req, FIXTURE.meetingId),
        name: shape === 'hugeStrings' ? huge('n') : name,
        status: shape === 'wrongTypes' ? 'invoked' : 'INVOKED',
        disabled: shape === 'wrongTypes' ? 'false' : false,
      };
      if (shape === 'missingIds') {
        delete started.id;
      }
      return started;
    }
    case 'stopMeetingLivestream':
      // Only a message: nothing in it the client reads.
      return { message: shape === 'hugeStrings' ? huge('m') : shape === 'wrongTypes' ? 200 : 'Stopped livestreaming' };
    default:
      throw new Error(`${route} is a list route`);
  }
}

/** The meeting's livestream number `i` (0: the one in progress). */
function meetingStream(i: number, shape: Shape, req: AnswerRequest): Json {
  return livestream(i, FIXTURE.meetingLivestreamIds[i], shape, req, FIXTURE.meetingId);
}

/**
 * `GET …/meetings/{id}/livestream`: `data: {livestreams: [...], sessions: [...], paging}` (paging
 * about the livestreams), or with `oneItem` the one-item form `{livestream, session, paging}`.
 */
function meetingLivestreams(shape: Shape, req: AnswerRequest, oneItem: boolean): Json {
  const livestreams = FIXTURE.meetingLivestreamIds.map((_, i) => meetingStream(i, shape, req));
  const sessions = FIXTURE.meetingSessionIds.map((id, i) => session(i, shape, { id, livestreamId: FIXTURE.meetingLivestreamIds[i] }));
  if (shape === 'hugeStrings') {
    livestreams[0].name = huge('n');
  }
  if (shape === 'missingIds') {
    delete livestreams[0].id;
  }
  if (oneItem) {
    return { livestream: livestreams[0], session: sessions[0], paging: { start_offset: 0, end_offset: 0, total_count: 1 } };
  }
  return { livestreams, sessions, paging: { start_offset: 0, end_offset: livestreams.length - 1, total_count: livestreams.length } };
}

/** The livestream of the details and active-session answers (the first of the list), or `raw`. */
function mainLivestream(shape: Shape, req: AnswerRequest, raw: Json = livestream(0, FIXTURE.livestreamIds[0], shape, req)): Json {
  if (shape === 'hugeStrings') {
    raw.name = huge('n');
  }
  if (shape === 'missingIds') {
    delete raw.id;
  }
  return raw;
}

function livestream(i: number, id: string, shape: Shape, req: AnswerRequest, meetingId: string | null = null): Json {
  const raw: Json = {
    id,
    name: `Hostile stream ${i + 1}`,
    status: i === 0 ? 'LIVE' : 'IDLE',
    ingest_server: 'rtmps://live.cloudflare.com:443/live/',
    stream_key: req.newStreamKey(),
    playback_url: `https://customer-hostile.cloudflarestream.com/${id.replace(/-/g, '')}/manifest/video.m3u8`,
    meeting_id: meetingId,
    disabled: false,
    created_at: '2025-02-01T09:00:00.000Z',
    updated_at: '2025-02-01T09:30:00.000Z',
  };
  if (shape === 'wrongTypes') {
    // Numbers and booleans as strings, a null and a numeric name, a status outside the four known.
    Object.assign(raw, i === 0 ? { name: null, status: 'paused', disabled: 'true', created_at: 1738400400 } : { name: 12345, disabled: '0' });
  }
  return raw;
}

/**
 * Sessions of the details and active-session answers, and of getSession's (`bloat`: 1 MB
 * err_message); `id` and `livestreamId` for the sessions of other livestreams (a meeting's).
 */
function session(i: number, shape: Shape, o: { bloat?: boolean; id?: string; livestreamId?: string } = {}): Json {
  const bloat = o.bloat ?? false;
  const raw: Json = {
    id: o.id ?? FIXTURE.sessionIds[i],
    livestream_id: o.livestreamId ?? FIXTURE.livestreamIds[0],
    created_at: `2025-02-0${2 - i}T10:00:00.000Z`,
    updated_at: `2025-02-0${2 - i}T11:00:00.000Z`,
    invoked_time: `2025-02-0${2 - i}T10:00:00.000Z`,
    started_time: `2025-02-0${2 - i}T10:00:05.000Z`,
    stopped_time: i === 0 ? null : '2025-02-01T11:00:00.000Z',
    err_message: null,
    ingest_seconds: 120,
    viewer_seconds: 300,
  };
  if (shape === 'wrongTypes') {
    Object.assign(raw, { ingest_seconds: '12.5', viewer_seconds: '30' });
  }
  if (shape === 'hugeStrings' && bloat) {
    raw.err_message = huge('e');
  }
  return raw;
}

function huge(letter: string): string {
  return letter.repeat(FIXTURE.hugeLength);
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Routing

const KIT = String.raw`/accounts/[^/]+/realtime/kit`;
const ROUTES: readonly (readonly [string, RegExp, Route])[] = [
  ['GET', /^\/accounts$/, 'accounts'],
  ['GET', /^\/user\/tokens\/verify$/, 'userVerify'],
  ['GET', /^\/accounts\/[^/]+\/tokens\/verify$/, 'accountVerify'],
  ['GET', new RegExp(`^${KIT}/apps$`), 'apps'],
  ['GET', new RegExp(`^${KIT}/[^/]+/livestreams$`), 'livestreams'],
  ['POST', new RegExp(`^${KIT}/[^/]+/livestreams$`), 'createLivestream'],
  // Before the details route, which would take "sessions" for a livestream id.
  ['GET', new RegExp(`^${KIT}/[^/]+/livestreams/sessions/[^/]+$`), 'session'],
  ['GET', new RegExp(`^${KIT}/[^/]+/livestreams/[^/]+/active-livestream-session$`), 'activeSession'],
  ['GET', new RegExp(`^${KIT}/[^/]+/livestreams/[^/]+$`), 'livestream'],
  ['GET', new RegExp(`^${KIT}/[^/]+/analytics/livestreams/overall$`), 'analytics'],
  ['GET', new RegExp(`^${KIT}/[^/]+/analytics/livestreams/daywise$`), 'daywise'],
  ['GET', new RegExp(`^${KIT}/[^/]+/meetings/[^/]+/active-livestream$`), 'meetingActiveLivestream'],
  ['GET', new RegExp(`^${KIT}/[^/]+/meetings/[^/]+/livestream$`), 'meetingLivestreams'],
  ['GET', new RegExp(`^${KIT}/[^/]+/sessions/[^/]+/livestream-sessions$`), 'meetingSessionLivestreams'],
  ['POST', new RegExp(`^${KIT}/[^/]+/meetings/[^/]+/livestreams$`), 'startMeetingLivestream'],
  ['POST', new RegExp(`^${KIT}/[^/]+/meetings/[^/]+/active-livestream/stop$`), 'stopMeetingLivestream'],
];

/** Where a redirect sends the client: the same route under another prefix, so following it would work. */
export const MOVED_PREFIX = '/moved';
export const API_PREFIX = '/client/v4';

export function routeOf(method: string, pathname: string): Route | undefined {
  let path = pathname.startsWith(MOVED_PREFIX) ? pathname.slice(MOVED_PREFIX.length) : pathname;
  if (!path.startsWith(API_PREFIX)) {
    return undefined;
  }
  path = path.slice(API_PREFIX.length);
  return ROUTES.find(([verb, pattern]) => verb === method && pattern.test(path))?.[2];
}
