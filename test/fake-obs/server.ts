// A faithful fake of OBS Studio's WebSocket server (obs-websocket 5, JSON subprotocol) on the `ws`
// package, written from obsproject/obs-websocket's protocol.md and sources: Hello/Identify with the
// SHA-256 challenge, close codes, requests with requestStatus codes, StreamStateChanged, and a stream
// output that really publishes with ffmpeg. See README.md for coverage, options and failure modes.
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { rtmpTarget, StreamOutput, keyintFrames, type EncodePlan, type PublishTarget, type ReconnectSettings } from './output';
import {
  DEFAULT_STREAM_ENCODER,
  DEFAULT_VIDEO,
  initialProfile,
  profileBool,
  profileInt,
  profileValue,
  readProfileParameter,
  type FakeObsStreamEncoderSettings,
  type FakeObsVideoSettings,
  type ProfileValues,
} from './profile';
import {
  authenticationSecret,
  authenticationString,
  CLOSE_GOING_AWAY,
  durationToTimecode,
  encodeObsJson,
  EventSubscription,
  generatePassword,
  generateSalt,
  ObsOutputState,
  outputStateActive,
  redactSecrets,
  RequestBatchExecutionType,
  RequestStatus,
  RPC_VERSION,
  WebSocketCloseCode,
  WebSocketOpCode,
  type ObsOutputStateName,
} from './protocol';

export * from './protocol';
export { PROFILE_DEFAULTS, DEFAULT_VIDEO, DEFAULT_STREAM_ENCODER, X264_DEFAULT_KEYINT_FRAMES } from './profile';
export type { FakeObsVideoSettings, FakeObsStreamEncoderSettings, ProfileValues } from './profile';
export { ffmpegArgs, keyintFrames, rtmpTarget, type EncodePlan, type PublishTarget } from './output';

export type FakeObsMode = 'v5' | 'v4' | 'silent';

/**
 * Options for a publisher that keeps real time on a small or busy machine (the demo, CI): a 640x360
 * canvas and x264 ultrafast at 2500 kbps (OBS's Simple-mode default before OBS 32). OBS's own
 * defaults (1280x720, 6000 kbps, veryfast) need most of a core.
 */
export const LIGHT_ENCODING: Pick<FakeObsOptions, 'video' | 'profile'> = {
  video: { baseWidth: 640, baseHeight: 360, outputWidth: 640, outputHeight: 360 },
  profile: { SimpleOutput: { VBitrate: '2500', Preset: 'ultrafast' } },
};

export interface FakeObsOptions {
  /** 0 (default) picks a free port. The real default is 4455 (the CLI's default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Server password; null disables authentication. Default: a random 16-character one, as OBS generates on first run. */
  password?: string | null;
  /** `obsStudioVersion` / GetVersion `obsVersion`. Default 32.0.1 (4.x mode: 27.2.4). */
  obsVersion?: string;
  /** `obsWebSocketVersion`. Default 5.6.3, the one OBS 32.0.1 bundles (4.x mode: 4.9.1). */
  websocketVersion?: string;
  /** 'v5' (default) | 'v4': obs-websocket 4.x (no subprotocol, no Hello, request-type/message-id) | 'silent': accepts, never says Hello. */
  mode?: FakeObsMode;
  /** Request types never answered (the client must time out). Mutable later through `faults`. */
  hang?: string[];
  /** Milliseconds to wait before processing a request type. Mutable later through `faults`. */
  delayMs?: Record<string, number>;
  /** Initial stream service. Default: what a fresh OBS has, `rtmp_common` with no settings. */
  streamService?: FakeObsStreamService;
  /** Initial video settings (default 1920x1080 canvas, 1280x720 output, 30/1 fps). */
  video?: Partial<FakeObsVideoSettings>;
  /** Initial profile user values, merged over the fresh profile's (category → name → string). */
  profile?: ProfileValues;
  /** Advanced-mode encoder settings (streamEncoder.json), merged over obs_x264's defaults. */
  streamEncoder?: Partial<FakeObsStreamEncoderSettings>;
  /** ffmpeg executable (default $FFMPEG or `ffmpeg` on PATH). */
  ffmpegPath?: string;
  /** One line per connection, identification, request, output state and ffmpeg stderr line; secrets redacted. */
  onLog?: (line: string) => void;
}

export interface FakeObsStreamService {
  /** `rtmp_custom`, `rtmp_common` or `whip_custom`. */
  type: string;
  settings: Record<string, unknown>;
}

export interface FakeObsStreamKnobs {
  /** Reported as `outputCongestion` while the output is active (clamped to 0..1 as libobs does). */
  congestion: number;
  /** Added to `outputSkippedFrames` (the real one counts frames dropped for congestion). */
  extraSkippedFrames: number;
  /** 'refuse': the next starts publish to an ingest that resets the connection (STARTING → STOPPED). */
  failure: 'refuse' | null;
}

/** OBS's state as the fake keeps it. Tests may read and change any of it directly. */
export interface FakeObsState {
  streamService: FakeObsStreamService;
  video: FakeObsVideoSettings;
  /** User values of the current profile's basic.ini; defaults are PROFILE_DEFAULTS. */
  profile: ProfileValues;
  /** Advanced mode's streamEncoder.json: not reachable over obs-websocket, as in OBS. */
  streamEncoder: FakeObsStreamEncoderSettings;
  stream: FakeObsStreamKnobs;
}

export interface FakeObsFaults {
  hang: string[];
  delayMs: Record<string, number>;
}

export interface RecordedObsRequest {
  requestType: string;
  requestId: unknown;
  /** requestData with secrets (`key`, `password`, ...) replaced by '<redacted>'. */
  requestData: unknown;
  via: 'request' | 'batch' | 'v4';
  session: number;
  /** Epoch ms when it arrived. */
  time: number;
  /** requestStatus.code once answered (v4: 100 for "ok", 0 for "error"); null while pending or hung. */
  code: number | null;
  comment: string | null;
  durationMs: number | null;
}

