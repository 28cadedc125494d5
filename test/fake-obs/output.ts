// The fake OBS's stream output: a real ffmpeg publishing a test pattern over RTMP, driven through
// the same states OBS's rtmp_output goes through (libobs/obs-output.c, plugins/obs-outputs/
// rtmp-stream.c, frontend/utility/BasicOutputHandler.cpp), with the counters GetStreamStatus reads
// taken from ffmpeg's `-progress` reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as readline from 'node:readline';
import { ObsOutputState, redactText, type ObsOutputStateName } from './protocol';

/** Where librtmp connects: OBS never joins server and key into one URL, it hands them over separately. */
export interface PublishTarget {
  /** What ffmpeg is given: tcUrl + '/' + playpath (the joined URL for a one-segment app). */
  url: string;
  /** RTMP application: everything after host[:port]/ in the server, one trailing '/' dropped. */
  app: string;
  /** The stream key, sent in the publish command. */
  playpath: string;
  /** The server up to the end of the app (librtmp RTMP_SetupURL). */
  tcUrl: string;
}

/**
 * RTMP_ParseURL + RTMP_SetupURL + RTMP_AddStream as OBS's rtmp-stream.c uses them, after
 * dstr_depad() trimmed both strings. Null when librtmp would refuse the URL (no `://`, no host):
 * OBS then stops with OBS_OUTPUT_BAD_PATH.
 */
export function rtmpTarget(server: string, key: string): PublishTarget | null {
  const path = server.trim();
  const playpath = key.trim();
  const sep = path.indexOf('://');
  if (sep < 0 || sep + 3 >= path.length) return null;
  const afterScheme = path.slice(sep + 3);
  const slash = afterScheme.indexOf('/');
  if (slash === 0) return null;
  let app = slash < 0 ? '' : afterScheme.slice(slash + 1);
  if (app.endsWith('/')) app = app.slice(0, -1);
  const tcUrl = slash < 0 ? path : path.slice(0, sep + 3 + slash + 1 + app.length);
  return { url: `${tcUrl}/${playpath}`, app, playpath, tcUrl };
}

/** What the encoders are set to when the output starts (read from the profile and video settings). */
export interface EncodePlan {
  width: number;
  height: number;
  fpsNumerator: number;
  fpsDenominator: number;
  /** OBS's encoder id as configured (SimpleOutput/StreamEncoder or AdvOut/Encoder); always run as libx264. */
  encoderId: string;
  videoBitrateKbps: number;
  audioBitrateKbps: number;
  /** GOP length in frames (-g). */
  keyintFrames: number;
  /** x264 preset. */
  preset: string;
}

/** obs-x264's keyframe rule: keyint_sec × fps when set, else x264's default of 250 frames. */
export function keyintFrames(keyintSec: number, fpsNumerator: number, fpsDenominator: number): number {
  if (keyintSec > 0) return Math.max(1, Math.floor((keyintSec * fpsNumerator) / fpsDenominator));
  return 250;
}

