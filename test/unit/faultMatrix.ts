// The fault matrix: every RealtimeKitApi method against every fault the audit used (plus a few
// only raw sockets can produce), each cell with the outcome the issue asks for. Shared by the
// unit test (small timeouts, a 1 MiB body limit) and `npm run bench -- --faults` (the client's
// defaults, the real 64 MB body).
//
// A cell runs one client call against a hostile server of its own (test/hostile/), then judges
// what came back against a hand-written expectation: the outcome (a value, or an ApiError of the
// right kind), how many requests reached the server, how long it took, what the message says,
// and that no secret (the token, a stream key the server sent, anything echoed from the
// Authorization header) reached a message, `apiMessage`, `request` or a log line.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ClientOptions, RealtimeKitApi } from '../../src/api/api';
import { RealtimeKitClient } from '../../src/api/client';
import { ApiError, type ApiErrorKind } from '../../src/api/errors';
import type { Livestream, RequestOptions } from '../../src/api/types';
import type { Logger } from '../../src/shared/log';
import { FIXTURE, PAGE_OF_TWO, type Shape } from '../hostile/answers';
import { ConnectCounter } from '../hostile/connectCounter';
import { closedPorts, ECHO_AUTHORIZATION, openHostileCell, type ErrorFlavour, type Fault } from '../hostile/server';

// ---------------------------------------------------------------------------------------------
// Configuration

/** Options of the fixed client (src/api/api.ts ClientOptions); today's client ignores the ones it lacks. */
export type MatrixClientOptions = Pick<ClientOptions, 'timeoutMs' | 'maxRetries' | 'retryBaseMs' | 'maxRetryDelayMs'> & {
  /** Total time a read may take across its retries. */
  readonly deadlineMs?: number;
  /** Largest response body the client reads. */
  readonly maxBodyBytes?: number;
};

export interface MatrixConfig {
  /** Given to every client besides baseUrl, getToken, logger and userAgent. `{}` means the defaults. */
  readonly client: MatrixClientOptions;
  /** The total deadline the client is expected to keep: `client.deadlineMs`, or the target default. */
  readonly deadlineMs: number;
  /** The body limit the client is expected to keep: `client.maxBodyBytes`, or the target default. */
  readonly maxBodyBytes: number;
  /** Allowed beyond the deadline before a cell counts as unbounded: scheduling noise, not client time. */
  readonly slackMs: number;
  /** Size of the "too large" bodies: well beyond maxBodyBytes plus what kernel buffers can hold. */
  readonly hugeBodyBytes: number;
  /** Retry-After the client can honour within its deadline. */
  readonly shortRetryAfterSeconds: number;
  /** Retry-After longer than the deadline leaves: the client must give up at once. */
  readonly longRetryAfterSeconds: number;
  /** A call still running this long is cancelled by the matrix and reported as unbounded. */
  readonly hardCapMs: number;
  /** Light cells running at once; cpu and heavy ones (1 MB strings, huge bodies) have their own, smaller limit. */
  readonly concurrency: number;
  readonly heavyConcurrency: number;
}

/** "At most 4 attempts per read in total, ever." */
export const MAX_ATTEMPTS = 4;
/** What the fixed client does without options (the issue's targets). */
export const TARGET_DEFAULTS = { deadlineMs: 20_000, maxBodyBytes: 8 * 1024 * 1024 } as const;
const MiB = 1024 * 1024;
/** After the matrix cancels a runaway call, how long it may take to settle before it is reported unsettled. */
const ABORT_GRACE_MS = 2_000;
const CREATE_NAME = 'Fault matrix stream';
const START_NAME = 'Fault matrix meeting stream';

// ---------------------------------------------------------------------------------------------
// Methods

export type MethodName =
  | 'listAccounts'
  | 'verifyToken'
  | 'verifyToken(account)'
  | 'listApps'
  | 'listLivestreams'
  | 'getLivestream'
  | 'getActiveSession'
  | 'getSession'
  | 'getAppAnalytics'
  | 'getDaywiseAnalytics'
  | 'createLivestream'
  | 'getMeetingActiveLivestream'
  | 'getMeetingLivestreams'
  | 'getMeetingSessionLivestreamSessions'
  | 'startMeetingLivestream'
  | 'stopMeetingLivestream';

/**
 * Which rows of the matrix drive each method of the API. A method added to RealtimeKitApi without
 * a row here does not compile: the matrix cannot silently fall behind the client again.
 */
export const COVERAGE: { readonly [K in keyof RealtimeKitApi]: readonly MethodName[] } = {
  listAccounts: ['listAccounts'],
  verifyToken: ['verifyToken', 'verifyToken(account)'],
  listApps: ['listApps'],
  listLivestreams: ['listLivestreams'],
  getLivestream: ['getLivestream'],
  getActiveSession: ['getActiveSession'],
  getSession: ['getSession'],
  getAppAnalytics: ['getAppAnalytics'],
  getDaywiseAnalytics: ['getDaywiseAnalytics'],
  createLivestream: ['createLivestream'],
  getMeetingActiveLivestream: ['getMeetingActiveLivestream'],
  getMeetingLivestreams: ['getMeetingLivestreams'],
  getMeetingSessionLivestreamSessions: ['getMeetingSessionLivestreamSessions'],
  startMeetingLivestream: ['startMeetingLivestream'],
  stopMeetingLivestream: ['stopMeetingLivestream'],
};

/** What a successful call read, reduced to what the expectations compare. */
export interface Reading {
  /** Ids of a list's items (a day's date for the analytics by day), or of the object a single answer is about (none for analytics or a stop). */
  readonly ids: readonly string[];
  /** How the value differs from the fixture's normal answer, beyond the ids. */
  readonly normalProblems: readonly string[];
  /** How the value differs from the normalised form of the "wrong types" answer. */
  readonly wrongTypeProblems: readonly string[];
}

