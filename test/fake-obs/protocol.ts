// obs-websocket 5 protocol constants and helpers, transcribed from obsproject/obs-websocket
// (docs/generated/protocol.md and src/, 5.6.3 to 5.7.3). Plain data, no I/O: the fake server, its
// tests and later the extension's tests share these names instead of repeating magic numbers.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const RPC_VERSION = 1;

export const WebSocketOpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
  RequestBatch: 8,
  RequestBatchResponse: 9,
} as const;

export const WebSocketCloseCode = {
  UnknownReason: 4000,
  MessageDecodeError: 4002,
  MissingDataField: 4003,
  InvalidDataFieldType: 4004,
  InvalidDataFieldValue: 4005,
  UnknownOpCode: 4006,
  NotIdentified: 4007,
  AlreadyIdentified: 4008,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
  UnsupportedFeature: 4012,
} as const;

/** websocketpp's going_away, which obs-websocket sends to every client when its server stops. */
export const CLOSE_GOING_AWAY = 1001;

export const RequestStatus = {
  Unknown: 0,
  Success: 100,
  MissingRequestType: 203,
  UnknownRequestType: 204,
  GenericError: 205,
  UnsupportedRequestBatchExecutionType: 206,
  NotReady: 207,
  MissingRequestField: 300,
  MissingRequestData: 301,
  InvalidRequestField: 400,
  InvalidRequestFieldType: 401,
  RequestFieldOutOfRange: 402,
  RequestFieldEmpty: 403,
  TooManyRequestFields: 404,
  OutputRunning: 500,
  OutputNotRunning: 501,
  OutputPaused: 502,
  OutputNotPaused: 503,
  OutputDisabled: 504,
  StudioModeActive: 505,
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  ResourceAlreadyExists: 601,
  InvalidResourceType: 602,
  NotEnoughResources: 603,
  InvalidResourceState: 604,
  InvalidInputKind: 605,
  ResourceNotConfigurable: 606,
  InvalidFilterKind: 607,
  ResourceCreationFailed: 700,
  ResourceActionFailed: 701,
  RequestProcessingFailed: 702,
  CannotAct: 703,
} as const;

export const EventSubscription = {
  None: 0,
  General: 1 << 0,
  Config: 1 << 1,
  Scenes: 1 << 2,
  Inputs: 1 << 3,
  Transitions: 1 << 4,
  Filters: 1 << 5,
  Outputs: 1 << 6,
  SceneItems: 1 << 7,
  MediaInputs: 1 << 8,
  Vendors: 1 << 9,
  Ui: 1 << 10,
  Canvases: 1 << 11,
  /** Every non-high-volume category (what a session gets when Identify has no eventSubscriptions); before 5.7.0 without Canvases (2047). */
  All: (1 << 12) - 1,
  InputVolumeMeters: 1 << 16,
  InputActiveStateChanged: 1 << 17,
  InputShowStateChanged: 1 << 18,
  SceneItemTransformChanged: 1 << 19,
} as const;

export const RequestBatchExecutionType = { None: -1, SerialRealtime: 0, SerialFrame: 1, Parallel: 2 } as const;

/** `outputState` values of StreamStateChanged (ObsOutputState). */
export const ObsOutputState = {
  Unknown: 'OBS_WEBSOCKET_OUTPUT_UNKNOWN',
  Starting: 'OBS_WEBSOCKET_OUTPUT_STARTING',
  Started: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  Stopping: 'OBS_WEBSOCKET_OUTPUT_STOPPING',
  Stopped: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  Reconnecting: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  Reconnected: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
  Paused: 'OBS_WEBSOCKET_OUTPUT_PAUSED',
  Resumed: 'OBS_WEBSOCKET_OUTPUT_RESUMED',
} as const;
export type ObsOutputStateName = (typeof ObsOutputState)[keyof typeof ObsOutputState];

/** EventHandler_Outputs.cpp GetOutputStateActive: the `outputActive` that goes with each state in the event. */
export function outputStateActive(state: ObsOutputStateName): boolean {
  return state === ObsOutputState.Started || state === ObsOutputState.Resumed || state === ObsOutputState.Reconnected;
}

/** The documented authentication string: base64(sha256(base64(sha256(password + salt)) + challenge)). */
export function authenticationString(password: string, salt: string, challenge: string): string {
  return sha256Base64(sha256Base64(password + salt) + challenge);
}

/** Utils::Crypto::GenerateSecret: base64(sha256(password + salt)), computed once per server. */
export function authenticationSecret(password: string, salt: string): string {
  return sha256Base64(password + salt);
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Utils::Crypto::GenerateSalt: 32 random bytes, base64 (used for the salt and each session's challenge). */
export function generateSalt(): string {
  return randomBytes(32).toString('base64');
}

/** Utils::Crypto::GeneratePassword: what OBS puts in the password field on first run (16 alphanumerics). */
export function generatePassword(length = 16): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}

/** Utils::Obs::StringHelper::DurationToTimecode: HH:MM:SS.mmm. */
export function durationToTimecode(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const secs = Math.floor(total / 1000);
  const minutes = Math.floor(secs / 60);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${pad(secs % 60)}.${pad(total % 1000, 3)}`;
}

/**
 * JSON as obs-websocket writes it: nlohmann::json objects are std::maps, so keys come out sorted
 * (`{"d":{...},"op":0}`). Clients must not care, but a raw-socket test sees the real order.
 */
export function encodeObsJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Field names whose values are secrets wherever they appear (stream key, RTMP/WHIP credentials, auth strings). */
const SECRET_FIELDS = new Set(['key', 'password', 'bearer_token', 'authentication', 'auth']);
export const REDACTED = '<redacted>';

/** A deep copy with secret fields replaced by REDACTED (an empty string stays empty: emptiness is not a secret). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_FIELDS.has(k) && v !== '' && v !== null && v !== undefined ? REDACTED : redactSecrets(v);
  }
  return out;
}

/** Replace every occurrence of each secret (and its URL-encoded form) in a log line. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}
