// A faithful, deterministic, controllable fake of the Cloudflare RealtimeKit livestream API
// (plain node:http). See README.md for routes, seed, faults and the /__control endpoints.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  applyShapes,
  FaultTable,
  isRouteName,
  validateFault,
  type ActiveFault,
  type EffectiveFault,
  type Fault,
  type RouteName,
} from './faults';
import {
  daywise,
  DEFAULT_DAYWISE_WINDOW_MS,
  ensureMeetingInProgress,
  findMeeting,
  findMeetingSession,
  livestreamSessionsOf,
  livestreamsOfMeeting,
  sessionsOfLivestreams,
} from './meetings';
import { playbackPath, startIngest, type FakeIngest, type Ingest, type IngestHooks, type IngestOptions } from './ingest';
import {
  buildState,
  createdIdFor,
  ERR_NO_KEYFRAME,
  FAKE_ACCOUNT_ID,
  FAKE_SECOND_ACCOUNT_ID,
  FAKE_TOKEN,
  FAKE_TOKENS,
  INGEST_SERVER,
  playbackUrlFor,
  SEED_IDS,
  streamKeyFor,
  type FakeApp,
  type FakeLivestream,
  type FakeMeeting,
  type FakeSession,
  type FakeState,
  type FakeToken,
  type SeedOptions,
  type WireApp,
  type WireLivestream,
  type WireSession,
} from './seed';

// Everything a test needs comes from this module: the seed constants and the fault types too.
export * from './faults';
export * from './seed';
export { ERR_NO_VIDEO, maskStreamKey, type FakeIngest, type IngestEvent, type IngestOptions, type PublishInfo, type RefusalReason } from './ingest';

export interface FakeApiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed options, or false for accounts and tokens only (no apps, livestreams or sessions). */
  seed?: SeedOptions | false;
  /** Default '/client/v4'. */
  pathPrefix?: string;
  /** Called when an API request has been answered (the CLI's --verbose uses it). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * A real RTMP ingest writing real HLS (ingest.ts). Off by default: livestreams then keep
   * Cloudflare's ingest_server and playback_url. true = default IngestOptions.
   */
  ingest?: boolean | IngestOptions;
}

export interface RecordedRequest {
  method: string;
  /** Path as received (with the prefix), without the query. */
  path: string;
  query: Record<string, string>;
  /** The matched route, or null for an unknown route. */
  route: RouteName | null;
  /** 0 while unanswered (pending, hung, or aborted by the client). */
  status: number;
  /** Epoch ms when the request arrived. */
  time: number;
  /** Null while unanswered. */
  durationMs: number | null;
  /** The client closed the connection before the answer was sent (it gave up: a timeout, an abort). */
  aborted: boolean;
  /** Short name of the seeded token that was presented ('admin', 'readOnly', ...), 'invalid', or 'none'. Never the value. */
  auth: string;
  /** Parsed JSON request body (POSTs), when there was one. */
  body?: unknown;
  /** True when a fault applied to this request. */
  fault: boolean;
  userAgent: string | null;
}

export interface LivestreamPatch extends Partial<Omit<WireLivestream, 'id'>> {
  /** Move the livestream to another app. */
  app_id?: string;
  /** Add a session (newest); omitted fields get defaults (now, in progress). */
  addSession?: Partial<WireSession>;
  /** Default true: a status change to LIVE/INVOKED opens a session, away from them closes it. */
  autoSession?: boolean;
  /** err_message for the session closed by a change to ERRORED (default: the no-keyframe message). */
  errMessage?: string | null;
}

export interface FakeApi {
  /** e.g. http://127.0.0.1:PORT/client/v4 (what realtimekit.apiBaseUrl is set to). */
  readonly baseUrl: string;
  /** e.g. http://127.0.0.1:PORT */
  readonly origin: string;
  /** FAKE_TOKEN: Realtime Admin on both seeded accounts. */
  readonly token: string;
  /** FAKE_ACCOUNT_ID. */
  readonly accountId: string;
  /** Mutable in-memory state (same object for the server's lifetime; reset() refills it). */
  readonly state: FakeState;
  setFault(route: RouteName | '*', fault: Fault): void;
  clearFaults(): void;
  clearFault(route: RouteName | '*'): void;
  /** Faults in force, with remaining `times`. */
  faults(): ActiveFault[];
  /** Requests to the API (not /__control), oldest first; never contains the token. */
  readonly requests: RecordedRequest[];
  resetRequests(): void;
  /** Back to the seed; also clears faults and recorded requests. */
  reset(): void;
  /** Same as POST /__control/livestreams/{id}. Throws when the id is unknown or the patch invalid. */
  patchLivestream(id: string, patch: LivestreamPatch): { livestream: FakeLivestream; activeSession: FakeSession | null };
  /** The real ingest when started with `ingest`, else null. */
  readonly ingest: FakeIngest | null;
  /** Also stops the ingest: its RTMP port, every ffmpeg it started, its temporary folders. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Errors and envelopes.

type Envelope = 'kit' | 'cloudflare';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Force an envelope (401/403 always use Cloudflare's). */
    readonly envelope?: Envelope,
    readonly cfCode?: number,
  ) {
    super(message);
  }
}

const kitError = (status: number, message: string): HttpError => new HttpError(status, message, 'kit');
const badRequest = (message: string): HttpError => kitError(400, `BAD_REQUEST: ${message}`);
const notFound = (what: string): HttpError => kitError(404, `NOT_FOUND: ${what} not found`);
const unauthorized = (message = 'Authentication error', code = 10000): HttpError => new HttpError(401, message, 'cloudflare', code);
const forbidden = (message: string): HttpError => new HttpError(403, message, 'cloudflare', 10000);

function cloudflareCode(status: number): number {
  if (status === 404) return 7003;
  if (status === 429) return 971;
  if (status >= 500) return 10002;
  return 10000;
}