export interface MethodSpec {
  readonly name: MethodName;
  /** fetchAll: the client pages through a whole list; page: one page; list: a list without paging; single: one object. */
  readonly form: 'fetchAll' | 'page' | 'list' | 'single';
  readonly post: boolean;
  /** False when a success carries nothing the client reads (a stop): whatever `data` holds, success is success. */
  readonly readsData: boolean;
  /** verifyToken(account): a refusal (auth, permission, notFound) is followed by a second read. */
  readonly fallsBack: boolean;
  /** Ids the normal answer yields, in order. */
  readonly ids: readonly string[];
  /** For "missing ids" on a single answer: what the message must name. */
  readonly missing: { readonly what: string; readonly pattern: RegExp } | undefined;
  readonly read: (api: RealtimeKitApi, opts: RequestOptions) => Promise<Reading>;
}

interface MethodDefinition<T> extends Omit<MethodSpec, 'read'> {
  readonly call: (api: RealtimeKitApi, opts: RequestOptions) => Promise<T>;
  readonly idsOf: (value: T) => readonly string[];
  readonly normal: (value: T) => readonly string[];
  readonly wrongTypes: (value: T) => readonly string[];
}

function define<T>(d: MethodDefinition<T>): MethodSpec {
  const { call, idsOf, normal, wrongTypes, ...spec } = d;
  return {
    ...spec,
    read: async (api, opts) => {
      const value = await call(api, opts);
      return { ids: idsOf(value), normalProblems: normal(value), wrongTypeProblems: wrongTypes(value) };
    },
  };
}

const ACC = FIXTURE.accountId;
const APP = FIXTURE.appId;
const LS = FIXTURE.livestreamIds[0];
const MEETING = FIXTURE.meetingId;

/** One comparison, as a problem sentence or nothing. */
function same(what: string, actual: unknown, expected: unknown): string[] {
  return Object.is(actual, expected) ? [] : [`${what} is ${show(actual)}, expected ${show(expected)}`];
}

/** The "wrong types" livestream (first of the list) and its neighbour, once normalised. */
function wrongLivestreams(first: Livestream | undefined, second?: Livestream): string[] {
  return [
    ...same('the null name', first?.name, first?.id),
    ...same('the unknown status "paused"', first?.status.toUpperCase(), 'PAUSED'),
    ...same('disabled "true"', first?.disabled, true),
    ...(second ? [...same('the numeric name 12345', second.name, '12345'), ...same('disabled "0"', second.disabled, false)] : []),
  ];
}