const X264_PRESETS = new Set(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo']);

/** The ffmpeg command line: test pattern + tone in, H.264 CBR + AAC out, FLV over RTMP like OBS's librtmp session. */
export function ffmpegArgs(target: PublishTarget, plan: EncodePlan): string[] {
  const fps = `${plan.fpsNumerator}/${plan.fpsDenominator}`;
  const kbps = `${Math.max(1, Math.round(plan.videoBitrateKbps))}k`;
  const preset = plan.encoderId === 'x264_lowcpu' ? 'ultrafast' : X264_PRESETS.has(plan.preset) ? plan.preset : 'veryfast';
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'warning',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${plan.width}x${plan.height}:rate=${fps}`,
    '-re',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-pix_fmt',
    'yuv420p',
    // obs-x264 CBR: ABR with vbv max rate = buffer = bitrate, filler data and CBR HRD signalling.
    '-b:v',
    kbps,
    '-maxrate',
    kbps,
    '-bufsize',
    kbps,
    '-x264-params',
    'nal-hrd=cbr:filler=1',
    '-g',
    String(plan.keyintFrames),
    '-c:a',
    'aac',
    '-b:a',
    `${Math.max(1, Math.round(plan.audioBitrateKbps))}k`,
    '-ar',
    '48000',
    '-ac',
    '2',
    '-f',
    'flv',
    '-flvflags',
    'no_duration_filesize',
    // librtmp's split: app and stream name exactly as OBS derives them; flashVer is OBS's.
    '-rtmp_app',
    target.app,
    '-rtmp_playpath',
    target.playpath,
    '-rtmp_tcurl',
    target.tcUrl,
    '-rtmp_flashver',
    'FMLE/3.0 (compatible; FMSc/1.0)',
    '-progress',
    'pipe:1',
    '-stats_period',
    '0.5',
    target.url,
  ];
}

/** OBS's reconnect settings (Output/Reconnect, RetryDelay, MaxRetries), fixed when the output starts. */
export interface ReconnectSettings {
  /** 0 disables reconnecting (Output/Reconnect false). */
  maxRetries: number;
  retryDelaySec: number;
}

export interface OutputCounters {
  /** total_size of the FLV written to the socket (outputBytes). */
  bytes: number;
  /** Video frames encoded and sent (outputTotalFrames). */
  frames: number;
  /** Frames ffmpeg dropped (drop_frames), part of outputSkippedFrames. */
  droppedFrames: number;
}

export interface OutputStartOptions {
  ffmpegPath: string;
  /** Null: librtmp cannot parse the server, the output stops at once (OBS_OUTPUT_BAD_PATH). */
  target: PublishTarget | null;
  plan: EncodePlan;
  reconnect: ReconnectSettings;
  /** Strings never to let through into logs (the stream key). */
  secrets: string[];
}

/** Frontend-level phases: `connecting` is STARTING, `live` STARTED/RECONNECTED. */
export type OutputPhase = 'idle' | 'connecting' | 'live' | 'stopping' | 'reconnecting';

const RECONNECT_RETRY_EXP = 1.5;
const RECONNECT_RETRY_MAX_MS = 15 * 60 * 1000;
const STOP_GRACE_MS = 3000;
const LOG_LINES = 200;

interface OutputEvents {
  state: [ObsOutputStateName];
  log: [string];
}

/**
 * One stream output. Emits 'state' with each OBS_WEBSOCKET_OUTPUT_* the frontend would report and
 * 'log' with each (redacted) ffmpeg stderr line.
 */
export class StreamOutput extends EventEmitter<OutputEvents> {
  phase: OutputPhase = 'idle';
  counters: OutputCounters = { bytes: 0, frames: 0, droppedFrames: 0 };
  /** The last ffmpeg error line (redacted), what OBS would show in its "failed to connect" dialog. */
  lastError: string | null = null;
  /** Redacted ffmpeg stderr, newest last. */
  readonly log: string[] = [];
  /** Every ffmpeg pid this output spawned (tests check none survive). */
  readonly pids: number[] = [];
  /** The plan and target in force (target redacted), for tests and the CLI. */
  current: { plan: EncodePlan; url: string } | null = null;

  private child: ChildProcess | null = null;
  private childExited: Promise<void> = Promise.resolve();
  private options: OutputStartOptions | null = null;
  private retries = 0;
  private retryDelayMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private disposed = false;

  /** obs_frontend_streaming_active(): true from STARTED until STOPPED. */
  get streamingActive(): boolean {
    return this.phase === 'live' || this.phase === 'stopping' || this.phase === 'reconnecting';
  }

  get reconnecting(): boolean {
    return this.phase === 'reconnecting';
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** StartStream: STARTING now, STARTED once ffmpeg reports progress, STOPPED if it exits first. */
  start(options: OutputStartOptions): void {
    if (this.disposed || this.phase !== 'idle') return;
    this.options = options;
    this.retries = 0;
    this.lastError = null;
    this.counters = { bytes: 0, frames: 0, droppedFrames: 0 };
    this.current = { plan: options.plan, url: options.target ? redactText(options.target.url, options.secrets) : '' };
    this.phase = 'connecting';
    this.emit('state', ObsOutputState.Starting);
    if (!options.target) {
      this.lastError = 'Invalid path or connect URL.';
      // try_connect fails on the connect thread, so STOPPED follows STARTING a moment later.
      setImmediate(() => this.finish());
      return;
    }
    this.spawnFfmpeg();
  }

  /** StopStream: STOPPING, then STOPPED when ffmpeg has exited. */
  stop(): void {
    if (this.phase === 'live' || this.phase === 'reconnecting') {
      this.phase = 'stopping';
      this.emit('state', ObsOutputState.Stopping);
      this.clearRetry();
      if (this.child) this.terminate();
      else setImmediate(() => this.finish());
    }
  }

  /** The connection drops under a live stream (the ingest went away): OBS's reconnect logic takes over. */
  drop(): void {
    if (this.phase === 'live' && this.child) this.child.kill('SIGKILL');
  }

  /** Server shutdown: kill ffmpeg and forget the output without emitting anything. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.clearRetry();
    const exited = this.childExited;
    this.child?.kill('SIGKILL');
    await exited;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.phase = 'idle';
  }

  /** Synchronous last resort for process exit: nothing can be awaited there. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  private spawnFfmpeg(): void {
    const options = this.options;
    if (!options?.target) return;
    const secrets = options.secrets;
    let child: ChildProcess;
    try {
      child = spawn(options.ffmpegPath, ffmpegArgs(options.target, options.plan), { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      this.lastError = `cannot run ffmpeg: ${err instanceof Error ? err.message : String(err)}`;
      setImmediate(() => this.onExit(null));
      return;
    }
    this.child = child;
    if (child.pid !== undefined) this.pids.push(child.pid);
    let reported = false;
    let block: Record<string, string> = {};
    const out = readline.createInterface({ input: child.stdout! });
    out.on('line', (line) => {
      const eq = line.indexOf('=');
      if (eq < 0) return;
      const k = line.slice(0, eq).trim();
      block[k] = line.slice(eq + 1).trim();
      if (k !== 'progress') return;
      if (child === this.child) this.onProgress(block, !reported);
      reported = true;
      block = {};
    });
    const err = readline.createInterface({ input: child.stderr! });
    err.on('line', (raw) => {
      const line = redactText(raw, secrets);
      this.log.push(line);
      if (this.log.length > LOG_LINES) this.log.splice(0, this.log.length - LOG_LINES);
      if (/error|refused|failed|cannot|unable|invalid|broken pipe|reset/i.test(line)) this.lastError = line.trim();
      this.emit('log', line);
    });
    // 'close' comes after 'exit' once stdout/stderr are drained, so the last progress block is counted.
    this.childExited = new Promise<void>((resolve) => {
      let done = false;
      const finish = (code: number | null): void => {
        if (done) return;
        done = true;
        resolve();
        if (child === this.child) this.onExit(code);
      };
      child.once('close', (code) => finish(code));
      child.once('error', (e) => {
        this.lastError = `cannot run ffmpeg (${options.ffmpegPath}): ${e.message}`;
        // A spawn failure never produces 'close' on every Node version; an error after start does.
        if (child.pid === undefined) finish(null);
      });
    });
  }

  private onProgress(block: Record<string, string>, first: boolean): void {
    const num = (k: string): number | null => {
      const v = Number(block[k]);
      return block[k] !== undefined && Number.isFinite(v) ? v : null;
    };
    if (first) {
      // A new connection (first or after a reconnect) starts counting from zero, as OBS's does.
      this.counters = { bytes: 0, frames: 0, droppedFrames: 0 };
    }
    this.counters = {
      bytes: num('total_size') ?? this.counters.bytes,
      frames: num('frame') ?? this.counters.frames,
      droppedFrames: num('drop_frames') ?? this.counters.droppedFrames,
    };
    if (!first) return;
    if (this.phase === 'connecting') {
      this.phase = 'live';
      this.emit('state', ObsOutputState.Started);
    } else if (this.phase === 'reconnecting') {
      this.phase = 'live';
      this.retries = 0;
      this.emit('state', ObsOutputState.Reconnected);
    }
  }

  private onExit(_code: number | null): void {
    this.child = null;
    if (this.killTimer) {
      clearTimeout(this.killTimer);
      this.killTimer = null;
    }
    if (this.disposed) return;
    switch (this.phase) {
      case 'connecting':
        // OBS_OUTPUT_CONNECT_FAILED / INVALID_STREAM: no reconnect for a first connection.
        this.finish();
        return;
      case 'live':
        // OBS_OUTPUT_DISCONNECTED: reconnect when enabled.
        if (this.options && this.options.reconnect.maxRetries > 0) this.scheduleReconnect(true);
        else this.finish();
        return;
      case 'reconnecting':
        this.scheduleReconnect(false);
        return;
      case 'stopping':
        this.finish();
        return;
      case 'idle':
        return;
    }
  }

  /** output_reconnect(): RECONNECTING for every attempt, the delay growing ×1.5, STOPPED when retries run out. */
  private scheduleReconnect(firstDrop: boolean): void {
    const settings = this.options?.reconnect ?? { maxRetries: 0, retryDelaySec: 0 };
    if (firstDrop) {
      this.retries = 0;
      this.retryDelayMs = Math.max(0, settings.retryDelaySec) * 1000;
    }
    if (this.retries >= settings.maxRetries) {
      this.finish();
      return;
    }
    if (this.retries > 0) this.retryDelayMs = Math.min(RECONNECT_RETRY_MAX_MS, Math.floor(this.retryDelayMs * RECONNECT_RETRY_EXP));
    this.retries++;
    this.phase = 'reconnecting';
    this.emit('state', ObsOutputState.Reconnecting);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.phase === 'reconnecting' && !this.disposed) this.spawnFfmpeg();
    }, this.retryDelayMs);
  }

  private terminate(): void {
    const child = this.child;
    if (!child) return;
    // SIGTERM lets ffmpeg flush and close the RTMP session; a publisher stuck in a write gets SIGKILL.
    child.kill('SIGTERM');
    this.killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  }

  private clearRetry(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private finish(): void {
    if (this.phase === 'idle') return;
    this.phase = 'idle';
    this.clearRetry();
    this.emit('state', ObsOutputState.Stopped);
  }
}
