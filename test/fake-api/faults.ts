// Fault injection for the fake RealtimeKit API: per-route (or '*') errors, latency, hangs and
// alternative wire shapes. See README.md for the semantics.

export const ROUTE_NAMES = [
  'accounts',
  'userTokenVerify',
  'accountTokenVerify',
  'apps',
  'createApp',
  'livestreams',
  'createLivestream',
  'livestream',
  'activeSession',
  'session',
  'analytics',
  'meetingActiveLivestream',
  'startMeetingLivestream',
  'stopMeetingLivestream',
  'meetingLivestreams',
  'sessionLivestreamSessions',
  'analyticsDaywise',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const FAULT_BODIES = ['html', 'malformed', 'empty', 'cloudflareError', 'kitError', 'bareMessage'] as const;
export type FaultBody = (typeof FAULT_BODIES)[number];

export const FAULT_SHAPES = [
  'objectData',
  'sessionsOnly',
  'sessionOnly',
  'stringNumbers',
  'booleanDisabledAsString',
  'missingFields',
  'resultWrapper',
] as const;
export type FaultShape = (typeof FAULT_SHAPES)[number];

export interface Fault {
  /** Answer with this status instead of the real answer (default 200 when only `body` is set, 429 when only `retryAfter` is). */
  status?: number;
  /** Wait this long before answering (or before the fault's error). Alone, it only delays. */
  latencyMs?: number;
  /** Sets `Retry-After` (seconds, or an HTTP date string). */
  retryAfter?: number | string;
  /** Body of the faulty answer; default: the error shape natural for the route and status. */
  body?: FaultBody;
  /** Error message for cloudflareError / kitError / bareMessage bodies. */
  message?: string;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
  /** Do the work (a POST creates), then never answer: the answer was lost on the way back. */
  hangAfter?: boolean;
  /** Destroy the connection without answering (after latencyMs): the client sees a network error (reset). */
  disconnect?: boolean;
  /** Rewrite a successful answer into an alternative wire shape (several may be combined). */
  shape?: FaultShape | readonly FaultShape[];
  /** Apply this many times, then remove the fault. Default: until cleared. */
  times?: number;
}

export interface ActiveFault {
  route: RouteName | '*';
  fault: Fault;
  /** Remaining applications, or null for unlimited. */
  remaining: number | null;
}

/** The faults in force for one request (the route's own merged over '*'). */
export interface EffectiveFault {
  fault: Fault;
  shapes: FaultShape[];
}

export class FaultTable {
  private readonly faults = new Map<RouteName | '*', ActiveFault>();

  set(route: RouteName | '*', fault: Fault): void {
    validateRoute(route);
    validateFault(fault);
    this.faults.set(route, { route, fault: { ...fault }, remaining: fault.times ?? null });
  }

  clear(route?: RouteName | '*'): void {
    if (route === undefined) this.faults.clear();
    else this.faults.delete(route);
  }

  list(): ActiveFault[] {
    return [...this.faults.values()].map((f) => ({ ...f, fault: { ...f.fault } }));
  }

  /** The fault for a request on `route` (route fields override '*'), consuming one application of each. */
  take(route: RouteName): EffectiveFault | null {
    const star = this.consume('*');
    const own = this.consume(route);
    if (!star && !own) return null;
    const fault: Fault = { ...star, ...own };
    const shapes = [...toShapes(star?.shape), ...toShapes(own?.shape)];
    return { fault, shapes };
  }

  private consume(key: RouteName | '*'): Fault | undefined {
    const active = this.faults.get(key);
    if (!active) return undefined;
    if (active.remaining !== null) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.faults.delete(key);
    }
    return active.fault;
  }
}

function toShapes(shape: Fault['shape']): FaultShape[] {
  if (shape === undefined) return [];
  return typeof shape === 'string' ? [shape] : [...shape];
}

export function isRouteName(value: unknown): value is RouteName {
  return typeof value === 'string' && (ROUTE_NAMES as readonly string[]).includes(value);
}