export const METHODS: readonly MethodSpec[] = [
  define({
    name: 'listAccounts',
    form: 'fetchAll',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.accountIds,
    missing: undefined,
    call: (api, o) => api.listAccounts(o),
    idsOf: (v) => v.map((a) => a.id),
    normal: (v) => v.flatMap((a, i) => same(`account ${i + 1}'s name`, a.name, `Hostile Account ${i + 1}`)),
    wrongTypes: (v) => [...same('the null account name', v[0]?.name, v[0]?.id), ...same('the numeric account name 42', v[1]?.name, '42')],
  }),
  ...(['verifyToken', 'verifyToken(account)'] as const).map((name) =>
    define({
      name,
      form: 'single',
      post: false,
      readsData: true,
      fallsBack: name === 'verifyToken(account)',
      ids: [FIXTURE.tokenId],
      missing: undefined,
      call: (api, o) => api.verifyToken(name === 'verifyToken' ? undefined : ACC, o),
      idsOf: (v) => [v.id ?? '(none)'],
      normal: (v) => [...same('status', v.status, 'active'), ...same('owner', v.owner, 'user')],
      wrongTypes: (v) => same('status "ACTIVE"', v.status, 'active'),
    }),
  ),
  define({
    name: 'listApps',
    form: 'fetchAll',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.appIds,
    missing: undefined,
    call: (api, o) => api.listApps(ACC, o),
    idsOf: (v) => v.map((a) => a.id),
    normal: (v) => v.flatMap((a, i) => same(`app ${i + 1}'s name`, a.name, `Hostile App ${i + 1}`)),
    wrongTypes: (v) => [...same('the null app name', v[0]?.name, v[0]?.id), ...same('the numeric app name 7', v[1]?.name, '7')],
  }),
  define({
    name: 'listLivestreams',
    form: 'page',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.livestreamIds,
    missing: undefined,
    call: (api, o) => api.listLivestreams(ACC, APP, {}, o),
    idsOf: (v) => v.items.map((l) => l.id),
    normal: (v) => [...same('the first status', v.items[0]?.status, 'LIVE'), ...same('the first has a stream key', !!v.items[0]?.streamKey, true)],
    wrongTypes: (v) => wrongLivestreams(v.items[0], v.items[1]),
  }),
  define({
    name: 'getLivestream',
    form: 'single',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: [LS],
    missing: { what: 'the livestream id', pattern: /livestream.*\bid\b|\bid\b.*livestream/i },
    call: (api, o) => api.getLivestream(ACC, APP, LS, {}, o),
    idsOf: (v) => [v.livestream.id],
    normal: (v) => same('session ids', v.sessions.map((s) => s.id).join(','), FIXTURE.sessionIds.join(',')),
    wrongTypes: (v) => [...wrongLivestreams(v.livestream), ...same('ingest_seconds "12.5"', v.sessions[0]?.ingestSeconds, 12.5)],
  }),
  define({
    name: 'getActiveSession',
    form: 'single',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: [LS],
    missing: { what: 'the livestream id', pattern: /livestream.*\bid\b|\bid\b.*livestream/i },
    call: (api, o) => api.getActiveSession(ACC, APP, LS, o),
    idsOf: (v) => [v.livestream.id],
    normal: (v) => same('the session id', v.session?.id, FIXTURE.sessionIds[0]),
    wrongTypes: (v) => [...wrongLivestreams(v.livestream), ...same('viewer_seconds "30"', v.session?.viewerSeconds, 30)],
  }),
  define({
    name: 'getSession',
    form: 'single',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: [FIXTURE.sessionIds[0]],
    missing: { what: 'the session id', pattern: /session.*\bid\b|\bid\b.*session/i },
    call: (api, o) => api.getSession(ACC, APP, FIXTURE.sessionIds[0], o),
    idsOf: (v) => [v.id],
    normal: (v) => [...same('ingestSeconds', v.ingestSeconds, 120), ...same('viewerSeconds', v.viewerSeconds, 300)],
    wrongTypes: (v) => [...same('ingest_seconds "12.5"', v.ingestSeconds, 12.5), ...same('viewer_seconds "30"', v.viewerSeconds, 30)],
  }),
  define({
    name: 'getAppAnalytics',
    form: 'single',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: [],
    missing: { what: 'the missing totals', pattern: /count|ingest|viewer|total/i },
    call: (api, o) => api.getAppAnalytics(ACC, APP, undefined, o),
    idsOf: () => [],
    normal: (v) => [
      ...same('count', v.count, FIXTURE.analytics.count),
      ...same('totalIngestSeconds', v.totalIngestSeconds, FIXTURE.analytics.total_ingest_seconds),
      ...same('totalViewerSeconds', v.totalViewerSeconds, FIXTURE.analytics.total_viewer_seconds),
    ],
    wrongTypes: (v) => [
      ...same('count "4"', v.count, 4),
      ...same('total_ingest_seconds "3600.5"', v.totalIngestSeconds, 3600.5),
      ...same('total_viewer_seconds "7200"', v.totalViewerSeconds, 7200),
    ],
  }),
  define({
    name: 'getDaywiseAnalytics',
    form: 'list',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.days.map((d) => d.date),
    missing: undefined,
    call: (api, o) => api.getDaywiseAnalytics(ACC, APP, undefined, o),
    idsOf: (v) => v.map((d) => d.date),
    normal: (v) =>
      FIXTURE.days.flatMap((d, i) => [
        ...same(`${d.date}'s count`, v[i]?.count, d.count),
        ...same(`${d.date}'s totalIngestSeconds`, v[i]?.totalIngestSeconds, d.total_ingest_seconds),
        ...same(`${d.date}'s totalViewerSeconds`, v[i]?.totalViewerSeconds, d.total_viewer_seconds),
      ]),
    wrongTypes: (v) => [
      ...same('count "1"', v[0]?.count, 1),
      ...same('total_ingest_seconds "600.5"', v[0]?.totalIngestSeconds, 600.5),
      ...same('total_viewer_seconds "2400"', v[1]?.totalViewerSeconds, 2400),
    ],
  }),
  define({
    name: 'createLivestream',
    form: 'single',
    post: true,
    readsData: true,
    fallsBack: false,
    ids: [FIXTURE.createdId],
    missing: { what: 'the livestream id', pattern: /livestream.*\bid\b|\bid\b.*livestream/i },
    call: (api, o) => api.createLivestream(ACC, APP, CREATE_NAME, o),
    idsOf: (v) => [v.id],
    normal: (v) => [...same('name', v.name, CREATE_NAME), ...same('status', v.status, 'IDLE')],
    wrongTypes: (v) => [...same('status "idle"', v.status.toUpperCase(), 'IDLE'), ...same('disabled "false"', v.disabled, false)],
  }),
  define({
    name: 'getMeetingActiveLivestream',
    form: 'single',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: [FIXTURE.meetingLivestreamIds[0]],
    missing: { what: 'the livestream id', pattern: /livestream.*\bid\b|\bid\b.*livestream/i },
    call: (api, o) => api.getMeetingActiveLivestream(ACC, APP, MEETING, o),
    idsOf: (v) => [v.id],
    normal: (v) => [...same('status', v.status, 'LIVE'), ...same('meetingId', v.meetingId, MEETING), ...same('has a stream key', !!v.streamKey, true)],
    wrongTypes: (v) => wrongLivestreams(v),
  }),
  define({
    name: 'getMeetingLivestreams',
    form: 'page',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.meetingLivestreamIds,
    missing: undefined,
    call: (api, o) => api.getMeetingLivestreams(ACC, APP, MEETING, {}, o),
    idsOf: (v) => v.livestreams.map((l) => l.id),
    normal: (v) => [
      ...same('session ids', v.sessions.map((s) => s.id).join(','), FIXTURE.meetingSessionIds.join(',')),
      ...same('the first status', v.livestreams[0]?.status, 'LIVE'),
      ...same('the first meetingId', v.livestreams[0]?.meetingId, MEETING),
    ],
    wrongTypes: (v) => [...wrongLivestreams(v.livestreams[0], v.livestreams[1]), ...same('ingest_seconds "12.5"', v.sessions[0]?.ingestSeconds, 12.5)],
  }),
  define({
    name: 'getMeetingSessionLivestreamSessions',
    form: 'page',
    post: false,
    readsData: true,
    fallsBack: false,
    ids: FIXTURE.meetingSessionLivestreamSessionIds,
    missing: undefined,
    call: (api, o) => api.getMeetingSessionLivestreamSessions(ACC, APP, FIXTURE.meetingSessionId, {}, o),
    idsOf: (v) => v.items.map((s) => s.id),
    normal: (v) => [
      ...same('the first livestreamId', v.items[0]?.livestreamId, FIXTURE.meetingLivestreamIds[0]),
      ...same('the first ingestSeconds', v.items[0]?.ingestSeconds, 120),
      ...same('the first viewerSeconds', v.items[0]?.viewerSeconds, 300),
    ],
    wrongTypes: (v) => [...same('ingest_seconds "12.5"', v.items[0]?.ingestSeconds, 12.5), ...same('viewer_seconds "30"', v.items[0]?.viewerSeconds, 30)],
  }),
  define({
    name: 'startMeetingLivestream',
    form: 'single',
    post: true,
    readsData: true,
    fallsBack: false,
    ids: [FIXTURE.startedId],
    missing: { what: 'the livestream id', pattern: /livestream.*\bid\b|\bid\b.*livestream/i },
    call: (api, o) => api.startMeetingLivestream(ACC, APP, MEETING, { name: START_NAME, videoConfig: { width: 1280, height: 720 } }, o),
    idsOf: (v) => [v.id],
    normal: (v) => [...same('name', v.name, START_NAME), ...same('status', v.status, 'INVOKED'), ...same('meetingId', v.meetingId, MEETING)],
    wrongTypes: (v) => [...same('status "invoked"', v.status.toUpperCase(), 'INVOKED'), ...same('disabled "false"', v.disabled, false)],
  }),
  define({
    name: 'stopMeetingLivestream',
    form: 'single',
    post: true,
    readsData: false,
    fallsBack: false,
    ids: [],
    missing: undefined,
    call: (api, o) => api.stopMeetingLivestream(ACC, APP, MEETING, o),
    idsOf: () => [],
    normal: () => [],
    wrongTypes: () => [],
  }),
];