export interface FakeObsSession {
  id: number;
  remoteAddress: string;
  identified: boolean;
  rpcVersion: number | null;
  eventSubscriptions: number;
  /** The subprotocol selected ('obswebsocket.json' or '' when the client asked for none). */
  subprotocol: string;
  /** Close code once closed. */
  closeCode: number | null;
}

export interface StreamStatus {
  outputActive: boolean;
  outputReconnecting: boolean;
  outputTimecode: string;
  outputDuration: number;
  outputCongestion: number;
  outputBytes: number;
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface FakeObsOutputInfo {
  /** obs_frontend_streaming_active(): what StartStream/StopStream test (500/501). */
  streaming: boolean;
  phase: StreamOutput['phase'];
  /** Every StreamStateChanged state emitted so far, oldest first. */
  states: ObsOutputStateName[];
  pid: number | null;
  /** Every ffmpeg pid spawned (for leak checks). */
  pids: readonly number[];
  /** The publish in force: encoder plan and URL with the key redacted. */
  current: { plan: EncodePlan; url: string } | null;
  lastError: string | null;
  /** ffmpeg stderr, redacted. */
  log: readonly string[];
}

export interface FakeObsEvents {
  session: [FakeObsSession];
  identified: [FakeObsSession];
  request: [RecordedObsRequest];
  outputState: [ObsOutputStateName];
  sessionClosed: [FakeObsSession];
}

export interface FakeObs {
  /** ws://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** null when authentication is off. */
  readonly password: string | null;
  readonly mode: FakeObsMode;
  readonly state: FakeObsState;
  readonly faults: FakeObsFaults;
  /** Requests received, oldest first; never holds a stream key. */
  readonly requests: RecordedObsRequest[];
  readonly sessions: readonly FakeObsSession[];
  readonly output: FakeObsOutputInfo;
  /** 'session', 'identified', 'request', 'outputState', 'sessionClosed'. */
  readonly events: EventEmitter<FakeObsEvents>;
  /** What GetStreamStatus answers now. */
  streamStatus(): StreamStatus;
  /** Resolves when `state` is emitted at index ≥ `after` of output.states (default: the current length). */
  waitForOutputState(state: ObsOutputStateName, options?: { after?: number; timeoutMs?: number }): Promise<void>;
  /** Kill the publishing ffmpeg as if the network dropped: RECONNECTING (per Output/Reconnect) or STOPPED. */
  dropStream(): void;
  /** Close every session with 4011 SessionInvalidated, like the Kick button of OBS's session list. */
  kick(): void;
  /** Close sessions (1001 "Server stopping."), kill ffmpeg and stop listening. Idempotent. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

const JSON_SUBPROTOCOL = 'obswebsocket.json';
const MSGPACK_SUBPROTOCOL = 'obswebsocket.msgpack';
const KNOWN_SERVICE_TYPES = new Set(['rtmp_common', 'rtmp_custom', 'whip_custom']);
const SUPPORTED_IMAGE_FORMATS = ['bmp', 'cur', 'icns', 'ico', 'jpeg', 'jpg', 'pbm', 'pgm', 'png', 'ppm', 'tif', 'tiff', 'wbmp', 'webp', 'xbm', 'xpm'];

interface Result {
  code: number;
  comment?: string;
  data?: Record<string, unknown>;
  /** Run after the response is sent: OBS answers StartStream/StopStream before the output changes state. */
  after?: () => void;
}

const ok = (data?: Record<string, unknown>, after?: () => void): Result => ({ code: RequestStatus.Success, data, after });
const fail = (code: number, comment?: string): Result => ({ code, comment });

/** Request.cpp's view of requestData: an object (or {} when absent), and whether one was sent. */
class RequestData {
  readonly data: Record<string, unknown>;
  readonly has: boolean;
  constructor(raw: unknown) {
    this.has = isObject(raw);
    this.data = isObject(raw) ? raw : {};
  }
  contains(name: string): boolean {
    return this.data[name] !== undefined && this.data[name] !== null;
  }
  private basic(name: string): Result | null {
    if (!this.has) return fail(RequestStatus.MissingRequestData, 'Your request data is missing or invalid (non-object)');
    if (!this.contains(name)) return fail(RequestStatus.MissingRequestField, `Your request is missing the \`${name}\` field.`);
    return null;
  }
  string(name: string, allowEmpty = false): Result | null {
    const b = this.basic(name);
    if (b) return b;
    const v = this.data[name];
    if (typeof v !== 'string') return fail(RequestStatus.InvalidRequestFieldType, `The field value of \`${name}\` must be a string.`);
    if (!allowEmpty && v === '') return fail(RequestStatus.RequestFieldEmpty, `The field value of \`${name}\` must not be empty.`);
    return null;
  }
  object(name: string, allowEmpty = false): Result | null {
    const b = this.basic(name);
    if (b) return b;
    const v = this.data[name];
    if (!isObject(v)) return fail(RequestStatus.InvalidRequestFieldType, `The field value of \`${name}\` must be an object.`);
    if (!allowEmpty && Object.keys(v).length === 0) return fail(RequestStatus.RequestFieldEmpty, `The field value of \`${name}\` must not be empty.`);
    return null;
  }
  optionalNumber(name: string, min = -Infinity, max = Infinity): Result | null {
    const v = this.data[name];
    if (typeof v !== 'number') return fail(RequestStatus.InvalidRequestFieldType, `The field value of \`${name}\` must be a number.`);
    if (v < min) return fail(RequestStatus.RequestFieldOutOfRange, `The field value of \`${name}\` is below the minimum of \`${cppDouble(min)}\``);
    if (v > max) return fail(RequestStatus.RequestFieldOutOfRange, `The field value of \`${name}\` is above the maximum of \`${cppDouble(max)}\``);
    return null;
  }
  number(name: string, min = -Infinity, max = Infinity): Result | null {
    return this.basic(name) ?? this.optionalNumber(name, min, max);
  }
}

/** std::to_string(double). */
function cppDouble(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return n.toFixed(6);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** nlohmann's is_number_unsigned for parsed JSON (JSON.parse cannot tell 1 from 1.0). */
function isUnsigned(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** ws refuses close reasons over 123 bytes. */
function closeReason(reason: string): string {
  let r = reason;
  while (Buffer.byteLength(r) > 123) r = r.slice(0, -1);
  return r;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

interface Session extends FakeObsSession {
  ws: WebSocket;
  challenge: string;
  closing: boolean;
  /** 4.x: Authenticate succeeded. */
  v4Authenticated: boolean;
}

// ---------------------------------------------------------------------------------------------

export async function startFakeObs(options: FakeObsOptions = {}): Promise<FakeObs> {
  const mode: FakeObsMode = options.mode ?? 'v5';
  const password = options.password === undefined ? generatePassword() : options.password;
  const obsVersion = options.obsVersion ?? (mode === 'v4' ? '27.2.4' : '32.0.1');
  const websocketVersion = options.websocketVersion ?? (mode === 'v4' ? '4.9.1' : '5.6.3');
  const ffmpegPath = options.ffmpegPath ?? process.env.FFMPEG ?? 'ffmpeg';
  const host = options.host ?? '127.0.0.1';
  // One salt per server start and one secret from it, as WebSocketServer::Start does; a challenge per session.
  const salt = generateSalt();
  // EventSubscription::All gained Canvases (1 << 11) in 5.7.0; a session's default follows the advertised version.
  const [major = 5, minor = 0] = websocketVersion.split('.').map(Number);
  const allEvents = major > 5 || (major === 5 && minor >= 7) ? EventSubscription.All : EventSubscription.All & ~EventSubscription.Canvases;
  const secret = password === null ? null : authenticationSecret(password, salt);
  const log = (line: string): void => options.onLog?.(line);

  const video: FakeObsVideoSettings = { ...DEFAULT_VIDEO, ...options.video };
  const profile = initialProfile(video);
  for (const [category, values] of Object.entries(options.profile ?? {})) profile[category] = { ...profile[category], ...values };
  const state: FakeObsState = {
    streamService: clone(options.streamService ?? { type: 'rtmp_common', settings: {} }),
    video,
    profile,
    streamEncoder: { ...DEFAULT_STREAM_ENCODER, ...options.streamEncoder },
    stream: { congestion: 0, extraSkippedFrames: 0, failure: null },
  };
  const faults: FakeObsFaults = { hang: [...(options.hang ?? [])], delayMs: { ...options.delayMs } };
  const requests: RecordedObsRequest[] = [];
  const sessions: Session[] = [];
  const events = new EventEmitter<FakeObsEvents>();
  const outputStates: ObsOutputStateName[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextSessionId = 1;
  let closed = false;
  let refuser: net.Server | null = null;

  const output = new StreamOutput();
  output.on('state', (s) => {
    outputStates.push(s);
    log(`output ${s}`);
    events.emit('outputState', s);
    broadcast(EventSubscription.Outputs, 'StreamStateChanged', { outputActive: outputStateActive(s), outputState: s });
  });
  output.on('log', (line) => log(`ffmpeg: ${line}`));

  // If the test process dies without close(), do not leave a publisher behind.
  const onProcessExit = (): void => output.killNow();
  process.once('exit', onProcessExit);

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  // -------------------------------------------------------------------------------------------
  // Events.

  function send(session: Session, message: unknown): void {
    if (session.closing || session.ws.readyState !== session.ws.OPEN) return;
    session.ws.send(encodeObsJson(message));
  }

  function broadcast(intent: number, eventType: string, eventData: Record<string, unknown>): void {
    if (mode !== 'v5' || closed) return;
    for (const s of sessions) {
      if (!s.identified || (s.eventSubscriptions & intent) === 0) continue;
      send(s, { op: WebSocketOpCode.Event, d: { eventType, eventIntent: intent, eventData } });
    }
  }

  function closeSession(session: Session, code: number, reason: string): void {
    if (session.closing) return;
    session.closing = true;
    log(`session ${session.id} closed by server: ${code} ${reason}`);
    session.ws.close(code, closeReason(reason));
  }

  // -------------------------------------------------------------------------------------------
  // Stream output.

  function streamStatus(): StreamStatus {
    const active = output.streamingActive;
    const plan = output.current?.plan;
    const num = plan?.fpsNumerator ?? state.video.fpsNumerator;
    const den = plan?.fpsDenominator ?? state.video.fpsDenominator;
    // NumberHelper::GetOutputDuration: total frames × the video frame time, 0 while inactive.
    const frameTimeNs = Math.floor((1e9 * den) / num);
    const duration = active ? Math.floor((output.counters.frames * frameTimeNs) / 1e6) : 0;
    const congestion = Number.isFinite(state.stream.congestion) ? Math.min(1, Math.max(0, state.stream.congestion)) : 0;
    return {
      outputActive: active,
      outputReconnecting: output.reconnecting,
      outputTimecode: durationToTimecode(duration),
      outputDuration: duration,
      outputCongestion: active ? congestion : 0,
      outputBytes: output.counters.bytes,
      outputSkippedFrames: output.counters.droppedFrames + Math.max(0, Math.floor(state.stream.extraSkippedFrames) || 0),
      outputTotalFrames: output.counters.frames,
    };
  }

  /** What the frontend reads from the profile when it starts streaming (SimpleOutput / AdvancedOutput). */
  function encodePlan(): EncodePlan {
    const p = state.profile;
    const v = state.video;
    const base = { width: v.outputWidth, height: v.outputHeight, fpsNumerator: v.fpsNumerator, fpsDenominator: v.fpsDenominator };
    if (profileValue(p, 'Output', 'Mode') === 'Advanced') {
      const enc = state.streamEncoder;
      const track = profileInt(p, 'AdvOut', 'TrackIndex') || 1;
      return {
        ...base,
        encoderId: profileValue(p, 'AdvOut', 'Encoder') ?? 'obs_x264',
        videoBitrateKbps: enc.bitrate,
        audioBitrateKbps: profileInt(p, 'AdvOut', `Track${track}Bitrate`) || 160,
        keyintFrames: keyintFrames(enc.keyint_sec, v.fpsNumerator, v.fpsDenominator),
        preset: enc.preset,
      };
    }
    // Simple mode sets no keyint_sec: x264's default applies, unless custom x264 options say otherwise.
    let keyint = keyintFrames(0, v.fpsNumerator, v.fpsDenominator);
    if (profileBool(p, 'SimpleOutput', 'UseAdvanced')) {
      const m = /(?:^|[\s:])keyint=(\d+)/.exec(profileValue(p, 'SimpleOutput', 'x264Settings') ?? '');
      if (m) keyint = Number(m[1]);
    }
    return {
      ...base,
      encoderId: profileValue(p, 'SimpleOutput', 'StreamEncoder') ?? 'x264',
      videoBitrateKbps: profileInt(p, 'SimpleOutput', 'VBitrate'),
      audioBitrateKbps: profileInt(p, 'SimpleOutput', 'ABitrate'),
      keyintFrames: keyint,
      preset: profileValue(p, 'SimpleOutput', 'Preset') ?? 'veryfast',
    };
  }

  function reconnectSettings(): ReconnectSettings {
    const p = state.profile;
    const enabled = profileBool(p, 'Output', 'Reconnect');
    return { maxRetries: enabled ? Math.max(0, profileInt(p, 'Output', 'MaxRetries')) : 0, retryDelaySec: Math.max(0, profileInt(p, 'Output', 'RetryDelay')) };
  }

  async function refuserAddress(): Promise<number> {
    if (!refuser) {
      // An "ingest" that accepts TCP and resets it: ffmpeg's RTMP handshake fails like a refused publish.
      refuser = net.createServer((socket) => socket.resetAndDestroy());
      await new Promise<void>((resolve) => refuser!.listen(0, '127.0.0.1', resolve));
    }
    return (refuser.address() as AddressInfo).port;
  }

  async function startOutput(): Promise<void> {
    if (output.phase !== 'idle' || closed) return;
    const { type, settings } = state.streamService;
    const server = str(settings.server);
    const key = str(settings.key);
    // obs_service_can_try_to_connect: an empty server makes obs_output_start fail before connecting.
    // The frontend has already sent STARTING, then shows a modal error and sends nothing more.
    if (server === '' || (type === 'rtmp_common' && key === '')) {
      outputStates.push(ObsOutputState.Starting);
      log(`output ${ObsOutputState.Starting} (no server: OBS shows "Failed to start streaming" and sends no further event)`);
      events.emit('outputState', ObsOutputState.Starting);
      broadcast(EventSubscription.Outputs, 'StreamStateChanged', { outputActive: false, outputState: ObsOutputState.Starting });
      return;
    }
    // rtmp_common resolves a service name through services.json; the fake only knows literal URLs.
    // whip_custom needs a WHIP muxer this ffmpeg does not have: both fail like a bad path.
    let target: PublishTarget | null = type === 'whip_custom' ? null : rtmpTarget(server, key);
    if (target && state.stream.failure === 'refuse') {
      const port = await refuserAddress();
      const refused = rtmpTarget(`rtmp://127.0.0.1:${port}/${target.app}`, key);
      target = refused;
    }
    output.start({ ffmpegPath, target, plan: encodePlan(), reconnect: reconnectSettings(), secrets: [key, str(settings.password), str(settings.bearer_token)] });
  }

  function launch(): void {
    startOutput().catch((err: unknown) => log(`output could not start: ${err instanceof Error ? err.message : String(err)}`));
  }

  // -------------------------------------------------------------------------------------------
  // Requests (RequestHandler_*.cpp).

  type Handler = (rd: RequestData, ctx: { session: Session; executionType: number }) => Result;

  const handlers: Record<string, Handler> = {
    GetVersion: () =>
      ok({
        obsVersion,
        obsWebSocketVersion: websocketVersion,
        rpcVersion: RPC_VERSION,
        availableRequests: Object.keys(handlers),
        supportedImageFormats: SUPPORTED_IMAGE_FORMATS,
        platform: 'ubuntu',
        platformDescription: 'Ubuntu 24.04.2 LTS',
      }),

    GetProfileList: () => ok({ currentProfileName: 'Untitled', profiles: ['Untitled'] }),

    GetProfileParameter: (rd) => {
      const bad = rd.string('parameterCategory') ?? rd.string('parameterName');
      if (bad) return bad;
      return ok(readProfileParameter(state.profile, rd.data.parameterCategory as string, rd.data.parameterName as string));
    },

    SetProfileParameter: (rd) => {
      const bad = rd.string('parameterCategory') ?? rd.string('parameterName');
      if (bad) return bad;
      const category = rd.data.parameterCategory as string;
      const name = rd.data.parameterName as string;
      const value = rd.data.parameterValue;
      if (value === undefined || value === null) {
        const values = state.profile[category];
        if (!values || !Object.prototype.hasOwnProperty.call(values, name))
          return fail(RequestStatus.ResourceNotFound, 'There are no existing instances of that profile parameter.');
        delete values[name];
        return ok();
      }
      if (typeof value !== 'string') return fail(RequestStatus.InvalidRequestFieldType, 'The field `parameterValue` must be a string.');
      (state.profile[category] ??= {})[name] = value;
      return ok();
    },

    GetVideoSettings: () => ok({ ...state.video }),

    SetVideoSettings: (rd) => {
      if (output.streamingActive) return fail(RequestStatus.OutputRunning, 'Video settings cannot be changed while an output is active.');
      const pair = (a: string, b: string): boolean => rd.contains(a) && rd.contains(b);
      const changeFps = pair('fpsNumerator', 'fpsDenominator');
      if (changeFps) {
        const bad = rd.optionalNumber('fpsNumerator', 1) ?? rd.optionalNumber('fpsDenominator', 1);
        if (bad) return bad;
      }
      const changeBase = pair('baseWidth', 'baseHeight');
      if (changeBase) {
        const bad = rd.optionalNumber('baseWidth', 8, 4096) ?? rd.optionalNumber('baseHeight', 8, 4096);
        if (bad) return bad;
      }
      const changeOutput = pair('outputWidth', 'outputHeight');
      if (changeOutput) {
        const bad = rd.optionalNumber('outputWidth', 8, 4096) ?? rd.optionalNumber('outputHeight', 8, 4096);
        if (bad) return bad;
      }
      if (!changeFps && !changeBase && !changeOutput) return fail(RequestStatus.MissingRequestField, 'You must specify at least one video-changing pair.');
      const n = (name: string): number => Math.trunc(rd.data[name] as number);
      const v = (state.profile.Video ??= {});
      if (changeFps) {
        state.video.fpsNumerator = n('fpsNumerator');
        state.video.fpsDenominator = n('fpsDenominator');
        Object.assign(v, { FPSType: '2', FPSNum: String(n('fpsNumerator')), FPSDen: String(n('fpsDenominator')) });
      }
      if (changeBase) {
        state.video.baseWidth = n('baseWidth');
        state.video.baseHeight = n('baseHeight');
        Object.assign(v, { BaseCX: String(n('baseWidth')), BaseCY: String(n('baseHeight')) });
      }
      if (changeOutput) {
        state.video.outputWidth = n('outputWidth');
        state.video.outputHeight = n('outputHeight');
        Object.assign(v, { OutputCX: String(n('outputWidth')), OutputCY: String(n('outputHeight')) });
      }
      return ok();
    },

    GetStreamServiceSettings: () => ok({ streamServiceType: state.streamService.type, streamServiceSettings: clone(state.streamService.settings) }),

    SetStreamServiceSettings: (rd) => {
      // Checked before the fields: OBS refuses even a malformed request while streaming.
      if (output.streamingActive) return fail(RequestStatus.OutputRunning, 'You cannot change stream service settings while streaming.');
      const bad = rd.string('streamServiceType') ?? rd.object('streamServiceSettings');
      if (bad) return bad;
      const type = rd.data.streamServiceType as string;
      const requested = clone(rd.data.streamServiceSettings as Record<string, unknown>);
      if (type === state.streamService.type) {
        // Same type: obs_data_apply of the request over the current settings (fields not sent are kept).
        state.streamService.settings = { ...state.streamService.settings, ...requested };
      } else {
        if (!KNOWN_SERVICE_TYPES.has(type))
          return fail(RequestStatus.ResourceCreationFailed, 'Failed to create the stream service with the requested streamServiceType. It may be an invalid type.');
        // Another type: a new service created from the request alone.
        state.streamService.type = type;
        state.streamService.settings = requested;
      }
      return ok();
    },

    GetStreamStatus: () => ok({ ...streamStatus() }),

    ToggleStream: () => {
      if (output.streamingActive) return ok({ outputActive: false }, () => output.stop());
      return ok({ outputActive: true }, launch);
    },

    StartStream: () => {
      if (output.streamingActive) return fail(RequestStatus.OutputRunning);
      // While still connecting (STARTING) OBS is not "streaming" yet: it answers 100 and the
      // frontend's StartStreaming finds the output busy; the fake starts nothing new either.
      return ok(undefined, launch);
    },

    StopStream: () => {
      // Also 501 while STARTING: obs_frontend_streaming_active() turns true only at STARTED.
      if (!output.streamingActive) return fail(RequestStatus.OutputNotRunning);
      return ok(undefined, () => output.stop());
    },

    Sleep: (rd, ctx) => {
      if (ctx.executionType === RequestBatchExecutionType.SerialRealtime) {
        const bad = rd.number('sleepMillis', 0, 50000);
        return bad ?? ok();
      }
      if (ctx.executionType === RequestBatchExecutionType.SerialFrame) {
        const bad = rd.number('sleepFrames', 0, 10000);
        return bad ?? ok();
      }
      return fail(RequestStatus.UnsupportedRequestBatchExecutionType);
    },
  };

  /** Sleep's wait happens outside the synchronous handler. */
  function sleepMsFor(requestType: string, rd: RequestData, executionType: number): number {
    if (requestType !== 'Sleep') return 0;
    if (executionType === RequestBatchExecutionType.SerialRealtime) return Number(rd.data.sleepMillis) || 0;
    if (executionType === RequestBatchExecutionType.SerialFrame)
      return ((Number(rd.data.sleepFrames) || 0) * 1000 * state.video.fpsDenominator) / state.video.fpsNumerator;
    return 0;
  }

  function record(session: Session, requestType: string, requestId: unknown, requestData: unknown, via: RecordedObsRequest['via']): RecordedObsRequest {
    const r: RecordedObsRequest = {
      requestType,
      requestId,
      requestData: redactSecrets(requestData),
      via,
      session: session.id,
      time: Date.now(),
      code: null,
      comment: null,
      durationMs: null,
    };
    requests.push(r);
    return r;
  }

  function answered(r: RecordedObsRequest, code: number, comment: string | null): void {
    r.code = code;
    r.comment = comment;
    r.durationMs = Date.now() - r.time;
    log(`session ${r.session} ${r.via} ${r.requestType} -> ${code}${comment ? ` (${comment})` : ''}`);
    events.emit('request', r);
  }

  /** RequestHandler::ProcessRequest plus the fake's delays and hangs. Null: hung, never answered. */
  async function processRequest(session: Session, r: RecordedObsRequest, requestType: string, rawData: unknown, executionType: number): Promise<Result | null> {
    if (faults.hang.includes(requestType)) {
      log(`session ${session.id} ${r.via} ${requestType} hangs (fault)`);
      return null;
    }
    const delay = faults.delayMs[requestType];
    if (delay && delay > 0) await sleep(delay);
    if (closed) return null;
    const rd = new RequestData(rawData);
    let result: Result;
    if (requestType === '') result = fail(RequestStatus.MissingRequestType, "Your request's `requestType` may not be empty.");
    else {
      const handler = Object.prototype.hasOwnProperty.call(handlers, requestType) ? handlers[requestType] : undefined;
      result = handler ? handler(rd, { session, executionType }) : fail(RequestStatus.UnknownRequestType, 'Your request type is not valid.');
    }
    if (result.code === RequestStatus.Success) {
      const wait = sleepMsFor(requestType, rd, executionType);
      if (wait > 0) await sleep(wait);
    }
    return result;
  }

  function statusOf(result: Result): Record<string, unknown> {
    const status: Record<string, unknown> = { result: result.code === RequestStatus.Success, code: result.code };
    if (result.comment) status.comment = result.comment;
    return status;
  }

  async function onRequest(session: Session, d: Record<string, unknown>): Promise<void> {
    const requestType = d.requestType as string;
    const r = record(session, requestType, d.requestId, d.requestData, 'request');
    const result = await processRequest(session, r, requestType, d.requestData, RequestBatchExecutionType.None);
    if (!result || closed) return;
    const payload: Record<string, unknown> = { requestType, requestId: d.requestId, requestStatus: statusOf(result) };
    if (result.data) payload.responseData = result.data;
    send(session, { op: WebSocketOpCode.RequestResponse, d: payload });
    answered(r, result.code, result.comment ?? null);
    result.after?.();
  }

  async function onRequestBatch(session: Session, d: Record<string, unknown>, executionType: number, haltOnFailure: boolean): Promise<void> {
    const results: Record<string, unknown>[] = [];
    // Every execution type runs serially here; Parallel's answers are the same, only slower.
    for (const raw of d.requests as unknown[]) {
      const req = isObject(raw) ? raw : {};
      const requestType = typeof req.requestType === 'string' ? req.requestType : '';
      const r = record(session, requestType, req.requestId ?? null, req.requestData, 'batch');
      const result = await processRequest(session, r, requestType, req.requestData, executionType);
      if (!result || closed) return; // one hung request hangs the whole batch
      const item: Record<string, unknown> = { requestType, requestStatus: statusOf(result) };
      if (req.requestId !== undefined && req.requestId !== null) item.requestId = req.requestId;
      if (result.data) item.responseData = result.data;
      results.push(item);
      answered(r, result.code, result.comment ?? null);
      result.after?.();
      if (haltOnFailure && result.code !== RequestStatus.Success) break;
    }
    send(session, { op: WebSocketOpCode.RequestBatchResponse, d: { requestId: d.requestId, results } });
  }

  // -------------------------------------------------------------------------------------------
  // Messages (WebSocketServer::onMessage / ProcessMessage).

  function onV5Message(session: Session, data: RawData, isBinary: boolean): void {
    if (session.closing) return;
    if (isBinary) return closeSession(session, WebSocketCloseCode.MessageDecodeError, 'Your session encoding is set to Json, but a binary message was received.');
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch (err) {
      return closeSession(session, WebSocketCloseCode.MessageDecodeError, `Unable to decode Json: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isObject(message)) return closeSession(session, WebSocketCloseCode.MessageDecodeError, 'You sent a non-object payload.');
    if (!session.identified && 'request-type' in message)
      return closeSession(
        session,
        WebSocketCloseCode.UnsupportedRpcVersion,
        'You appear to be attempting to connect with the pre-5.0.0 plugin protocol. Check to make sure your client is updated.',
      );
    if (!('op' in message)) return closeSession(session, WebSocketCloseCode.UnknownOpCode, 'Your request is missing an `op`.');
    if (typeof message.op !== 'number') return closeSession(session, WebSocketCloseCode.UnknownOpCode, 'Your `op` is not a number.');
    // ProcessMessage takes the op as a uint8_t.
    const op = ((Math.trunc(message.op) % 256) + 256) % 256;
    const d = message.d;
    if (!isObject(d)) {
      if (d === undefined || d === null) return closeSession(session, WebSocketCloseCode.MissingDataField, 'Your payload is missing data (`d`).');
      return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, "Your payload's data (`d`) is not an object.");
    }
    if (!session.identified && op !== WebSocketOpCode.Identify)
      return closeSession(session, WebSocketCloseCode.NotIdentified, 'You attempted to send a non-Identify message while not identified.');

    switch (op) {
      case WebSocketOpCode.Identify:
        return onIdentify(session, d);
      case WebSocketOpCode.Reidentify: {
        if (!setSessionParameters(session, d)) return;
        log(`session ${session.id} reidentified (eventSubscriptions ${session.eventSubscriptions})`);
        return send(session, { op: WebSocketOpCode.Identified, d: { negotiatedRpcVersion: session.rpcVersion } });
      }
      case WebSocketOpCode.Request: {
        if (!('requestId' in d)) return closeSession(session, WebSocketCloseCode.MissingDataField, 'Your payload data is missing a `requestId`.');
        if (!('requestType' in d)) return closeSession(session, WebSocketCloseCode.MissingDataField, "Your payload's data is missing an `requestType`.");
        if (typeof d.requestType !== 'string') return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `requestType` is not a string.');
        void onRequest(session, d);
        return;
      }
      case WebSocketOpCode.RequestBatch: {
        if (!('requestId' in d)) return closeSession(session, WebSocketCloseCode.MissingDataField, 'Your payload data is missing a `requestId`.');
        let executionType: number = RequestBatchExecutionType.SerialRealtime;
        if (d.executionType !== undefined && d.executionType !== null) {
          if (!isUnsigned(d.executionType)) return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `executionType` is not a number.');
          if (d.executionType > RequestBatchExecutionType.Parallel)
            return closeSession(session, WebSocketCloseCode.InvalidDataFieldValue, 'Your `executionType` has an invalid value.');
          executionType = d.executionType;
        }
        if (d.variables !== undefined && d.variables !== null && executionType === RequestBatchExecutionType.Parallel)
          return closeSession(session, WebSocketCloseCode.UnsupportedFeature, 'Variables are not supported in Parallel mode.');
        let haltOnFailure = false;
        if (d.haltOnFailure !== undefined && d.haltOnFailure !== null) {
          if (typeof d.haltOnFailure !== 'boolean') return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `haltOnFailure` is not a boolean.');
          haltOnFailure = d.haltOnFailure;
        }
        if (!('requests' in d)) return closeSession(session, WebSocketCloseCode.MissingDataField, 'Your payload data is missing a `requests`.');
        if (!Array.isArray(d.requests)) return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `requests` is not an array.');
        void onRequestBatch(session, d, executionType, haltOnFailure);
        return;
      }
      default:
        return closeSession(session, WebSocketCloseCode.UnknownOpCode, `Unknown OpCode: ${op}`);
    }
  }

  function onIdentify(session: Session, d: Record<string, unknown>): void {
    if (session.identified) return closeSession(session, WebSocketCloseCode.AlreadyIdentified, 'You are already Identified with the obs-websocket server.');
    if (secret !== null) {
      if (!('authentication' in d))
        return closeSession(
          session,
          WebSocketCloseCode.AuthenticationFailed,
          "Your payload's data is missing an `authentication` string, however authentication is required.",
        );
      if (typeof d.authentication !== 'string') return closeSession(session, WebSocketCloseCode.AuthenticationFailed, 'Your `authentication` field is not a string.');
      const expected = authenticationString(password ?? '', salt, session.challenge);
      if (d.authentication !== expected) return closeSession(session, WebSocketCloseCode.AuthenticationFailed, 'Authentication failed.');
    }
    if (!('rpcVersion' in d)) return closeSession(session, WebSocketCloseCode.MissingDataField, "Your payload's data is missing an `rpcVersion`.");
    if (!isUnsigned(d.rpcVersion)) return closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `rpcVersion` is not an unsigned number.');
    // Assigned to a uint8_t before the comparison.
    if (d.rpcVersion % 256 !== RPC_VERSION)
      return closeSession(session, WebSocketCloseCode.UnsupportedRpcVersion, 'Your requested RPC version is not supported by this server.');
    session.rpcVersion = RPC_VERSION;
    if (!setSessionParameters(session, d)) return;
    session.identified = true;
    log(`session ${session.id} identified (rpcVersion ${session.rpcVersion}, eventSubscriptions ${session.eventSubscriptions})`);
    send(session, { op: WebSocketOpCode.Identified, d: { negotiatedRpcVersion: session.rpcVersion } });
    events.emit('identified', publicSession(session));
  }

  function setSessionParameters(session: Session, d: Record<string, unknown>): boolean {
    if ('eventSubscriptions' in d) {
      if (!isUnsigned(d.eventSubscriptions)) {
        closeSession(session, WebSocketCloseCode.InvalidDataFieldType, 'Your `eventSubscriptions` is not an unsigned number.');
        return false;
      }
      session.eventSubscriptions = d.eventSubscriptions;
    }
    return true;
  }

  // obs-websocket 4.x (OBSRemoteProtocol.cpp, WSRequestHandler.cpp): only what a client probes.
  function onV4Message(session: Session, data: RawData, isBinary: boolean): void {
    if (isBinary || session.closing) return; // 4.x ignores non-text frames
    let message: unknown;
    try {
      message = JSON.parse(rawText(data));
    } catch {
      message = undefined;
    }
    if (!isObject(message)) return send(session, { status: 'error', error: 'invalid JSON payload' });
    if (message['request-type'] === undefined || message['message-id'] === undefined)
      return send(session, { status: 'error', error: 'missing request parameters' });
    const requestType = String(message['request-type']);
    const messageId = String(message['message-id']);
    const params = { ...message };
    delete params['request-type'];
    delete params['message-id'];
    const r = record(session, requestType, messageId, params, 'v4');
    const reply = (fields: Record<string, unknown>): void => {
      send(session, { 'message-id': messageId, ...fields });
      answered(r, fields.status === 'ok' ? RequestStatus.Success : 0, typeof fields.error === 'string' ? fields.error : null);
    };
    const error = (text: string): void => reply({ status: 'error', error: text });
    const v4Requests = ['Authenticate', 'GetAuthRequired', 'GetVersion'];
    if (faults.hang.includes(requestType)) return;
    if (password !== null && !session.v4Authenticated && !v4Requests.includes(requestType)) return error('Not Authenticated');
    switch (requestType) {
      case 'GetVersion':
        return reply({
          status: 'ok',
          version: 1.1,
          'obs-websocket-version': websocketVersion,
          'obs-studio-version': obsVersion,
          'available-requests': v4Requests.join(','),
          'supported-image-export-formats': SUPPORTED_IMAGE_FORMATS.join(','),
        });
      case 'GetAuthRequired':
        return reply(password === null ? { status: 'ok', authRequired: false } : { status: 'ok', authRequired: true, challenge: session.challenge, salt });
      case 'Authenticate': {
        if (typeof params.auth !== 'string') return error('missing request parameters');
        if (session.v4Authenticated) return error('already authenticated');
        if (params.auth === '') return error('auth not specified!');
        if (password === null || params.auth !== authenticationString(password, salt, session.challenge)) return error('Authentication Failed.');
        session.v4Authenticated = true;
        return reply({ status: 'ok' });
      }
      default:
        return error('invalid request type');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Server.

  const httpServer = http.createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' });
    res.end(http.STATUS_CODES[426]);
  });
  const wss = new WebSocketServer({
    server: httpServer,
    perMessageDeflate: false,
    verifyClient: (info, done) => {
      const offered = String(info.req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      // Real OBS would speak MessagePack here; this fake only does JSON, so say so instead of misbehaving.
      if (mode !== 'v4' && offered.includes(MSGPACK_SUBPROTOCOL) && !offered.includes(JSON_SUBPROTOCOL)) {
        done(false, 400, 'This fake OBS speaks obswebsocket.json only (obs-websocket-js: use the obs-websocket-js/json build)');
        return;
      }
      done(true);
    },
    // 4.x (websocketpp without subprotocol handling) never answers Sec-WebSocket-Protocol.
    handleProtocols: (protocols) => (mode !== 'v4' && protocols.has(JSON_SUBPROTOCOL) ? JSON_SUBPROTOCOL : false),
  });

  wss.on('connection', (ws, req) => {
    if (closed) {
      ws.terminate();
      return;
    }
    const session: Session = {
      id: nextSessionId++,
      remoteAddress: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
      identified: false,
      rpcVersion: null,
      eventSubscriptions: allEvents,
      subprotocol: ws.protocol,
      closeCode: null,
      ws,
      challenge: generateSalt(),
      closing: false,
      v4Authenticated: false,
    };
    sessions.push(session);
    log(`session ${session.id} connected from ${session.remoteAddress} (${mode}${ws.protocol ? `, ${ws.protocol}` : ', no subprotocol'})`);
    ws.on('close', (code) => {
      session.closeCode = code;
      session.closing = true;
      log(`session ${session.id} disconnected (${code})`);
      events.emit('sessionClosed', publicSession(session));
    });
    ws.on('error', () => undefined);
    events.emit('session', publicSession(session));
    if (mode === 'silent') return;
    if (mode === 'v4') {
      ws.on('message', (data, isBinary) => onV4Message(session, data, isBinary));
      return;
    }
    ws.on('message', (data, isBinary) => onV5Message(session, data, isBinary));
    const hello: Record<string, unknown> = { obsStudioVersion: obsVersion, obsWebSocketVersion: websocketVersion, rpcVersion: RPC_VERSION };
    if (secret !== null) hello.authentication = { challenge: session.challenge, salt };
    send(session, { op: WebSocketOpCode.Hello, d: hello });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `ws://${host}:${port}`;
  log(`fake OBS (${mode}) listening on ${url}${password === null ? ', no authentication' : ''}`);

  function publicSession(s: Session): FakeObsSession {
    return {
      id: s.id,
      remoteAddress: s.remoteAddress,
      identified: s.identified,
      rpcVersion: s.rpcVersion,
      eventSubscriptions: s.eventSubscriptions,
      subprotocol: s.subprotocol,
      closeCode: s.closeCode,
    };
  }

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    const socketsClosed = sessions.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.ws.readyState === s.ws.CLOSED) return resolve();
          s.ws.once('close', () => resolve());
          if (!s.closing) {
            s.closing = true;
            s.ws.close(CLOSE_GOING_AWAY, 'Server stopping.');
          }
          // A client that never answers the close frame is cut off instead of holding close() up.
          setTimeout(() => s.ws.terminate(), 1000).unref();
        }),
    );
    await Promise.all([...socketsClosed, output.dispose()]);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    const r = refuser as net.Server | null;
    if (r) await new Promise<void>((resolve) => r.close(() => resolve()));
    process.removeListener('exit', onProcessExit);
    log('fake OBS closed');
  }

  return {
    url,
    port,
    password,
    mode,
    state,
    faults,
    requests,
    get sessions() {
      return sessions.map(publicSession);
    },
    get output(): FakeObsOutputInfo {
      return {
        streaming: output.streamingActive,
        phase: output.phase,
        states: outputStates,
        pid: output.pid,
        pids: output.pids,
        current: output.current,
        lastError: output.lastError,
        log: output.log,
      };
    },
    events,
    streamStatus,
    waitForOutputState(wanted, { after = outputStates.length, timeoutMs = 15000 } = {}) {
      if (outputStates.slice(after).includes(wanted)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('outputState', onState);
          reject(new Error(`fake OBS: no ${wanted} within ${timeoutMs} ms (states so far: ${outputStates.join(', ') || 'none'}; ffmpeg: ${output.lastError ?? 'no error'})`));
        }, timeoutMs);
        const onState = (): void => {
          if (!outputStates.slice(after).includes(wanted)) return;
          clearTimeout(timer);
          events.off('outputState', onState);
          resolve();
        };
        events.on('outputState', onState);
      });
    },
    dropStream: () => output.drop(),
    kick() {
      for (const s of sessions) closeSession(s, WebSocketCloseCode.SessionInvalidated, 'Your session has been invalidated.');
    },
    close() {
      closing ??= close();
      return closing;
    },
  };
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