function validateRoute(route: unknown): asserts route is RouteName | '*' {
  if (route !== '*' && !isRouteName(route)) {
    throw new Error(`unknown route "${String(route)}"; expected '*' or one of ${ROUTE_NAMES.join(', ')}`);
  }
}

const FAULT_KEYS = ['status', 'latencyMs', 'retryAfter', 'body', 'message', 'hang', 'hangAfter', 'disconnect', 'shape', 'times'] as const;

/** Throws a readable Error unless `value` is a valid Fault. */
export function validateFault(value: unknown): asserts value is Fault {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('fault must be an object');
  const f = value as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!(FAULT_KEYS as readonly string[]).includes(key)) throw new Error(`unknown fault key "${key}"; expected ${FAULT_KEYS.join(', ')}`);
  }
  const int = (key: string, min: number, max: number): void => {
    const v = f[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)) {
      throw new Error(`fault.${key} must be an integer in ${min}..${max}`);
    }
  };
  int('status', 100, 599);
  int('latencyMs', 0, 600_000);
  int('times', 1, 1_000_000);
  if (f.retryAfter !== undefined && typeof f.retryAfter !== 'number' && typeof f.retryAfter !== 'string') {
    throw new Error('fault.retryAfter must be a number of seconds or a string');
  }
  if (f.body !== undefined && !(FAULT_BODIES as readonly unknown[]).includes(f.body)) {
    throw new Error(`fault.body must be one of ${FAULT_BODIES.join(', ')}`);
  }
  if (f.message !== undefined && typeof f.message !== 'string') throw new Error('fault.message must be a string');
  if (f.hang !== undefined && typeof f.hang !== 'boolean') throw new Error('fault.hang must be a boolean');
  if (f.hangAfter !== undefined && typeof f.hangAfter !== 'boolean') throw new Error('fault.hangAfter must be a boolean');
  if (f.disconnect !== undefined && typeof f.disconnect !== 'boolean') throw new Error('fault.disconnect must be a boolean');
  if (f.shape !== undefined) {
    const shapes = Array.isArray(f.shape) ? (f.shape as unknown[]) : [f.shape];
    for (const s of shapes) {
      if (!(FAULT_SHAPES as readonly unknown[]).includes(s)) throw new Error(`fault.shape must be one of ${FAULT_SHAPES.join(', ')}`);
    }
  }
}

/**
 * Parses the CLI form `route:key=value,key=value`, e.g. `livestreams:status=500,times=2`,
 * `*:latencyMs=200`, `livestream:shape=stringNumbers+booleanDisabledAsString`.
 * Numbers and true/false are converted; `shape` may join several shapes with '+'.
 */
export function parseFaultSpec(spec: string): { route: RouteName | '*'; fault: Fault } {
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new Error(`fault "${spec}": expected route:key=value[,key=value...]`);
  const route = spec.slice(0, colon).trim();
  validateRoute(route);
  const fault: Record<string, unknown> = {};
  for (const part of spec.slice(colon + 1).split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const raw = eq < 0 ? 'true' : part.slice(eq + 1).trim();
    let value: unknown = raw;
    if (key === 'shape') value = raw.includes('+') ? raw.split('+').map((s) => s.trim()) : raw;
    else if (key === 'message') value = raw;
    else if (/^-?\d+$/.test(raw)) value = Number(raw);
    else if (raw === 'true' || raw === 'false') value = raw === 'true';
    fault[key] = value;
  }
  validateFault(fault);
  return { route, fault };
}

// ---------------------------------------------------------------------------------------------
// Alternative wire shapes, applied to a successful JSON body.

export interface ShapeContext {
  route: RouteName;
  /** 'kit': bare {success, data, paging}; 'cloudflare': {success, result, result_info, errors, messages}. */
  envelope: 'kit' | 'cloudflare';
}