// ---------------------------------------------------------------------------------------------
// Expectations

export type Outcome = 'ok' | ApiErrorKind;

/** A sentence the error message must contain, in substance. */
export interface Rule {
  readonly what: string;
  readonly holds: (message: string, ms: number) => boolean;
}

export interface Expectation {
  /** Accepted outcomes (more than one only where the targets leave the choice open). */
  readonly outcomes: readonly Outcome[];
  /** Inclusive range of requests (or connections, or attempts: see FaultSpec.counted). */
  readonly requests: readonly [number, number];
  readonly maxMs: number;
  /** Rules for the message of an ApiError. */
  readonly says: readonly Rule[];
  /** Problems with the value of a successful call. */
  readonly reads: (r: Reading) => readonly string[];
  /** The server must see the client stop reading before the body's end. */
  readonly cutShort: boolean;
}

/** Milliseconds of every duration a message mentions ("1.2 s", "400 ms", "20 seconds"). */
export function durationsIn(message: string): number[] {
  const units: Record<string, number> = { ms: 1, millisecond: 1, milliseconds: 1, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, min: 60_000, minute: 60_000, minutes: 60_000 };
  return [...message.matchAll(/(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|min|minutes?)\b/gi)].map((m) => Number(m[1]) * (units[m[2].toLowerCase()] ?? NaN));
}

const RULES = {
  howLong: {
    what: 'say how long it waited',
    // Within 40 % (at least 300 ms) of the time the call really took: not the per-attempt timeout of a 4-attempt wait.
    holds: (message: string, ms: number) => durationsIn(message).some((d) => Math.abs(d - ms) <= Math.max(300, ms * 0.4)),
  },
  whatToCheck: { what: 'say what to check (realtimekit.apiBaseUrl or the network)', holds: (message: string) => /realtimekit\.apiBaseUrl|network/i.test(message) },
  redirect: { what: 'mention the redirect', holds: (message: string) => /redirect/i.test(message) },
  baseUrl: { what: 'mention realtimekit.apiBaseUrl', holds: (message: string) => /realtimekit\.apiBaseUrl/.test(message) },
  size: {
    what: 'say the answer was too large',
    holds: (message: string) => /too (large|big)|larger than|exceed|\bsize\b|\d\s*(KB|KiB|MB|MiB|GB|bytes)\b/i.test(message),
  },
  tryAgainIn: (seconds: number): Rule => ({
    what: `say when to try again (in ${seconds} s)`,
    holds: (message) => durationsIn(message).some((d) => Math.abs(d - seconds * 1000) <= 1000) || /\b\d{1,2}:\d{2}\b/.test(message),
  }),
  admin: { what: 'name the Realtime Admin permission a write needs', holds: (message: string) => /Realtime Admin/.test(message) },
  names: (missing: { what: string; pattern: RegExp }): Rule => ({ what: `name ${missing.what}`, holds: (message) => missing.pattern.test(message) }),
  badCharacter: (badAt: number): Rule => ({
    what: `say the token holds a character that cannot be sent, at position ${badAt + 1} (or index ${badAt})`,
    holds: (message) => /charact/i.test(message) && [...message.matchAll(/\d+/g)].some((m) => Number(m[0]) === badAt || Number(m[0]) === badAt + 1),
  }),
};

const noValue = (): string[] => [];
const ELEMENT_OR_REFUSE = new Set<MethodName>(['verifyToken', 'verifyToken(account)', 'getAppAnalytics', 'getMeetingLivestreams']);
const FALLBACK_KINDS = new Set<Outcome>(['auth', 'permission', 'notFound']);

function expectation(c: MatrixConfig, outcomes: readonly Outcome[], requests: readonly [number, number], more: Partial<Expectation> = {}): Expectation {
  return { outcomes, requests, maxMs: c.deadlineMs + c.slackMs, says: [], reads: noValue, cutShort: false, ...more };
}

/** A refusal the client must not retry: one request, two for verifyToken(account) whose first refusal sends it to the account endpoint. */
function once(m: MethodSpec, kind: Outcome): readonly [number, number] {
  const n = m.fallsBack && FALLBACK_KINDS.has(kind) ? 2 : 1;
  return [n, n];
}
/** Retryable for a GET (at most MAX_ATTEMPTS); a POST is never retried. */
const upTo = (m: MethodSpec): readonly [number, number] => (m.post ? [1, 1] : [1, MAX_ATTEMPTS]);
/** Must be retried (a GET), but at most MAX_ATTEMPTS times; a POST is never retried. */
const retried = (m: MethodSpec): readonly [number, number] => (m.post ? [1, 1] : [2, MAX_ATTEMPTS]);

const sameIds = (what: string, actual: readonly string[], expected: readonly string[]): string[] => same(what, actual.join(', '), expected.join(', '));
const readsNormal = (m: MethodSpec) => (r: Reading) => [...sameIds('ids', r.ids, m.ids), ...r.normalProblems];

// ---------------------------------------------------------------------------------------------
// Faults

export type Counted = 'requests' | 'connections' | 'attempts';

export interface FaultSpec {
  /** Row label in tables and test titles. */
  readonly label: string;
  /**
   * How the cell is scheduled; lanes run one after the other, so that heavy work never trips
   * the short per-attempt timeouts of light cells. light: many at once. serial: one at a time
   * (DNS: a burst of lookups makes some resolvers stall for 5 s), beside the light ones. cpu
   * (1 MB strings: loopback fetch here moves only some 10-30 MB/s) and heavy (huge bodies): a few
   * at once. closedPort: last, when no other cell can open a listener on the port.
   */
  readonly lane: 'light' | 'serial' | 'cpu' | 'heavy' | 'closedPort';
  /** A hostile server's fault, a port nothing listens on, or a host name DNS cannot resolve. */
  readonly target: { readonly kind: 'server'; readonly fault: (c: MatrixConfig) => Fault } | { readonly kind: 'closedPort' } | { readonly kind: 'unresolvable' };
  /** A token that cannot travel in a header, and the index of its first bad character. */
  readonly token?: () => { readonly value: string; readonly badAt: number };
  /**
   * What "requests" means: HTTP requests the server received; TCP connections it accepted (when
   * it never reads a request); or connection attempts the client made (when no server of ours is there).
   */
  readonly counted: Counted;
  readonly appliesTo: (m: MethodSpec) => boolean;
  readonly expect: (m: MethodSpec, c: MatrixConfig) => Expectation;
}