function cloudflareMessage(status: number): string {
  if (status === 401 || status === 403) return 'Authentication error';
  if (status === 429) return 'Rate limited. Please wait and consider throttling your request speed';
  return http.STATUS_CODES[status] ?? 'Error';
}

function kitMessage(status: number): string {
  const prefix = (http.STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const text: Record<number, string> = {
    400: 'invalid request',
    404: 'resource not found',
    500: 'something went wrong',
    502: 'upstream error',
    503: 'please try again later',
    504: 'upstream timed out',
  };
  return `${prefix}: ${text[status] ?? (http.STATUS_CODES[status] ?? 'error').toLowerCase()}`;
}

function cloudflareErrorBody(status: number, message?: string, code?: number): unknown {
  return {
    success: false,
    errors: [{ code: code ?? cloudflareCode(status), message: message ?? cloudflareMessage(status) }],
    messages: [],
    result: null,
  };
}

function kitErrorBody(status: number, message?: string): unknown {
  return { success: false, error: { code: status, message: message ?? kitMessage(status) } };
}

function htmlPage(status: number): string {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return (
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head>\n` +
    `<body><center><h1>${title}</h1></center><hr><center>cloudflare</center></body></html>\n`
  );
}

const MALFORMED_JSON = '{"success":true,"data":[{"id":"3f1c0b7e-2a4d-4c1e-9b8a-"';

// ---------------------------------------------------------------------------------------------
// Routing.

interface Ctx {
  params: string[];
  query: URLSearchParams;
  rawBody: string;
  token: FakeToken | null;
  state: FakeState;
}

interface Reply {
  status: number;
  body: unknown;
}

interface RouteDef {
  name: RouteName;
  method: 'GET' | 'POST';
  pattern: RegExp;
  envelope: Envelope;
  handler: (ctx: Ctx) => Reply;
}

const SEG = '([^/]+)';
const KIT = `/accounts/${SEG}/realtime/kit`;

const ROUTES: RouteDef[] = [
  { name: 'accounts', method: 'GET', pattern: /^\/accounts$/, envelope: 'cloudflare', handler: listAccounts },
  { name: 'userTokenVerify', method: 'GET', pattern: /^\/user\/tokens\/verify$/, envelope: 'cloudflare', handler: verifyUserToken },
  { name: 'accountTokenVerify', method: 'GET', pattern: re(`/accounts/${SEG}/tokens/verify`), envelope: 'cloudflare', handler: verifyAccountToken },
  { name: 'apps', method: 'GET', pattern: re(`${KIT}/apps`), envelope: 'kit', handler: listApps },
  { name: 'createApp', method: 'POST', pattern: re(`${KIT}/apps`), envelope: 'kit', handler: createApp },
  { name: 'livestreams', method: 'GET', pattern: re(`${KIT}/${SEG}/livestreams`), envelope: 'kit', handler: listLivestreams },
  { name: 'createLivestream', method: 'POST', pattern: re(`${KIT}/${SEG}/livestreams`), envelope: 'kit', handler: createLivestream },
  { name: 'session', method: 'GET', pattern: re(`${KIT}/${SEG}/livestreams/sessions/${SEG}`), envelope: 'kit', handler: getSession },
  { name: 'livestream', method: 'GET', pattern: re(`${KIT}/${SEG}/livestreams/${SEG}`), envelope: 'kit', handler: getLivestream },
  {
    name: 'activeSession',
    method: 'GET',
    pattern: re(`${KIT}/${SEG}/livestreams/${SEG}/active-livestream-session`),
    envelope: 'kit',
    handler: getActiveSession,
  },
  { name: 'analytics', method: 'GET', pattern: re(`${KIT}/${SEG}/analytics/livestreams/overall`), envelope: 'kit', handler: getAnalytics },
  { name: 'analyticsDaywise', method: 'GET', pattern: re(`${KIT}/${SEG}/analytics/livestreams/daywise`), envelope: 'kit', handler: getAnalyticsDaywise },
  { name: 'meetingLivestreams', method: 'GET', pattern: re(`${KIT}/${SEG}/meetings/${SEG}/livestream`), envelope: 'kit', handler: getMeetingLivestreams },
  {
    name: 'sessionLivestreamSessions',
    method: 'GET',
    pattern: re(`${KIT}/${SEG}/sessions/${SEG}/livestream-sessions`),
    envelope: 'kit',
    handler: getSessionLivestreamSessions,
  },
  {
    name: 'meetingActiveLivestream',
    method: 'GET',
    pattern: re(`${KIT}/${SEG}/meetings/${SEG}/active-livestream`),
    envelope: 'kit',
    handler: getMeetingActiveLivestream,
  },
  {
    name: 'startMeetingLivestream',
    method: 'POST',
    pattern: re(`${KIT}/${SEG}/meetings/${SEG}/livestreams`),
    envelope: 'kit',
    handler: startMeetingLivestream,
  },
  {
    name: 'stopMeetingLivestream',
    method: 'POST',
    pattern: re(`${KIT}/${SEG}/meetings/${SEG}/active-livestream/stop`),
    envelope: 'kit',
    handler: stopMeetingLivestream,
  },
];

function re(path: string): RegExp {
  return new RegExp(`^${path}$`);
}

function matchRoute(method: string, path: string): { route: RouteDef; params: string[] } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method === method) {
      try {
        return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
      } catch {
        return null;
      }
    }
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : null;
}

// ---------------------------------------------------------------------------------------------
// Helpers for handlers.

const iso = (ms: number): string => new Date(ms).toISOString();
const ACTIVE = new Set(['LIVE', 'INVOKED']);

function toWireLivestream(ls: FakeLivestream): WireLivestream {
  return {
    id: ls.id,
    name: ls.name,
    status: ls.status,
    ingest_server: ls.ingest_server,
    stream_key: ls.stream_key,
    playback_url: ls.playback_url,
    meeting_id: ls.meeting_id,
    disabled: ls.disabled,
    created_at: ls.created_at,
    updated_at: ls.updated_at,
  };
}

function toWireSession(s: FakeSession): WireSession {
  return {
    id: s.id,
    livestream_id: s.livestream_id,
    created_at: s.created_at,
    updated_at: s.updated_at,
    invoked_time: s.invoked_time,
    started_time: s.started_time,
    stopped_time: s.stopped_time,
    err_message: s.err_message,
    ingest_seconds: s.ingest_seconds,
    viewer_seconds: s.viewer_seconds,
  };
}

function toWireApp(app: FakeApp): WireApp {
  return { id: app.id, name: app.name, created_at: app.created_at };
}

function timeOf(value: string | null | undefined): number {
  const t = value ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : 0;
}

function byCreated<T extends { created_at: string; id: string }>(order: 'ASC' | 'DSC'): (a: T, b: T) => number {
  const dir = order === 'ASC' ? 1 : -1;
  return (a, b) => dir * (timeOf(a.created_at) - timeOf(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function positiveInt(q: URLSearchParams, name: string, def: number, max?: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest(`${name} must be a positive integer`);
  const n = Number(raw);
  return max !== undefined ? Math.min(n, max) : n;
}

/** ISO 8601 (what the overall analytics document) or Unix seconds (what daywise documents): both accepted. */
function timeParam(q: URLSearchParams, name: string): number | null {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  const t = /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  if (!Number.isFinite(t)) throw badRequest(`${name} must be an ISO 8601 date-time or Unix seconds`);
  return t;
}

function sortOrder(q: URLSearchParams, def: 'ASC' | 'DSC'): 'ASC' | 'DSC' {
  const raw = q.get('sort_order');
  if (raw === null || raw === '') return def;
  if (raw !== 'ASC' && raw !== 'DSC') throw badRequest('sort_order must be ASC or DSC');
  return raw;
}

const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 25;

function paginate<T>(items: T[], pageNo: number, perPage: number): { page: T[]; paging: { start_offset: number; end_offset: number; total_count: number } } {
  const start = (pageNo - 1) * perPage;
  const page = items.slice(start, start + perPage);
  return { page, paging: { start_offset: start, end_offset: start + page.length - 1, total_count: items.length } };
}

function parseJsonBody(ctx: Ctx): Record<string, unknown> {
  if (ctx.rawBody.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(ctx.rawBody);
  } catch {
    throw badRequest('request body must be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('request body must be a JSON object');
  return body as Record<string, unknown>;
}

function requiredName(body: Record<string, unknown>): string {
  const name = body.name;
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) throw badRequest('name is required');
  if (typeof name !== 'string') throw badRequest('name must be a string');
  if (name.length > 255) throw badRequest('name must be at most 255 characters');
  return name;
}

function requireToken(ctx: Ctx): FakeToken {
  if (!ctx.token || ctx.token.status !== 'active') throw unauthorized();
  return ctx.token;
}

/** Token, account and Realtime permission checks shared by every kit route. */
function kitAccount(ctx: Ctx, need: 'read' | 'admin'): string {
  const token = requireToken(ctx);
  const accountId = ctx.params[0] ?? '';
  if (!ctx.state.accounts.some((a) => a.id === accountId)) throw notFound('account');
  const perm = token.realtime[accountId];
  if (!perm) throw forbidden('Authentication error: token is not authorized for this account');
  if (need === 'admin' && perm !== 'admin') throw forbidden('Authentication error: token is not authorized to write (Realtime Admin required)');
  return accountId;
}

function kitApp(ctx: Ctx, need: 'read' | 'admin' = 'read'): FakeApp {
  const accountId = kitAccount(ctx, need);
  const appId = ctx.params[1] ?? '';
  const app = ctx.state.apps.find((a) => a.id === appId && a.account_id === accountId);
  if (!app) throw notFound('app');
  return app;
}

function kitLivestream(ctx: Ctx, app: FakeApp, id: string): FakeLivestream {
  const ls = ctx.state.livestreams.find((l) => l.id === id && l.app_id === app.id);
  if (!ls) throw notFound('livestream');
  return ls;
}

function sessionsOf(state: FakeState, livestreamId: string): FakeSession[] {
  return state.sessions.filter((s) => s.livestream_id === livestreamId).sort(byCreated('DSC'));
}

function openSession(state: FakeState, livestreamId: string): FakeSession | null {
  return sessionsOf(state, livestreamId).find((s) => s.stopped_time === null) ?? null;
}

function accountOf(state: FakeState, ls: FakeLivestream): string {
  return state.apps.find((a) => a.id === ls.app_id)?.account_id ?? FAKE_ACCOUNT_ID;
}

// ---------------------------------------------------------------------------------------------
// Handlers.

function listAccounts(ctx: Ctx): Reply {
  const token = requireToken(ctx);
  const page = positiveIntCf(ctx.query, 'page', 1);
  const perPage = Math.max(5, Math.min(50, positiveIntCf(ctx.query, 'per_page', 20)));
  const accounts = ctx.state.accounts.filter((a) => token.listed.includes(a.id));
  const slice = accounts.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: {
      success: true,
      errors: [],
      messages: [],
      result: slice,
      result_info: { page, per_page: perPage, count: slice.length, total_count: accounts.length, total_pages: Math.ceil(accounts.length / perPage) },
    },
  };
}

function positiveIntCf(q: URLSearchParams, name: string, def: number): number {
  try {
    return positiveInt(q, name, def);
  } catch {
    throw new HttpError(400, `${name} must be a positive integer`, 'cloudflare', 1001);
  }
}

function verifyBody(token: FakeToken): Reply {
  const active = token.status === 'active';
  return {
    status: 200,
    body: {
      success: true,
      errors: [],
      messages: [{ code: 10000, message: active ? 'This API Token is valid and active' : `This API Token is ${token.status}`, type: null }],
      result: { id: token.id, status: token.status },
    },
  };
}

function verifyUserToken(ctx: Ctx): Reply {
  if (!ctx.token) throw unauthorized();
  if (ctx.token.owner !== 'user') throw unauthorized('Invalid API Token', 1000);
  return verifyBody(ctx.token);
}

function verifyAccountToken(ctx: Ctx): Reply {
  if (!ctx.token) throw unauthorized();
  const accountId = ctx.params[0] ?? '';
  if (!ctx.state.accounts.some((a) => a.id === accountId)) {
    throw new HttpError(404, `Could not route to /accounts/${accountId}/tokens/verify, perhaps your object identifier is invalid?`, 'cloudflare', 7003);
  }
  const owner = ctx.token.owner;
  if (owner === 'user' || owner.accountId !== accountId) throw unauthorized('Invalid API Token', 1000);
  return verifyBody(ctx.token);
}

function listApps(ctx: Ctx): Reply {
  const accountId = kitAccount(ctx, 'read');
  const pageNo = positiveInt(ctx.query, 'page_no', 1);
  const perPage = positiveInt(ctx.query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const search = (ctx.query.get('search') ?? '').toLowerCase();
  const order = sortOrder(ctx.query, 'ASC');
  const apps = ctx.state.apps
    .filter((a) => a.account_id === accountId && (!search || (a.name ?? '').toLowerCase().includes(search)))
    .sort(byCreated(order));
  const { page, paging } = paginate(apps, pageNo, perPage);
  return { status: 200, body: { success: true, data: page.map(toWireApp), paging } };
}

function createApp(ctx: Ctx): Reply {
  const accountId = kitAccount(ctx, 'admin');
  const name = requiredName(parseJsonBody(ctx));
  const n = ++ctx.state.createdCount;
  const app: FakeApp = { id: createdIdFor('app', n), account_id: accountId, name, created_at: iso(Date.now()) };
  ctx.state.apps.push(app);
  return { status: 201, body: { success: true, data: { app: toWireApp(app) } } };
}

const KNOWN_STATUSES = ['LIVE', 'IDLE', 'ERRORED', 'INVOKED'];

function listLivestreams(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const q = ctx.query;
  const pageNo = positiveInt(q, 'page_no', 1);
  const perPage = positiveInt(q, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const order = sortOrder(q, 'DSC');
  const status = q.get('status');
  if (status !== null && status !== '' && !KNOWN_STATUSES.includes(status)) {
    throw badRequest(`status must be one of ${KNOWN_STATUSES.join(', ')}`);
  }
  const start = timeParam(q, 'start_time');
  const end = timeParam(q, 'end_time');
  const excludeRaw = q.get('exclude_meetings');
  if (excludeRaw !== null && !['', 'true', 'false', '1', '0'].includes(excludeRaw)) throw badRequest('exclude_meetings must be true or false');
  const exclude = excludeRaw === 'true' || excludeRaw === '1';
  const items = ctx.state.livestreams
    .filter((l) => {
      if (l.app_id !== app.id) return false;
      if (status && l.status !== status) return false;
      if (exclude && l.meeting_id) return false;
      const created = timeOf(l.created_at);
      if (start !== null && created < start) return false;
      if (end !== null && created > end) return false;
      return true;
    })
    .sort(byCreated(order));
  const { page, paging } = paginate(items, pageNo, perPage);
  return { status: 200, body: { success: true, data: page.map(toWireLivestream), paging } };
}

/** With a local ingest, a provisioned livestream publishes to it and plays from the fake's own HLS. */
function provision(state: FakeState, ls: FakeLivestream): void {
  if (!state.localIngest || ls.stream_key === null) return;
  ls.ingest_server = state.localIngest.ingestServer;
  ls.playback_url = `${state.localIngest.origin}${playbackPath(ls.id)}`;
}

function newLivestream(state: FakeState, app: FakeApp, name: string | null, meetingId: string | null, status: string): FakeLivestream {
  const n = ++state.createdCount;
  const id = createdIdFor('livestream', n);
  const now = iso(Date.now());
  const label = `created:${n}`;
  const ls: FakeLivestream = {
    id,
    name,
    status,
    ingest_server: INGEST_SERVER,
    stream_key: streamKeyFor(label),
    playback_url: playbackUrlFor(app.account_id, label),
    meeting_id: meetingId,
    disabled: false,
    created_at: now,
    updated_at: now,
    app_id: app.id,
  };
  provision(state, ls);
  state.livestreams.push(ls);
  return ls;
}

function createLivestream(ctx: Ctx): Reply {
  const app = kitApp(ctx, 'admin');
  const name = requiredName(parseJsonBody(ctx));
  const ls = newLivestream(ctx.state, app, name, null, 'IDLE');
  return { status: 201, body: { success: true, data: toWireLivestream(ls) } };
}

function getLivestream(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const ls = kitLivestream(ctx, app, ctx.params[2] ?? '');
  const pageNo = positiveInt(ctx.query, 'page_no', 1);
  const perPage = positiveInt(ctx.query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const sessions = sessionsOf(ctx.state, ls.id);
  const { page, paging } = paginate(sessions, pageNo, perPage);
  const latest = sessions[0];
  return {
    status: 200,
    body: {
      success: true,
      data: {
        livestream: toWireLivestream(ls),
        session: latest ? toWireSession(latest) : null,
        sessions: page.map(toWireSession),
        paging,
      },
    },
  };
}

function getActiveSession(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const ls = kitLivestream(ctx, app, ctx.params[2] ?? '');
  const open = ACTIVE.has(ls.status) ? openSession(ctx.state, ls.id) : null;
  if (!open) throw kitError(404, 'NOT_FOUND: no active livestream session');
  return { status: 200, body: { success: true, data: { livestream: toWireLivestream(ls), session: toWireSession(open) } } };
}

function getSession(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const id = ctx.params[2] ?? '';
  const session = ctx.state.sessions.find((s) => s.id === id);
  const ls = session && ctx.state.livestreams.find((l) => l.id === session.livestream_id && l.app_id === app.id);
  if (!session || !ls) throw notFound('livestream session');
  return { status: 200, body: { success: true, data: { session: toWireSession(session) } } };
}

function getAnalytics(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const start = timeParam(ctx.query, 'start_time');
  const end = timeParam(ctx.query, 'end_time');
  const ids = new Set(ctx.state.livestreams.filter((l) => l.app_id === app.id).map((l) => l.id));
  let count = 0;
  let ingest = 0;
  let viewer = 0;
  for (const s of ctx.state.sessions) {
    if (!ids.has(s.livestream_id)) continue;
    const created = timeOf(s.created_at);
    if (start !== null && created < start) continue;
    if (end !== null && created > end) continue;
    count++;
    ingest += Number(s.ingest_seconds) || 0;
    viewer += Number(s.viewer_seconds) || 0;
  }
  return { status: 200, body: { success: true, data: { count, total_ingest_seconds: ingest, total_viewer_seconds: viewer } } };
}

function getAnalyticsDaywise(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const end = timeParam(ctx.query, 'end_time') ?? Date.now();
  const start = timeParam(ctx.query, 'start_time') ?? end - DEFAULT_DAYWISE_WINDOW_MS;
  return { status: 200, body: { success: true, data: daywise(ctx.state, app, start, end) } };
}

function kitMeeting(ctx: Ctx, app: FakeApp): FakeMeeting {
  const meeting = findMeeting(ctx.state, app, ctx.params[2] ?? '');
  if (!meeting) throw notFound('meeting');
  return meeting;
}

/** `paging` is about the meeting's livestreams; `sessions` are those of the livestreams on the page. */
function getMeetingLivestreams(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const meeting = kitMeeting(ctx, app);
  const pageNo = positiveInt(ctx.query, 'page_no', 1);
  const perPage = positiveInt(ctx.query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const { page, paging } = paginate(livestreamsOfMeeting(ctx.state, app, meeting.id), pageNo, perPage);
  const sessions = sessionsOfLivestreams(ctx.state, page);
  return { status: 200, body: { success: true, data: { livestreams: page.map(toWireLivestream), sessions: sessions.map(toWireSession), paging } } };
}

function getSessionLivestreamSessions(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const meetingSession = findMeetingSession(ctx.state, app, ctx.params[2] ?? '');
  if (!meetingSession) throw notFound('session');
  const pageNo = positiveInt(ctx.query, 'page_no', 1);
  const perPage = positiveInt(ctx.query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const { page, paging } = paginate(livestreamSessionsOf(ctx.state, app, meetingSession), pageNo, perPage);
  return { status: 200, body: { success: true, data: page.map(toWireSession), paging } };
}

function meetingLivestream(ctx: Ctx, app: FakeApp, meetingId: string): FakeLivestream | undefined {
  return ctx.state.livestreams
    .filter((l) => l.app_id === app.id && l.meeting_id === meetingId && ACTIVE.has(l.status))
    .sort(byCreated('DSC'))[0];
}

function getMeetingActiveLivestream(ctx: Ctx): Reply {
  const app = kitApp(ctx);
  const ls = meetingLivestream(ctx, app, kitMeeting(ctx, app).id);
  if (!ls) throw kitError(404, 'NOT_FOUND: no active livestream for this meeting');
  return { status: 200, body: { success: true, data: toWireLivestream(ls) } };
}

function videoConfig(value: unknown): void {
  if (value === undefined || value === null) return;
  const v = value as Record<string, unknown>;
  const dimension = (d: unknown): boolean => typeof d === 'number' && Number.isInteger(d) && d >= 144 && d <= 4096;
  if (typeof value !== 'object' || Array.isArray(value) || !dimension(v.width) || !dimension(v.height)) {
    throw badRequest('video_config must be {width, height} in pixels');
  }
}

function startMeetingLivestream(ctx: Ctx): Reply {
  const app = kitApp(ctx, 'admin');
  const meeting = kitMeeting(ctx, app);
  const body = parseJsonBody(ctx);
  if (body.name !== undefined && body.name !== null && typeof body.name !== 'string') throw badRequest('name must be a string');
  videoConfig(body.video_config);
  if (meetingLivestream(ctx, app, meeting.id)) throw kitError(409, 'CONFLICT: meeting already has an active livestream');
  ensureMeetingInProgress(ctx.state, meeting, () => createdIdFor('meeting-session', ++ctx.state.createdCount));
  const ls = newLivestream(ctx.state, app, typeof body.name === 'string' ? body.name : null, meeting.id, 'INVOKED');
  addSession(ctx.state, ls, { started_time: null });
  return { status: 201, body: { success: true, data: toWireLivestream(ls) } };
}

function stopMeetingLivestream(ctx: Ctx): Reply {
  const app = kitApp(ctx, 'admin');
  const ls = meetingLivestream(ctx, app, kitMeeting(ctx, app).id);
  if (!ls) throw kitError(404, 'NOT_FOUND: no active livestream for this meeting');
  applyLivestreamPatch(ctx.state, ls, { status: 'IDLE' });
  return { status: 200, body: { success: true, data: { message: 'Stopped livestreaming' } } };
}

// ---------------------------------------------------------------------------------------------
// State mutation shared by handlers and the control API.

function addSession(state: FakeState, ls: FakeLivestream, init: Partial<WireSession>): FakeSession {
  const now = Date.now();
  const n = ++state.createdCount;
  const session: FakeSession = {
    id: createdIdFor('session', n),
    livestream_id: ls.id,
    created_at: iso(now),
    updated_at: iso(now),
    invoked_time: iso(now),
    started_time: iso(now),
    stopped_time: null,
    err_message: null,
    ingest_seconds: 0,
    viewer_seconds: 0,
    ...init,
  };
  session.livestream_id = ls.id;
  state.sessions.push(session);
  return session;
}

function closeSession(session: FakeSession, errMessage: string | null): void {
  const now = Date.now();
  session.stopped_time = iso(now);
  session.updated_at = iso(now);
  if (session.started_time) {
    session.ingest_seconds = Math.max(Number(session.ingest_seconds) || 0, Math.floor((now - timeOf(session.started_time)) / 1000));
  }
  if (errMessage !== null) session.err_message = errMessage;
}

const PATCHABLE = new Set([
  'name',
  'status',
  'ingest_server',
  'stream_key',
  'playback_url',
  'meeting_id',
  'disabled',
  'created_at',
  'updated_at',
  'app_id',
  'addSession',
  'autoSession',
  'errMessage',
]);

function applyLivestreamPatch(state: FakeState, ls: FakeLivestream, patch: LivestreamPatch): { livestream: FakeLivestream; activeSession: FakeSession | null } {
  for (const key of Object.keys(patch)) {
    if (!PATCHABLE.has(key)) throw new Error(`cannot patch "${key}"; allowed: ${[...PATCHABLE].join(', ')}`);
  }
  if (patch.app_id !== undefined && !state.apps.some((a) => a.id === patch.app_id)) throw new Error(`unknown app_id ${patch.app_id}`);
  const { addSession: sessionInit, autoSession, errMessage, ...fields } = patch;
  const before = ls.status;
  Object.assign(ls, fields);
  if (fields.updated_at === undefined) ls.updated_at = iso(Date.now());
  if (sessionInit) {
    addSession(state, ls, sessionInit);
  } else if (autoSession !== false && fields.status !== undefined && fields.status !== before) {
    const open = openSession(state, ls.id);
    if (ls.status === 'LIVE') {
      if (!open) addSession(state, ls, { invoked_time: iso(Date.now() - 5000), created_at: iso(Date.now() - 5000) });
      else if (!open.started_time) open.started_time = iso(Date.now());
    } else if (ls.status === 'INVOKED') {
      if (!open) addSession(state, ls, { started_time: null });
    } else if (open) {
      closeSession(open, ls.status === 'ERRORED' ? (errMessage === undefined ? ERR_NO_KEYFRAME : errMessage) : null);
    }
  }
  return { livestream: ls, activeSession: openSession(state, ls.id) };
}

/** How a real publish (ingest.ts) moves a livestream and its sessions. */
function ingestHooks(state: FakeState): IngestHooks {
  const livestream = (id: string): FakeLivestream | undefined => state.livestreams.find((l) => l.id === id);
  const session = (id: string): FakeSession | undefined => state.sessions.find((s) => s.id === id);
  const touch = (ls: FakeLivestream | undefined, status: string): void => {
    if (!ls) return;
    ls.status = status;
    ls.updated_at = iso(Date.now());
  };
  return {
    find: (key) => {
      const ls = state.livestreams.find((l) => l.stream_key === key);
      // `disabled` may have been patched in as Cloudflare's string form.
      return ls ? { livestreamId: ls.id, disabled: String(ls.disabled) === 'true' } : null;
    },
    invoked: (id) => {
      const ls = livestream(id);
      if (!ls) return null;
      // A seeded LIVE or INVOKED livestream has a simulated session open: the real encoder takes over.
      const open = openSession(state, ls.id);
      if (open) closeSession(open, null);
      touch(ls, 'INVOKED');
      return addSession(state, ls, { started_time: null }).id;
    },
    live: (id, sessionId) => {
      const s = session(sessionId);
      if (s && !s.started_time) {
        s.started_time = iso(Date.now());
        s.updated_at = s.started_time;
      }
      touch(livestream(id), 'LIVE');
    },
    tick: (_id, sessionId) => {
      const s = session(sessionId);
      if (s?.started_time && !s.stopped_time) s.ingest_seconds = Math.floor((Date.now() - timeOf(s.started_time)) / 1000);
    },
    ended: (id, sessionId, errMessage) => {
      const s = session(sessionId);
      if (s && !s.stopped_time) closeSession(s, errMessage);
      touch(livestream(id), errMessage === null ? 'IDLE' : 'ERRORED');
    },
  };
}

const SESSION_PATCHABLE = new Set([
  'created_at',
  'updated_at',
  'invoked_time',
  'started_time',
  'stopped_time',
  'err_message',
  'ingest_seconds',
  'viewer_seconds',
]);

// ---------------------------------------------------------------------------------------------
// The server.

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return '/client/v4';
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function tokenFromHeader(state: FakeState, header: string | undefined): { token: FakeToken | null; auth: string } {
  if (!header) return { token: null, auth: 'none' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = m ? state.tokens.find((t) => t.value === m[1]) : undefined;
  return token ? { token, auth: token.name } : { token: null, auth: 'invalid' };
}

const MAX_BODY = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Outgoing {
  status: number;
  contentType: string;
  payload: string;
  headers?: Record<string, string>;
}

function json(status: number, body: unknown, headers?: Record<string, string>): Outgoing {
  return { status, contentType: 'application/json; charset=utf-8', payload: JSON.stringify(body), headers };
}

function errorOutgoing(err: HttpError, routeEnvelope: Envelope): Outgoing {
  const envelope = err.envelope ?? routeEnvelope;
  const body = envelope === 'kit' ? kitErrorBody(err.status, err.message) : cloudflareErrorBody(err.status, err.message, err.cfCode);
  return json(err.status, body);
}

function faultOutgoing(fault: Fault, envelope: Envelope): Outgoing {
  const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 200);
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  const kind = fault.body ?? (status === 401 || status === 403 || status === 429 || envelope === 'cloudflare' ? 'cloudflareError' : 'kitError');
  switch (kind) {
    case 'html':
      return { status, contentType: 'text/html; charset=utf-8', payload: htmlPage(status), headers };
    case 'malformed':
      return { status, contentType: 'application/json; charset=utf-8', payload: MALFORMED_JSON, headers };
    case 'empty':
      return { status, contentType: 'application/json; charset=utf-8', payload: '', headers };
    case 'cloudflareError':
      return json(status, cloudflareErrorBody(status, fault.message), headers);
    case 'kitError':
      return json(status, kitErrorBody(status, fault.message), headers);
    case 'bareMessage':
      return json(status, { message: fault.message ?? http.STATUS_CODES[status] ?? 'Error' }, headers);
  }
}

/** True when the fault replaces the answer (rather than only delaying or reshaping it). */
function faultAnswers(fault: Fault): boolean {
  return (fault.status !== undefined && fault.status >= 300) || fault.body !== undefined || fault.retryAfter !== undefined;
}

function send(res: http.ServerResponse, out: Outgoing, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = Buffer.from(out.payload, 'utf8');
  res.writeHead(out.status, {
    'Content-Type': out.contentType,
    'Content-Length': String(payload.length),
    ...extraHeaders,
    ...out.headers,
  });
  res.end(payload);
}

function queryRecord(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of q) out[k] = v;
  return out;
}

function replaceInPlace<T>(target: T[], source: T[]): void {
  target.splice(0, target.length, ...source);
}

export async function startFakeApi(opts: FakeApiOptions = {}): Promise<FakeApi> {
  const prefix = normalisePrefix(opts.pathPrefix);
  const state = buildState(opts.seed);
  const faults = new FaultTable();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  let ingest: Ingest | null = null;

  const reset = (): void => {
    // Before the state is replaced: a late disconnect must not close a session of the new state.
    ingest?.reset();
    const fresh = buildState(opts.seed === false ? false : { ...(opts.seed ?? {}), now: state.now });
    state.now = fresh.now;
    state.createdCount = fresh.createdCount;
    replaceInPlace(state.accounts, fresh.accounts);
    replaceInPlace(state.tokens, fresh.tokens);
    replaceInPlace(state.apps, fresh.apps);
    replaceInPlace(state.livestreams, fresh.livestreams);
    replaceInPlace(state.sessions, fresh.sessions);
    replaceInPlace(state.meetings, fresh.meetings);
    replaceInPlace(state.meetingSessions, fresh.meetingSessions);
    for (const ls of state.livestreams) provision(state, ls);
    faults.clear();
    requests.length = 0;
  };

  const patchLivestream = (id: string, patch: LivestreamPatch): { livestream: FakeLivestream; activeSession: FakeSession | null } => {
    const ls = state.livestreams.find((l) => l.id === id);
    if (!ls) throw new Error(`unknown livestream ${id}`);
    return applyLivestreamPatch(state, ls, patch);
  };

  let baseUrl = '';
  let origin = '';

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const { token, auth } = tokenFromHeader(state, req.headers.authorization);
    const started = Date.now();
    const rel = prefix === '' ? url.pathname : url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null;
    const normalisedRel = rel !== null && rel.length > 1 ? rel.replace(/\/+$/, '') : rel;
    const method = req.method ?? 'GET';
    const match = normalisedRel === null ? null : matchRoute(method, normalisedRel);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      route: match && 'route' in match ? match.route.name : null,
      status: 0,
      time: started,
      durationMs: null,
      auth,
      fault: false,
      aborted: false,
      userAgent: req.headers['user-agent'] ?? null,
    };
    requests.push(record);
    res.once('close', () => {
      if (!res.writableFinished) record.aborted = true;
    });
    const finish = (out: Outgoing, extra?: Record<string, string>): void => {
      if (res.destroyed || res.writableEnded) return;
      send(res, out, extra);
      record.status = out.status;
      record.durationMs = Date.now() - started;
      opts.onRequest?.(record);
    };

    const raw = await readBody(req);
    if (raw === null) return finish(json(413, { message: 'Payload Too Large' }));
    if (raw !== '') {
      try {
        record.body = JSON.parse(raw);
      } catch {
        record.body = raw.slice(0, 1000);
      }
    }
    if (!match) return finish(json(404, { message: 'Not Found' }));
    if (!('route' in match)) return finish(json(405, { message: 'Method Not Allowed' }), { Allow: match.allowed.join(', ') });
    const route = match.route;

    let effective: EffectiveFault | null = null;
    effective = faults.take(route.name);
    if (effective) {
      record.fault = true;
      const f = effective.fault;
      if (f.hang) return; // never answered; close() destroys the socket
      if (f.latencyMs) {
        await sleep(f.latencyMs);
        if (closed) return;
      }
      if (f.disconnect) {
        req.socket.destroy();
        return;
      }
      if (faultAnswers(f)) return finish(faultOutgoing(f, route.envelope));
    }

    let out: Outgoing;
    try {
      const reply = route.handler({ params: match.params, query: url.searchParams, rawBody: raw, token, state });
      let body = reply.body;
      if (effective && effective.shapes.length) body = applyShapes(body, effective.shapes, { route: route.name, envelope: route.envelope });
      out = json(effective?.fault.status ?? reply.status, body);
    } catch (err) {
      if (err instanceof HttpError) out = errorOutgoing(err, route.envelope);
      else out = json(500, kitErrorBody(500, `INTERNAL_SERVER_ERROR: ${err instanceof Error ? err.message : String(err)}`));
    }
    if (effective?.fault.hangAfter) return; // done, but the answer is never sent
    finish(out);
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
    };
    const reply = (status: number, body?: unknown): void => {
      if (body === undefined) {
        if (!res.destroyed && !res.writableEnded) {
          res.writeHead(status, cors);
          res.end();
        }
        return;
      }
      send(res, json(status, body), cors);
    };
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return reply(204);
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw === null) return reply(413, { error: 'body too large' });
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reply(400, { error: 'body must be a JSON object' });
        body = parsed as Record<string, unknown>;
      } catch {
        return reply(400, { error: 'body must be valid JSON' });
      }
    }
    const path = url.pathname.replace(/\/+$/, '');
    const segs = path.split('/').slice(2).map((s) => decodeURIComponent(s));
    const [what, id] = segs;
    try {
      if (method === 'GET' && what === 'info' && segs.length === 1) {
        return reply(200, {
          baseUrl,
          origin,
          token: FAKE_TOKEN,
          accountId: FAKE_ACCOUNT_ID,
          secondAccountId: FAKE_SECOND_ACCOUNT_ID,
          tokens: FAKE_TOKENS,
          seedIds: opts.seed === false ? {} : SEED_IDS,
          rtmpBase: ingest?.rtmpBase ?? null,
        });
      }
      // Tests in another process (the extension host) follow publishes here.
      if (method === 'GET' && what === 'ingest' && segs.length === 1) {
        if (!ingest) return reply(404, { error: 'the ingest is off' });
        return reply(200, { rtmpBase: ingest.rtmpBase, hls: ingest.hls, publishing: ingest.publishing(), events: ingest.events });
      }
      if (what === 'faults' && segs.length === 1) {
        if (method === 'GET') return reply(200, faults.list());
        if (method === 'DELETE') {
          faults.clear();
          return reply(200, { ok: true });
        }
        if (method === 'POST') {
          const route = body.route;
          if (route !== '*' && !isRouteName(route)) return reply(400, { error: `unknown route ${JSON.stringify(route)}` });
          validateFault(body.fault);
          faults.set(route, body.fault);
          return reply(200, { ok: true, faults: faults.list() });
        }
      }
      if (what === 'faults' && segs.length === 2 && method === 'DELETE' && id !== undefined) {
        if (id !== '*' && !isRouteName(id)) return reply(400, { error: `unknown route ${JSON.stringify(id)}` });
        faults.clear(id);
        return reply(200, { ok: true });
      }
      if (what === 'requests' && segs.length === 1) {
        if (method === 'GET') return reply(200, requests);
        if (method === 'DELETE') {
          requests.length = 0;
          return reply(200, { ok: true });
        }
      }
      if (what === 'reset' && segs.length === 1 && method === 'POST') {
        reset();
        return reply(200, { ok: true });
      }
      if (what === 'state' && segs.length === 1 && method === 'GET') return reply(200, state);
      if (what === 'livestreams' && segs.length === 2 && id !== undefined) {
        if (method === 'POST') {
          if (!state.livestreams.some((l) => l.id === id)) return reply(404, { error: `unknown livestream ${id}` });
          const result = patchLivestream(id, body as LivestreamPatch);
          return reply(200, { livestream: result.livestream, activeSession: result.activeSession });
        }
        if (method === 'DELETE') {
          const before = state.livestreams.length;
          replaceInPlace(
            state.livestreams,
            state.livestreams.filter((l) => l.id !== id),
          );
          if (state.livestreams.length === before) return reply(404, { error: `unknown livestream ${id}` });
          replaceInPlace(
            state.sessions,
            state.sessions.filter((s) => s.livestream_id !== id),
          );
          return reply(200, { ok: true });
        }
      }
      if (what === 'sessions' && segs.length === 2 && id !== undefined && method === 'POST') {
        const session = state.sessions.find((s) => s.id === id);
        if (!session) return reply(404, { error: `unknown session ${id}` });
        for (const key of Object.keys(body)) {
          if (!SESSION_PATCHABLE.has(key)) return reply(400, { error: `cannot patch "${key}"; allowed: ${[...SESSION_PATCHABLE].join(', ')}` });
        }
        Object.assign(session, body);
        return reply(200, { session });
      }
      return reply(404, { error: `unknown control endpoint ${method} ${url.pathname}` });
    } catch (err) {
      return reply(400, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://fake.invalid');
    } catch {
      send(res, json(400, { message: 'Bad Request' }));
      return;
    }
    // HLS is served beside the API, never recorded in `requests`, and faults do not apply to it.
    if (ingest?.handleHttp(req, res, url.pathname)) return;
    const handler = url.pathname === '/__control' || url.pathname.startsWith('/__control/') ? handleControl : handleApi;
    handler(req, res, url).catch((err: unknown) => {
      send(res, json(500, { message: err instanceof Error ? err.message : String(err) }));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${address.port}`;
  baseUrl = `${origin}${prefix}`;

  if (opts.ingest) {
    try {
      ingest = await startIngest(ingestHooks(state), { host, ...(opts.ingest === true ? {} : opts.ingest) });
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw err;
    }
    state.localIngest = { ingestServer: ingest.rtmpBase, origin };
    for (const ls of state.livestreams) provision(state, ls);
  }

  let closing: Promise<void> | null = null;
  const api: FakeApi = {
    baseUrl,
    origin,
    token: FAKE_TOKEN,
    accountId: FAKE_ACCOUNT_ID,
    state,
    requests,
    setFault: (route, fault) => faults.set(route, fault),
    clearFaults: () => faults.clear(),
    clearFault: (route) => faults.clear(route),
    faults: () => faults.list(),
    resetRequests: () => {
      requests.length = 0;
    },
    reset,
    patchLivestream,
    ingest,
    close: () => {
      if (!closing) {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const httpClosed = new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
          server.closeAllConnections();
        });
        closing = Promise.all([httpClosed, ingest?.close()]).then(() => undefined);
      }
      return closing;
    },
  };
  return api;
}

/** The account the seeded livestream belongs to (helper for tests). */
export function accountOfLivestream(state: FakeState, livestreamId: string): string | null {
  const ls = state.livestreams.find((l) => l.id === livestreamId);
  return ls ? accountOf(state, ls) : null;
}

