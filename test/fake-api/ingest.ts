// A real RTMP ingest for the fake API: node-media-server's RTMP implementation on a loopback port,
// and one HLS writer (ffmpeg, hls.ts) per publish. It keeps no livestream state of its own: the
// fake API answers through IngestHooks, so a publish drives the very records the routes serve.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import BaseSession from 'node-media-server/src/session/base_session.js';
import RtmpSession from 'node-media-server/src/session/rtmp_session.js';
import { ffmpegAvailable, hlsContentType, MANIFEST, startHlsWriter, type HlsWriter } from './hls';

/** The RTMP application every livestream publishes under: rtmp://host:port/live/<stream key>. */
export const RTMP_APP = 'live';
/** Playback URLs are `<origin>/stream/<livestream id>/manifest/video.m3u8`. */
export const HLS_PATH_PREFIX = '/stream/';

export function playbackPath(livestreamId: string): string {
  return `${HLS_PATH_PREFIX}${encodeURIComponent(livestreamId)}/manifest/${MANIFEST}`;
}

/** Enough of a stream key to tell keys apart in logs and events, never the whole secret. */
export function maskStreamKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 6)}…` : '…';
}

export interface IngestOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** How long a publish stays INVOKED at least, like Cloudflare's handshake (default 2000; tests use 0). */
  invokedMs?: number;
  /** Audio arriving without video for this long means an audio-only input: ERRORED (default 3000). */
  noVideoMs?: number;
  /** Default 'ffmpeg' (on PATH). */
  ffmpegPath?: string;
  /** Default true when ffmpeg runs; false keeps the status transitions but writes no HLS. */
  hls?: boolean;
  /** One line per publish decision and per problem (the CLI writes them to stderr). Never a whole key. */
  log?: (line: string) => void;
}

export type RefusalReason = 'unknownKey' | 'disabled' | 'busy' | 'badApp';

export interface IngestEvent {
  type: 'refused' | 'invoked' | 'live' | 'hlsReady' | 'errored' | 'stopped';
  /** Epoch ms. */
  time: number;
  /** maskStreamKey() of the key the encoder used. */
  keyHint: string;
  /** Null for a refused unknown key. */
  livestreamId: string | null;
  /** The session the publish opened; null when refused. */
  sessionId: string | null;
  /** For 'refused'. */
  reason?: RefusalReason;
  /** 'refused': what the encoder was told; 'errored': the session's err_message. */
  message?: string;
}

export interface PublishInfo {
  livestreamId: string;
  sessionId: string;
  phase: 'invoked' | 'live';
  /** Epoch ms of the publish. */
  since: number;
  hlsReady: boolean;
  /** Where its HLS is written (deleted when the publish ends); null without HLS. */
  hlsDir: string | null;
}

/** What tests and tools see of the ingest (FakeApi.ingest). */
export interface FakeIngest {
  readonly port: number;
  /** rtmp://127.0.0.1:PORT/live/ : the livestreams' ingest_server. */
  readonly rtmpBase: string;
  /** False when ffmpeg is missing (or hls: false): statuses still follow publishes, no playlist is written. */
  readonly hls: boolean;
  /** Everything that happened, oldest first; reset() clears it. */
  readonly events: IngestEvent[];
  /** rtmpBase + key: the URL an encoder such as ffmpeg publishes to. */
  publishUrl(streamKey: string): string;
  publishing(): PublishInfo[];
  /** Called for each new event (a throw is logged, not raised); returns an unsubscribe function. */
  onEvent(listener: (event: IngestEvent) => void): () => void;
  /** The first event, past or future, that matches; rejects after timeoutMs (default 15000). */
  waitFor(predicate: (event: IngestEvent) => boolean, timeoutMs?: number): Promise<IngestEvent>;
}

/** How the ingest reads and changes the fake API's state. */
export interface IngestHooks {
  find(streamKey: string): { livestreamId: string; disabled: boolean } | null;
  /** A publish was accepted: the livestream goes INVOKED with a new session. Returns its id, or null if the livestream is gone. */
  invoked(livestreamId: string): string | null;
  live(livestreamId: string, sessionId: string): void;
  /** Once a second while live, for ingest_seconds. */
  tick(livestreamId: string, sessionId: string): void;
  /** The publish is over: IDLE, or ERRORED when errMessage is set. */
  ended(livestreamId: string, sessionId: string, errMessage: string | null): void;
}

export interface Ingest extends FakeIngest {
  /** Answers requests under HLS_PATH_PREFIX; false for any other path. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean;
  /** Disconnects every encoder without touching state (the fake API is being reset) and clears events. */
  reset(): void;
  close(): Promise<void>;
}

// Cloudflare's live inputs take H.264 video and AAC audio only.
export const ERR_NO_VIDEO = 'Input rejected: no video track received (H.264 video and AAC audio required)';
const unsupportedVideo = (codec: string): string => `Input rejected: unsupported video codec ${codec} (H.264 required)`;
const unsupportedAudio = (codec: string): string => `Input rejected: unsupported audio codec ${codec} (AAC required)`;

const FLV_AUDIO = 8;
const FLV_VIDEO = 9;
const FLV_SCRIPT = 18;
const FLV_AVC = 7;
const FLV_AAC = 10;
const VIDEO_CODECS: Record<number, string> = { 2: 'Sorenson H.263', 3: 'Screen Video', 4: 'VP6', 5: 'VP6 alpha', 6: 'Screen Video 2', 12: 'HEVC' };
const AUDIO_CODECS: Record<number, string> = { 0: 'PCM', 1: 'ADPCM', 2: 'MP3', 3: 'PCM', 4: 'Nellymoser', 5: 'Nellymoser', 6: 'Nellymoser', 7: 'G.711', 8: 'G.711', 11: 'Speex', 14: 'MP3' };

interface Publish {
  rtmp: RtmpSession;
  livestreamId: string;
  sessionId: string;
  keyHint: string;
  phase: 'invoked' | 'live' | 'ended';
  since: number;
  videoSeen: boolean;
  audioSeen: boolean;
  hls: HlsWriter | null;
  sink: BaseSession;
  timers: Set<NodeJS.Timeout>;
}

// node-media-server logs through one module-wide logger to stdout (which would corrupt the CLI's
// --json line). Its warnings and errors go to the open ingests' logs instead, keys masked.
const nmsSinks = new Set<(line: string) => void>();
let nmsLoggerPatched = false;
function routeNmsLogger(): void {
  if (nmsLoggerPatched) return;
  nmsLoggerPatched = true;
  nmsLogger.log = (message, level = 'info') => {
    if (level !== 'warn' && level !== 'error') return;
    const line = `rtmp ${level}: ${String(message).replace(/[A-Za-z0-9_-]{20,}/g, maskStreamKey)}`;
    for (const sink of nmsSinks) sink(line);
  };
}

export async function startIngest(hooks: IngestHooks, o: IngestOptions & { host?: string } = {}): Promise<Ingest> {
  const host = o.host ?? '127.0.0.1';
  const invokedMs = o.invokedMs ?? 2000;
  const noVideoMs = o.noVideoMs ?? 3000;
  const ffmpegPath = o.ffmpegPath ?? 'ffmpeg';
  const log = o.log ?? ((): void => undefined);
  const hlsOn = o.hls !== false && ffmpegAvailable(ffmpegPath);
  if (o.hls !== false && !hlsOn) log(`ingest: ${ffmpegPath} not found: no HLS will be written (statuses still follow publishes)`);

  routeNmsLogger();
  nmsSinks.add(log);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rtk-fake-hls-'));
  const owned = new Map<BaseSession, RtmpSession>();
  // Connections told to go away: what they still send is dropped, so a refused second encoder on a
  // live key cannot slip packets into the live stream while its socket closes.
  const silenced = new WeakSet<RtmpSession>();
  const sockets = new Set<net.Socket>();
  const publishes = new Map<string, Publish>();
  const stopping = new Set<Promise<void>>();
  const events: IngestEvent[] = [];
  const listeners = new Set<(event: IngestEvent) => void>();
  let closed = false;
  let dirCount = 0;

  const emit = (event: Omit<IngestEvent, 'time'>): void => {
    const full: IngestEvent = { time: Date.now(), ...event };
    events.push(full);
    for (const l of [...listeners]) {
      // Listeners run inside node-media-server's packet parsing or a timer, where a throw would
      // take the connection or the process down.
      try {
        l(full);
      } catch (err) {
        log(`ingest: an event listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const rtmp = new RtmpSession(socket);
    // A malformed handshake or command throws inside node-media-server's data handler; drop that
    // connection rather than the whole fake.
    const onData = rtmp.onData;
    rtmp.onData = (data) => {
      if (silenced.has(rtmp)) return;
      try {
        onData(data);
      } catch (err) {
        log(`ingest: dropped a connection: ${err instanceof Error ? err.message : String(err)}`);
        socket.destroy();
      }
    };
    owned.set(rtmp, rtmp);
    socket.on('close', () => {
      sockets.delete(socket);
      owned.delete(rtmp);
      const p = [...publishes.values()].find((x) => x.rtmp === rtmp);
      if (p) finish(p, null);
    });
    rtmp.run();
  });

  /** Tells the encoder why (ffmpeg prints an error-level onStatus as "Server error: …") and hangs up. */
  const hangUp = (rtmp: RtmpSession, code: string, message: string): void => {
    silenced.add(rtmp);
    rtmp.rtmp.sendStatusMessage(rtmp.rtmp.streamId, 'error', code, message);
    rtmp.socket.end();
  };

  const refuse = (rtmp: RtmpSession, reason: RefusalReason, message: string, livestreamId: string | null): void => {
    const keyHint = maskStreamKey(rtmp.streamName);
    emit({ type: 'refused', keyHint, livestreamId, sessionId: null, reason, message });
    log(`ingest: refused publish ${rtmp.streamApp}/${keyHint}: ${message}`);
    hangUp(rtmp, 'NetStream.Publish.BadName', message);
  };

  const later = (p: Publish, ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      p.timers.delete(t);
      fn();
    }, ms);
    p.timers.add(t);
  };

  const goLive = (p: Publish): void => {
    if (p.phase !== 'invoked' || closed) return;
    p.phase = 'live';
    hooks.live(p.livestreamId, p.sessionId);
    emit({ type: 'live', keyHint: p.keyHint, livestreamId: p.livestreamId, sessionId: p.sessionId });
    log(`ingest: ${p.keyHint} → LIVE (livestream ${p.livestreamId})`);
  };

  /** Ends a publish once: state (unless the fake is resetting or closing), HLS, timers, the sink. */
  const finish = (p: Publish, errMessage: string | null, opts: { touchState?: boolean } = {}): void => {
    if (p.phase === 'ended') return;
    p.phase = 'ended';
    publishes.delete(p.livestreamId);
    for (const t of p.timers) clearTimeout(t);
    p.timers.clear();
    p.rtmp.broadcast.donePlay(p.sink);
    if (p.hls) {
      // Only a publish that ended well has a playlist worth finishing.
      const s = p.hls.stop({ now: closed || errMessage !== null });
      stopping.add(s);
      void s.finally(() => stopping.delete(s));
    }
    if (closed || opts.touchState === false) return;
    hooks.ended(p.livestreamId, p.sessionId, errMessage);
    if (errMessage !== null) {
      emit({ type: 'errored', keyHint: p.keyHint, livestreamId: p.livestreamId, sessionId: p.sessionId, message: errMessage });
      log(`ingest: ${p.keyHint} → ERRORED: ${errMessage}`);
      hangUp(p.rtmp, 'NetStream.Publish.Rejected', errMessage);
    } else {
      emit({ type: 'stopped', keyHint: p.keyHint, livestreamId: p.livestreamId, sessionId: p.sessionId });
      log(`ingest: ${p.keyHint} → IDLE (encoder disconnected)`);
    }
  };

  /** Reads the FLV tags the broadcast hands the sink: codec checks and the first keyframe. */
  const inspect = (p: Publish, tag: Buffer): void => {
    if (p.phase === 'ended' || tag.length < 12) return;
    const type = tag[0];
    const first = tag[11] ?? 0;
    if (type === FLV_VIDEO) {
      // Enhanced RTMP (high bit) carries HEVC, AV1 or VP9 under a FourCC.
      if (first & 0x80) return finish(p, unsupportedVideo(tag.subarray(12, 16).toString('latin1')));
      const codec = first & 0x0f;
      if (codec !== FLV_AVC) return finish(p, unsupportedVideo(VIDEO_CODECS[codec] ?? `#${codec}`));
      const keyframe = (first >> 4) === 1 && tag[12] === 1;
      if (keyframe && !p.videoSeen) {
        p.videoSeen = true;
        const wait = p.since + invokedMs - Date.now();
        if (wait > 0) later(p, wait, () => goLive(p));
        else goLive(p);
      }
    } else if (type === FLV_AUDIO) {
      const codec = first >> 4;
      if (codec !== FLV_AAC) return finish(p, unsupportedAudio(AUDIO_CODECS[codec] ?? `#${codec}`));
      if (!p.audioSeen && !p.videoSeen) later(p, noVideoMs, () => p.videoSeen || finish(p, ERR_NO_VIDEO));
      p.audioSeen = true;
    } else if (type === FLV_SCRIPT) {
      // node-media-server has copied onMetaData onto the session by now: an encoder that declares
      // its tracks and no video is audio-only, no need to wait.
      if (!p.rtmp.videoCodec && p.rtmp.audioCodec) finish(p, ERR_NO_VIDEO);
    }
  };

  const onPrePublish = (session: BaseSession): void => {
    const rtmp = owned.get(session);
    if (!rtmp || closed) return;
    try {
      // The slot of a disconnected publisher is otherwise held 30 s for it to resume; here a
      // disconnect ends the publish (Cloudflare opens a new session on reconnect).
      rtmp.broadcast.publishGraceMs = 0;
      if (rtmp.streamApp !== RTMP_APP) {
        return refuse(rtmp, 'badApp', `unknown application "${rtmp.streamApp}": publish to rtmp://host:port/${RTMP_APP}/<stream key>`, null);
      }
      const found = hooks.find(rtmp.streamName);
      if (!found) return refuse(rtmp, 'unknownKey', 'unknown stream key', null);
      if (found.disabled) return refuse(rtmp, 'disabled', 'livestream is disabled', found.livestreamId);
      // node-media-server keeps one publisher per path; it would close this one after our events.
      if (publishes.has(found.livestreamId) || rtmp.broadcast.getPublishStatus() !== 'idle') {
        return refuse(rtmp, 'busy', 'stream key is already publishing', found.livestreamId);
      }
      const sessionId = hooks.invoked(found.livestreamId);
      if (!sessionId) return refuse(rtmp, 'unknownKey', 'unknown stream key', null);
      const sink = new BaseSession();
      sink.protocol = 'flv';
      const p: Publish = {
        rtmp,
        livestreamId: found.livestreamId,
        sessionId,
        keyHint: maskStreamKey(rtmp.streamName),
        phase: 'invoked',
        since: Date.now(),
        videoSeen: false,
        audioSeen: false,
        hls: null,
        sink,
        timers: new Set(),
      };
      publishes.set(p.livestreamId, p);
      emit({ type: 'invoked', keyHint: p.keyHint, livestreamId: p.livestreamId, sessionId });
      log(`ingest: ${p.keyHint} → INVOKED (livestream ${p.livestreamId})`);
      if (hlsOn) {
        p.hls = startHlsWriter({
          ffmpegPath,
          dir: path.join(root, `${++dirCount}`),
          log,
          onReady: () => {
            if (p.phase !== 'ended') emit({ type: 'hlsReady', keyHint: p.keyHint, livestreamId: p.livestreamId, sessionId });
          },
        });
      }
      // An internal subscriber (empty ip: no play events): the broadcast hands it every tag as FLV.
      sink.sendBuffer = (buffer) => {
        try {
          p.hls?.write(buffer);
          if (buffer[0] !== 0x46 /* the 'FLV' file header */) inspect(p, buffer);
        } catch (err) {
          log(`ingest: ${err instanceof Error ? err.message : String(err)}`);
        }
      };
      rtmp.broadcast.postPlay(sink);
    } catch (err) {
      log(`ingest: publish failed: ${err instanceof Error ? err.message : String(err)}`);
      rtmp.socket.destroy();
    }
  };
  // Cloudflare's ingest only ingests; viewers use the HLS.
  const onPrePlay = (session: BaseSession): void => {
    const rtmp = owned.get(session);
    if (!rtmp || closed) return;
    log(`ingest: refused RTMP play of ${rtmp.streamApp}/${maskStreamKey(rtmp.streamName)}`);
    hangUp(rtmp, 'NetStream.Play.Failed', "this is an ingest: play the livestream's playback_url (HLS)");
  };
  Context.eventEmitter.on('prePublish', onPrePublish);
  Context.eventEmitter.on('prePlay', onPrePlay);

  const ticker = setInterval(() => {
    for (const p of publishes.values()) if (p.phase === 'live') hooks.tick(p.livestreamId, p.sessionId);
  }, 1000);
  ticker.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    Context.eventEmitter.off('prePublish', onPrePublish);
    Context.eventEmitter.off('prePlay', onPrePlay);
    clearInterval(ticker);
    nmsSinks.delete(log);
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  const port = (server.address() as net.AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const rtmpBase = `rtmp://${urlHost}:${port}/${RTMP_APP}/`;

  const sendText = (res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache', ...headers });
    res.end(text);
  };

  const serveFile = async (req: http.IncomingMessage, res: http.ServerResponse, livestreamId: string, name: string): Promise<void> => {
    const type = hlsContentType(name);
    const p = publishes.get(livestreamId);
    // Like Cloudflare for a live input that is not live: nothing until the publish is LIVE.
    if (!type || !p || p.phase !== 'live' || !p.hls) return sendText(res, 404, 'Not Found\n');
    let body: Buffer;
    try {
      body = await fs.promises.readFile(path.join(p.hls.dir, name));
    } catch {
      return sendText(res, 404, 'Not Found\n');
    }
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(body.length),
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  let closing: Promise<void> | null = null;
  return {
    port,
    rtmpBase,
    hls: hlsOn,
    events,
    publishUrl: (key) => `${rtmpBase}${key}`,
    publishing: () =>
      [...publishes.values()].map((p) => ({
        livestreamId: p.livestreamId,
        sessionId: p.sessionId,
        phase: p.phase === 'live' ? 'live' : 'invoked',
        since: p.since,
        hlsReady: p.hls?.ready ?? false,
        hlsDir: p.hls?.dir ?? null,
      })),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitFor: (predicate, timeoutMs = 15_000) => {
      const past = events.find(predicate);
      if (past) return Promise.resolve(past);
      return new Promise<IngestEvent>((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`ingest: no matching event within ${timeoutMs} ms; events so far: ${events.map((e) => e.type).join(', ') || 'none'}`));
        }, timeoutMs);
        const listener = (event: IngestEvent): void => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(event);
        };
        listeners.add(listener);
      });
    },
    handleHttp: (req, res, pathname) => {
      if (!pathname.startsWith(HLS_PATH_PREFIX)) return false;
      const m = /^\/stream\/([^/]+)\/manifest\/([^/]+)$/.exec(pathname);
      if (req.method === 'OPTIONS') {
        sendText(res, 204, '', { 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*' });
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD, OPTIONS' });
      } else if (!m) {
        sendText(res, 404, 'Not Found\n');
      } else {
        let id: string;
        try {
          id = decodeURIComponent(m[1] ?? '');
        } catch {
          sendText(res, 404, 'Not Found\n');
          return true;
        }
        serveFile(req, res, id, m[2] ?? '').catch(() => sendText(res, 500, 'Internal Server Error\n'));
      }
      return true;
    },
    reset: () => {
      for (const p of [...publishes.values()]) {
        finish(p, null, { touchState: false });
        p.rtmp.socket.destroy();
      }
      events.length = 0;
    },
    close: () => {
      if (!closing) {
        closed = true;
        Context.eventEmitter.off('prePublish', onPrePublish);
        Context.eventEmitter.off('prePlay', onPrePlay);
        clearInterval(ticker);
        nmsSinks.delete(log);
        for (const p of [...publishes.values()]) finish(p, null);
        for (const s of sockets) s.destroy();
        closing = (async () => {
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await Promise.all([...stopping]);
          fs.rmSync(root, { recursive: true, force: true });
        })();
      }
      return closing;
    },
  };
}