const every = (): boolean => true;
const fetchAllOnly = (m: MethodSpec): boolean => m.form === 'fetchAll';

function serverFault(label: string, fault: (c: MatrixConfig) => Fault, expect: FaultSpec['expect'], more: Partial<FaultSpec> = {}): FaultSpec {
  return { label, lane: 'light', target: { kind: 'server', fault }, counted: 'requests', appliesTo: every, expect, ...more };
}
const answer = (shape: Shape) => (): Fault => ({ kind: 'answer', shape });
const failing =
  (status: number, flavour: ErrorFlavour, retryAfter?: (c: MatrixConfig) => string) =>
  (c: MatrixConfig): Fault => ({ kind: 'error', status, flavour, retryAfter: retryAfter?.(c) });
const raw = (text: string, contentType = 'application/json') => (): Fault => ({ kind: 'raw', status: 200, contentType, text });

function randomText(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
/** A fresh token per cell: random, so any 12 characters of it found in a message are a leak. */
const randomToken = (): string => randomText(40);
/** A fresh random token per cell with one bad character after `before` random ones (and `close` at the end). */
const badToken = (before: number, bad: string, after: number, close = '') => () => ({ value: `${randomText(before)}${bad}${randomText(after)}${close}`, badAt: before });
const tokenCell = (label: string, token: () => { value: string; badAt: number }): FaultSpec =>
  serverFault(label, answer('normal'), (_m, c) => expectation(c, ['auth'], [0, 0]), { token });

const timeoutSays = [RULES.howLong, RULES.whatToCheck];

export const FAULTS: readonly FaultSpec[] = [
  serverFault('valid answer', answer('normal'), (m, c) => expectation(c, ['ok'], [1, 1], { reads: readsNormal(m) })),
  // Statuses
  serverFault('401', failing(401, 'cloudflare'), (m, c) => expectation(c, ['auth'], once(m, 'auth'))),
  serverFault('403', failing(403, 'cloudflare'), (m, c) =>
    // A write names the permission it lacks: Realtime alone only reads.
    expectation(c, ['permission'], once(m, 'permission'), { says: m.post ? [RULES.admin] : [] }),
  ),
  serverFault('404', failing(404, 'kit'), (m, c) => expectation(c, ['notFound'], once(m, 'notFound'))),
  serverFault(
    '429, short Retry-After',
    failing(429, 'cloudflare', (c) => String(c.shortRetryAfterSeconds)),
    (m, c) => expectation(c, ['rateLimited'], retried(m)),
  ),
  serverFault(
    '429, Retry-After past the deadline',
    failing(429, 'cloudflare', (c) => String(c.longRetryAfterSeconds)),
    (_m, c) => expectation(c, ['rateLimited'], [1, 1], { says: [RULES.tryAgainIn(c.longRetryAfterSeconds)] }),
  ),
  serverFault('429, no Retry-After', failing(429, 'cloudflare'), (m, c) => expectation(c, ['rateLimited'], retried(m))),
  serverFault('500', failing(500, 'kit'), (m, c) => expectation(c, ['server'], upTo(m))),
  serverFault('HTML 502', failing(502, 'html'), (m, c) => expectation(c, ['server'], upTo(m))),
  serverFault('503', failing(503, 'cloudflare'), (m, c) => expectation(c, ['server'], upTo(m))),
  // Connections
  {
    label: 'connection refused',
    lane: 'closedPort',
    target: { kind: 'closedPort' },
    counted: 'attempts',
    appliesTo: every,
    expect: (m, c) => expectation(c, ['network'], upTo(m)),
  },
  serverFault('reset on connect', () => ({ kind: 'resetAtConnect' }), (m, c) => expectation(c, ['network'], upTo(m)), { counted: 'connections' }),
  // Node's fetch does not always notice a connection closed before the request is written (it
  // hung until aborted in a trial here): a deadline ends it either way, so both kinds are right.
  serverFault('closed on connect', () => ({ kind: 'closeAtConnect' }), (m, c) => expectation(c, ['network', 'timeout'], upTo(m)), { counted: 'connections' }),
  serverFault('dropped after the request', () => ({ kind: 'dropAfterRequest' }), (m, c) => expectation(c, ['network'], upTo(m))),
  serverFault('reset mid-body', () => ({ kind: 'resetMidBody' }), (m, c) => expectation(c, ['network'], upTo(m))),
  serverFault('never answers', () => ({ kind: 'neverAnswer' }), (m, c) => expectation(c, ['timeout'], upTo(m), { says: timeoutSays })),
  serverFault('body stalls', () => ({ kind: 'stallBody' }), (m, c) => expectation(c, ['timeout'], upTo(m), { says: timeoutSays })),
  // Unusable 200s
  serverFault('malformed JSON 200', raw('{"success":true,"data":[{"id":"3f1c0b7e-2a4d-4c1e-9b8a-'), (_m, c) => expectation(c, ['badResponse'], [1, 1])),
  serverFault('empty 200', raw(''), (_m, c) => expectation(c, ['badResponse'], [1, 1])),
  serverFault(
    'HTML 200',
    raw(`<!DOCTYPE html><html><body><h1>Sign in to the Wi-Fi</h1><pre>${ECHO_AUTHORIZATION}</pre></body></html>`, 'text/html'),
    (_m, c) => expectation(c, ['badResponse'], [1, 1]),
  ),
  serverFault(
    'success:false 10000 (200)',
    raw(JSON.stringify({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null })),
    (m, c) => expectation(c, ['auth'], once(m, 'auth')),
  ),
  serverFault(
    'success:false 7003 (200)',
    raw(JSON.stringify({ success: false, errors: [{ code: 7003, message: 'Could not route to /accounts, perhaps your object identifier is invalid?' }], messages: [], result: null })),
    (_m, c) => expectation(c, ['badResponse'], [1, 1]),
  ),
  serverFault(
    'success:false error.code 404 (200)',
    raw(JSON.stringify({ success: false, error: { code: 404, message: 'Livestream not found' } })),
    (m, c) => expectation(c, ['notFound'], once(m, 'notFound')),
  ),
  // Shapes
  serverFault('missing ids', answer('missingIds'), (m, c) => {
    if (m.form !== 'single') {
      // Items without an id are skipped; the rest of the list is read.
      return expectation(c, ['ok'], [1, MAX_ATTEMPTS], { reads: (r) => sameIds('ids', r.ids, m.ids.slice(1)) });
    }
    if (!m.missing) {
      // verifyToken: TokenInfo.id may be null by design; the status is what counts. A stop reads nothing.
      return expectation(c, ['ok'], [1, 1], { reads: (r) => r.normalProblems });
    }
    return expectation(c, ['badResponse'], [1, 1], { says: [RULES.names(m.missing)] });
  }),
  serverFault('wrong types', answer('wrongTypes'), (m, c) =>
    expectation(c, ['ok'], [1, 1], { reads: (r) => [...sameIds('ids', r.ids, m.ids), ...r.wrongTypeProblems] }),
  ),
  serverFault('1 MB strings', answer('hugeStrings'), (m, c) => expectation(c, ['ok'], [1, 1], { reads: (r) => sameIds('ids', r.ids, m.ids) }), {
    lane: 'cpu',
  }),
  serverFault('data as array', answer('dataArray'), (m, c) =>
    // The targets name details, active session, session and create (and so a meeting's active
    // livestream and a start); for the token check, analytics and a meeting's livestreams (an
    // object holding lists, wrapped) reading the element and refusing are both honest; a default
    // value, or an empty list, is not.
    expectation(c, ELEMENT_OR_REFUSE.has(m.name) ? ['ok', 'badResponse'] : ['ok'], [1, 1], { reads: readsNormal(m) }),
  ),
  serverFault('data as object', answer('dataObject'), (m, c) =>
    expectation(c, ['ok'], [1, 1], { reads: m.form === 'single' ? readsNormal(m) : (r) => sameIds('ids', r.ids, m.ids.slice(0, 1)) }),
  ),
  // Nothing to read is unreadable, never an empty list or zeros; a stop's success needs no data.
  serverFault('data null', answer('dataNull'), (m, c) => expectation(c, [m.readsData ? 'badResponse' : 'ok'], [1, 1])),
  serverFault('data string', answer('dataString'), (m, c) => expectation(c, [m.readsData ? 'badResponse' : 'ok'], [1, 1])),
  serverFault(
    'endless pages',
    answer('endlessPages'),
    (_m, c) =>
      expectation(c, ['ok'], [1, MAX_ATTEMPTS], {
        reads: (r) => (r.ids.length >= PAGE_OF_TWO && new Set(r.ids).size === r.ids.length ? [] : [`read ids ${show(r.ids)}`]),
      }),
    { appliesTo: fetchAllOnly },
  ),
  serverFault(
    'repeated pages',
    answer('repeatedPages'),
    (m, c) => expectation(c, ['ok'], [2, 2], { reads: (r) => sameIds('ids', r.ids, m.ids.slice(0, PAGE_OF_TWO)) }),
    { appliesTo: fetchAllOnly },
  ),
  // Redirects
  serverFault('redirect', () => ({ kind: 'redirect', loop: false }), (_m, c) => expectation(c, ['badResponse'], [1, 1], { says: [RULES.redirect, RULES.baseUrl] })),
  serverFault('redirect loop', () => ({ kind: 'redirect', loop: true }), (_m, c) => expectation(c, ['badResponse'], [1, 1], { says: [RULES.redirect, RULES.baseUrl] })),
  // Size
  ...[true, false].map((contentLength) =>
    serverFault(
      `body > limit, ${contentLength ? 'Content-Length' : 'chunked'}`,
      (c) => ({ kind: 'hugeBody', bytes: c.hugeBodyBytes, contentLength }),
      (_m, c) => expectation(c, ['badResponse'], [1, 1], { says: [RULES.size], cutShort: true }),
      { lane: 'heavy' },
    ),
  ),
  // Tokens that cannot travel in a header: refused before anything is sent.
  tokenCell('token with €', badToken(17, '€', 22)),
  tokenCell('token with NUL', badToken(23, '\u0000', 16)),
  // As pasted from a document that "smartened" its quotes.
  tokenCell('token in smart quotes', badToken(0, '“', 38, '”')),
  // A terminal's escape sequence pasted along: fetch sends it, Node's server refuses the header.
  tokenCell('token with ESC', badToken(29, '\u001b', 10)),
  // Names and certificates a retry cannot fix
  {
    label: 'DNS not found',
    lane: 'serial',
    target: { kind: 'unresolvable' },
    counted: 'attempts',
    appliesTo: every,
    expect: (_m, c) => expectation(c, ['network'], [1, 1]),
  },
  serverFault('TLS self-signed', () => ({ kind: 'tls' }), (_m, c) => expectation(c, ['network'], [1, 1]), { counted: 'connections' }),
];

// The token cells' expectations need the bad position, known only once the token exists.
function withTokenRules(fault: FaultSpec, e: Expectation, badAt: number): Expectation {
  return fault.token ? { ...e, says: [...e.says, RULES.badCharacter(badAt)] } : e;
}

// ---------------------------------------------------------------------------------------------
// Cells

export interface Cell {
  /** "getLivestream × 401" */
  readonly name: string;
  readonly method: MethodSpec;
  readonly fault: FaultSpec;
}

/**
 * Cells that show a client problem nobody has fixed yet (the fix belongs in src/api/, which this
 * matrix does not change): named here with what goes wrong and what should happen, so the test
 * lists them as pending instead of hiding them, and fails once one is well handled (then remove
 * its entry). The bench still counts them as not well handled.
 */
export const KNOWN_PROBLEMS: ReadonlyMap<string, string> = new Map<string, string>([]);

export function matrixCells(methods: readonly MethodSpec[] = METHODS, faults: readonly FaultSpec[] = FAULTS): Cell[] {
  return faults.flatMap((fault) => methods.filter(fault.appliesTo).map((method) => ({ name: `${method.name} × ${fault.label}`, method, fault })));
}

export interface CellResult {
  readonly name: string;
  readonly method: MethodName;
  readonly fault: string;
  /** 'ok', an ApiError kind, or what else happened ("TypeError: …", "unsettled"). */
  readonly outcome: string;
  /** The ApiError's message ('' for a value). */
  readonly message: string;
  readonly ms: number;
  readonly requests: number;
  readonly counted: Counted;
  /** Names of the secrets found in messages or logs (never the secrets themselves). */
  readonly leaks: readonly string[];
  readonly logs: readonly string[];
  /** Every way the cell missed its expectation; empty when it is well handled. */
  readonly problems: readonly string[];
}

export interface CellEnv {
  readonly config: MatrixConfig;
  readonly counter: ConnectCounter;
  /** For "connection refused": a port nothing listens on, this cell's alone. */
  readonly closedPort?: number;
}

interface Endpoint {
  readonly baseUrl: string;
  /** Requests, connections or attempts, per the fault's `counted`. Final only after close(). */
  count(): number;
  streamKeys(): readonly string[];
  bodies(): { finished: number; cutShort: number };
  close(): Promise<void>;
}

async function openEndpoint(fault: FaultSpec, env: CellEnv): Promise<Endpoint> {
  const target = fault.target;
  if (target.kind === 'server') {
    const cell = await openHostileCell(target.fault(env.config));
    return {
      baseUrl: cell.baseUrl,
      count: () => (fault.counted === 'connections' ? cell.stats.connections : cell.stats.requests),
      streamKeys: () => [...cell.stats.streamKeys],
      bodies: () => ({ finished: cell.stats.bodiesFinished, cutShort: cell.stats.bodiesCutShort }),
      close: () => cell.close(),
    };
  }
  const nothing = { streamKeys: () => [], bodies: () => ({ finished: 0, cutShort: 0 }), close: async () => undefined };
  if (target.kind === 'closedPort') {
    const port = env.closedPort;
    if (port === undefined) {
      throw new Error(`${fault.label} needs a closed port`);
    }
    // A loopback address of its own (all of 127/8 is this machine): a stray client of an earlier
    // test still retrying to a port of 127.0.0.1 can never be counted as this cell's attempt.
    const host = `127.${1 + (randomBytes(1)[0] % 250)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;
    return { ...nothing, baseUrl: `http://${host}:${port}/client/v4`, count: () => env.counter.count(host, port) };
  }
  // RFC 6761: .invalid never resolves. A name per cell keeps the attempt counts apart.
  const host = `rtk-fault-${randomBytes(6).toString('hex')}.invalid`;
  return { ...nothing, baseUrl: `http://${host}/client/v4`, count: () => env.counter.count(host) };
}

type Settled =
  | { readonly state: 'value'; readonly reading: Reading; readonly ms: number }
  | { readonly state: 'error'; readonly error: unknown; readonly ms: number }
  | { readonly state: 'unsettled'; readonly ms: number };

/** Never rejects; notes when the call settled, so the time is not the matrix's own waiting. */
function settle(promise: Promise<Reading>, started: number): Promise<Settled> {
  return promise.then(
    (reading) => ({ state: 'value', reading, ms: performance.now() - started }),
    (error: unknown) => ({ state: 'error', error, ms: performance.now() - started }),
  );
}

/** The promise's value, or undefined if it is still pending after `ms`. Leaves no timer behind. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function arrayLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Runs one cell: a fresh client, a server of its own, one call, then the verdict. */
export async function runCell(cell: Cell, env: CellEnv): Promise<CellResult> {
  const { method, fault } = cell;
  const { config } = env;
  const token = fault.token?.() ?? { value: randomToken(), badAt: -1 };
  const expect = withTokenRules(fault, fault.expect(method, config), token.badAt);
  const endpoint = await openEndpoint(fault, env);
  const logs: string[] = [];
  const options: ClientOptions & MatrixClientOptions = {
    ...config.client,
    baseUrl: endpoint.baseUrl,
    getToken: () => token.value,
    logger: arrayLogger(logs),
    userAgent: 'rtk-fault-matrix',
    // Transport faults, not the plain-http question: the DNS cells use http:// to a .invalid host.
    approveInsecure: async () => true,
  };
  const client = new RealtimeKitClient(options);
  const controller = new AbortController();
  const started = performance.now();
  const pending = settle(method.read(client, { signal: controller.signal }), started);
  let settled = await within(pending, config.hardCapMs);
  const capped = settled === undefined;
  if (!settled) {
    // A runaway call: cancel it so the matrix stays bounded, and report it.
    controller.abort();
    settled = (await within(pending, ABORT_GRACE_MS)) ?? { state: 'unsettled', ms: performance.now() - started };
  }
  await endpoint.close();

  const error = settled.state === 'error' ? settled.error : undefined;
  const apiError = error instanceof ApiError ? error : undefined;
  const outcome =
    settled.state === 'value' ? 'ok' : settled.state === 'unsettled' ? 'unsettled' : apiError ? apiError.kind : `${errorName(error)}: ${errorMessage(error)}`;
  const message = apiError?.message ?? (error === undefined ? '' : errorMessage(error));
  const secrets = [{ name: 'the token', value: token.value }, ...endpoint.streamKeys().map((value) => ({ name: 'a stream key', value }))];
  const leaks = leaksIn([message, apiError?.apiMessage ?? '', apiError?.request ?? '', ...logs], secrets);
  const requests = endpoint.count();

  const problems: string[] = [];
  if (capped) {
    problems.push(`still running after ${formatMs(config.hardCapMs)}: cancelled by the matrix`);
  }
  if (!expect.outcomes.includes(outcome as Outcome)) {
    problems.push(`expected ${expect.outcomes.join(' or ')}, got ${clip(outcome)}${apiError ? `: "${clip(message)}"` : ''}`);
  }
  if (requests < expect.requests[0] || requests > expect.requests[1]) {
    const [min, max] = expect.requests;
    problems.push(`${requests} ${fault.counted}, expected ${min === max ? min : `${min} to ${max}`}`);
  }
  if (settled.ms > expect.maxMs) {
    problems.push(`took ${formatMs(settled.ms)}, bound ${formatMs(expect.maxMs)}`);
  }
  if (apiError && expect.outcomes.includes(apiError.kind)) {
    for (const rule of expect.says) {
      if (!rule.holds(apiError.message, settled.ms)) {
        problems.push(`message does not ${rule.what}: "${clip(apiError.message)}"${rule === RULES.howLong ? ` (took ${formatMs(settled.ms)})` : ''}`);
      }
    }
  }
  if (settled.state === 'value' && expect.outcomes.includes('ok')) {
    problems.push(...expect.reads(settled.reading).map((p) => `read wrong: ${clip(p)}`));
  }
  if (expect.cutShort) {
    const bodies = endpoint.bodies();
    if (bodies.finished > 0) {
      problems.push(`read the whole ${formatBytes(config.hugeBodyBytes)} body (${bodies.finished}×): the client must stop at ${formatBytes(config.maxBodyBytes)}`);
    }
  }
  if (leaks.length > 0) {
    problems.push(`leaked ${[...new Set(leaks)].join(' and ')}`);
  }
  return { name: cell.name, method: method.name, fault: fault.label, outcome, message, ms: settled.ms, requests, counted: fault.counted, leaks, logs, problems };
}

/** Names of the secrets any 12 characters of which appear in the texts (a secret cut in half is still a leak). */
export function leaksIn(texts: readonly string[], secrets: readonly { name: string; value: string }[]): string[] {
  const corpus = texts.join('\n');
  const WINDOW = 12;
  return secrets
    .filter(({ value }) => {
      const pieces = value.length <= WINDOW ? [value] : Array.from({ length: value.length - WINDOW + 1 }, (_, i) => value.slice(i, i + WINDOW));
      return pieces.some((piece) => corpus.includes(piece));
    })
    .map(({ name }) => name);
}

// ---------------------------------------------------------------------------------------------
// The whole matrix

export interface MatrixRun {
  readonly results: readonly CellResult[];
  /** Unhandled rejections and uncaught exceptions seen while the matrix ran (any is a failure). */
  readonly unhandled: readonly string[];
  readonly ms: number;
}

export interface RunOptions {
  readonly cells?: readonly Cell[];
  /** Called as each cell finishes (the bench prints progress). */
  readonly onResult?: (result: CellResult) => void;
}

export async function runMatrix(config: MatrixConfig, options: RunOptions = {}): Promise<MatrixRun> {
  const cells = options.cells ?? matrixCells();
  const started = performance.now();
  const counter = new ConnectCounter();
  const unhandled: string[] = [];
  const onRejection = (reason: unknown): void => void unhandled.push(`unhandled rejection: ${errorName(reason)}: ${errorMessage(reason)}`);
  const onUncaught = (err: Error): void => void unhandled.push(`uncaught exception: ${errorName(err)}: ${errorMessage(err)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onUncaught);
  counter.install();
  const results = new Map<Cell, CellResult>();
  const run = async (cell: Cell, closedPort?: number): Promise<void> => {
    const result = await runCell(cell, { config, counter, closedPort });
    results.set(cell, result);
    options.onResult?.(result);
  };
  try {
    await warmUp(config);
    const lane = (name: FaultSpec['lane']): Cell[] => cells.filter((c) => c.fault.lane === name);
    // Method by method rather than fault by fault, so that the CPU-hungry cells of one fault
    // (1 MB strings, say) do not all run at once and trip the others' timeouts.
    const mixed = METHODS.flatMap((m) => lane('light').filter((c) => c.method === m));
    await Promise.all([pool(mixed, config.concurrency, (c) => run(c)), pool(lane('serial'), 1, (c) => run(c))]);
    await pool(lane('cpu'), config.heavyConcurrency, (c) => run(c));
    await pool(lane('heavy'), config.heavyConcurrency, (c) => run(c));
    const refused = lane('closedPort');
    const ports = await closedPorts(refused.length);
    await pool(
      refused.map((cell, i) => ({ cell, port: ports[i] })),
      config.concurrency,
      ({ cell, port }) => run(cell, port),
    );
  } finally {
    counter.uninstall();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtExceptionMonitor', onUncaught);
  }
  return { results: cells.flatMap((c) => results.get(c) ?? []), unhandled, ms: performance.now() - started };
}

/**
 * One untimed call before the cells: the first fetch in a process loads Node's HTTP client, which
 * takes a few hundred milliseconds that would otherwise count against the first cells.
 */
async function warmUp(config: MatrixConfig): Promise<void> {
  const cell = await openHostileCell({ kind: 'answer', shape: 'normal' });
  try {
    await new RealtimeKitClient({ ...config.client, baseUrl: cell.baseUrl, getToken: () => randomToken() }).listAccounts();
  } finally {
    await cell.close();
  }
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---------------------------------------------------------------------------------------------
// Summaries, shared by the test's messages and the bench's table

export interface FaultSummary {
  readonly fault: string;
  readonly cells: number;
  readonly wellHandled: number;
  readonly worstMs: number;
  readonly mostRequests: number;
}

export function summarise(results: readonly CellResult[]): { readonly byFault: FaultSummary[]; readonly total: FaultSummary } {
  const summary = (fault: string, rs: readonly CellResult[]): FaultSummary => ({
    fault,
    cells: rs.length,
    wellHandled: rs.filter((r) => r.problems.length === 0).length,
    worstMs: Math.max(0, ...rs.map((r) => r.ms)),
    mostRequests: Math.max(0, ...rs.map((r) => r.requests)),
  });
  const faults = [...new Set(results.map((r) => r.fault))];
  return { byFault: faults.map((f) => summary(f, results.filter((r) => r.fault === f))), total: summary('all faults', results) };
}

export function describeFailure(r: CellResult): string {
  return `${r.name}: ${r.problems.join('; ')}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Number((bytes / MiB).toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function show(value: unknown): string {
  return clip(typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value)), 80);
}

/** Messages may carry a 1 MB name: keep reports readable. */
function clip(text: string, max = 240): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