const NULLED_WHEN_MISSING = new Set(['name', 'meeting_id', 'stream_key', 'playback_url', 'err_message', 'stopped_time']);
const LIST_ROUTES: ReadonlySet<RouteName> = new Set(['apps', 'livestreams', 'sessionLivestreamSessions', 'analyticsDaywise']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applyShapes(body: unknown, shapes: readonly FaultShape[], ctx: ShapeContext): unknown {
  let out = JSON.parse(JSON.stringify(body)) as Json;
  for (const shape of shapes) out = applyShape(out, shape, ctx);
  return out;
}

function applyShape(body: Json, shape: FaultShape, ctx: ShapeContext): Json {
  if (!isObject(body)) return body;
  switch (shape) {
    case 'objectData':
      return objectData(body, ctx);
    case 'sessionsOnly':
      if (ctx.route === 'livestream' && isObject(body.data)) delete body.data.session;
      return body;
    case 'sessionOnly':
      if (ctx.route === 'livestream' && isObject(body.data)) delete body.data.sessions;
      return body;
    case 'stringNumbers':
      return mapDeep(body, (_k, v) => (typeof v === 'number' ? String(v) : v));
    case 'booleanDisabledAsString':
      return mapDeep(body, (k, v) => (k === 'disabled' && typeof v === 'boolean' ? String(v) : v));
    case 'missingFields':
      return missingFields(body) as JsonObject;
    case 'resultWrapper': {
      if (ctx.envelope !== 'kit' || !('data' in body)) return body;
      const wrapped: JsonObject = { success: body.success ?? true, errors: [], messages: [], result: body.data ?? null };
      if (body.paging !== undefined) wrapped.result_info = body.paging;
      return wrapped;
    }
  }
}

/** Lists (apps, livestreams, a meeting session's livestream sessions, analytics by day) become
 * `data: {...firstItem, paging}`; a session answer becomes `data: {...session}`; the details
 * answer becomes exactly the documented `{livestream, session, paging}`; a meeting's livestreams
 * become `{livestream, session, paging}` with the newest of each. */
function objectData(body: JsonObject, ctx: ShapeContext): Json {
  if (ctx.envelope !== 'kit') return body;
  if (LIST_ROUTES.has(ctx.route) && Array.isArray(body.data)) {
    const first = body.data[0];
    const data: JsonObject = isObject(first) ? { ...first } : {};
    if (body.paging !== undefined) data.paging = body.paging;
    const out: JsonObject = { ...body, data };
    delete out.paging;
    return out;
  }
  if (ctx.route === 'session' && isObject(body.data) && isObject(body.data.session)) {
    return { ...body, data: body.data.session };
  }
  if (ctx.route === 'livestream' && isObject(body.data)) delete body.data.sessions;
  if (ctx.route === 'meetingLivestreams' && isObject(body.data)) {
    // The one-item form: the newest livestream and session as objects, not arrays.
    const { livestreams, sessions, ...rest } = body.data;
    const first = (v: Json | undefined): Json => (Array.isArray(v) && v.length > 0 ? v[0] : null);
    body.data = { ...rest, livestream: first(livestreams), session: first(sessions) };
  }
  return body;
}

function mapDeep(value: Json, fn: (key: string | null, v: Json) => Json, key: string | null = null): Json {
  const mapped = fn(key, value);
  if (Array.isArray(mapped)) return mapped.map((v) => mapDeep(v, fn, null));
  if (isObject(mapped)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(mapped)) out[k] = mapDeep(v, fn, k);
    return out;
  }
  return mapped;
}

/** Entities (objects with an `id`) keep only `id`; name/meeting_id/stream_key/playback_url/
 * err_message/stopped_time become null and every other scalar field disappears. Objects without
 * an id (e.g. analytics) lose their number fields; `paging`/`result_info` and envelopes are kept. */
function missingFields(value: Json, key: string | null = null): Json {
  if (Array.isArray(value)) return value.map((v) => missingFields(v));
  if (!isObject(value)) return value;
  if (key === 'paging' || key === 'result_info') return value;
  const isEntity = typeof value.id === 'string';
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v) || isObject(v)) out[k] = missingFields(v, k);
    else if (isEntity) {
      if (k === 'id') out[k] = v;
      else if (NULLED_WHEN_MISSING.has(k)) out[k] = null;
    } else if (key === 'data' || key === 'result') {
      if (typeof v !== 'number') out[k] = v;
    } else out[k] = v;
  }
  return out;
}
