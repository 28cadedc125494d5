// A hostile stand-in for the Cloudflare API, for the fault matrix (test/unit/faultMatrix.ts).
// Not the project's fake API (test/fake-api/): that one is faithful; this one misbehaves on
// purpose, in every way the audit found, and in ways only raw sockets allow.
//
// Isolation: every cell of the matrix opens a listener of its own on its own port, so cells can
// run concurrently and each one's counts (requests, connections, stream keys sent, bodies cut
// short) are its own without any bookkeeping by path or by time.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { answerFor, API_PREFIX, MOVED_PREFIX, routeOf, type AnswerRequest, type Shape } from './answers';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './selfSigned';

/** Error bodies: Cloudflare's envelope, RealtimeKit's own, or a proxy's HTML page. */
export type ErrorFlavour = 'cloudflare' | 'kit' | 'html';

/** Raw bodies may carry this placeholder: the server puts the request's Authorization header there. */
export const ECHO_AUTHORIZATION = '{{authorization}}';

export type Fault =
  /** A success answer for the route, in the given shape. */
  | { readonly kind: 'answer'; readonly shape: Shape }
  /** An error status with a body that echoes the Authorization header and a stream key. */
  | { readonly kind: 'error'; readonly status: number; readonly flavour: ErrorFlavour; readonly retryAfter?: string }
  /** Exactly this body (ECHO_AUTHORIZATION replaced). */
  | { readonly kind: 'raw'; readonly status: number; readonly contentType: string; readonly text: string }
  /** TCP: accept, then reset the connection before reading anything. */
  | { readonly kind: 'resetAtConnect' }
  /** TCP: accept, then close the connection (FIN) before reading anything. */
  | { readonly kind: 'closeAtConnect' }
  /** Read the whole request, then close the connection without a word. */
  | { readonly kind: 'dropAfterRequest' }
  /** Headers and half the body, then a TCP reset. */
  | { readonly kind: 'resetMidBody' }
  /** Read the request, never answer. */
  | { readonly kind: 'neverAnswer' }
  /** Headers and half the body, then nothing, for ever. */
  | { readonly kind: 'stallBody' }
  /** 302 to the same route under MOVED_PREFIX (where it is answered properly), or to itself. */
  | { readonly kind: 'redirect'; readonly loop: boolean }
  /** A valid answer padded to `bytes`, streamed with backpressure, with or without Content-Length. */
  | { readonly kind: 'hugeBody'; readonly bytes: number; readonly contentLength: boolean }
  /** HTTPS with a self-signed certificate. */
  | { readonly kind: 'tls' };

export interface CellStats {
  /** HTTP requests received, including any the server could not parse (e.g. a header Node refused). */
  requests: number;
  /** TCP connections accepted. */
  connections: number;
  /** `METHOD /path?query` of each request, for failure reports. */
  readonly seen: string[];
  /** Every stream key sent in this cell, in answers or echoed in errors: none may leak. */
  readonly streamKeys: Set<string>;
  /** hugeBody: responses written to the end, and responses whose connection closed first. */
  bodiesFinished: number;
  bodiesCutShort: number;
}

export interface HostileCell {
  /** e.g. http://127.0.0.1:41234/client/v4 */
  readonly baseUrl: string;
  readonly port: number;
  readonly stats: CellStats;
  /** Resolves once `count` huge bodies have ended, finished or cut short. */
  bodiesEnded(count: number): Promise<void>;
  /** Destroys every connection (hung requests included) and stops listening. Read stats after it. */
  close(): Promise<void>;
}

export async function openHostileCell(fault: Fault): Promise<HostileCell> {
  const stats: CellStats = { requests: 0, connections: 0, seen: [], streamKeys: new Set(), bodiesFinished: 0, bodiesCutShort: 0 };
  const events = new EventEmitter();
  const server = createServer(fault, stats, events);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    baseUrl: `${fault.kind === 'tls' ? 'https' : 'http'}://127.0.0.1:${port}${API_PREFIX}`,
    port,
    stats,
    bodiesEnded: async (count) => {
      while (stats.bodiesFinished + stats.bodiesCutShort < count) {
        await once(events, 'bodyEnded');
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/**
 * Ports on 127.0.0.1 that were free a moment ago and that nothing of ours listens on: for
 * "connection refused". All are held open together before any is released, so they are distinct.
 */
export async function closedPorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer());
  const ports = await Promise.all(servers.map(listen));
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function createServer(fault: Fault, stats: CellStats, events: EventEmitter): net.Server {
  switch (fault.kind) {
    case 'resetAtConnect':
      return net.createServer((socket) => socket.resetAndDestroy());
    case 'closeAtConnect':
      return net.createServer((socket) => socket.destroy());
    case 'tls':
      // The handshake fails on the client's side; nothing is ever answered.
      return tls.createServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, (socket) => socket.destroy());
    default: {
      const server = http.createServer((req, res) => handle(fault, stats, events, req, res));
      server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
        // A request Node refused to parse (say, a control character in a header) still arrived.
        if (err.code?.startsWith('HPE_')) {
          stats.requests++;
          stats.seen.push(`unparseable request (${err.code})`);
        }
        if (socket.writable) {
          socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        } else {
          socket.destroy();
        }
      });
      return server;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Answering

const JSON_TYPE = 'application/json; charset=utf-8';

function handle(fault: Fault, stats: CellStats, events: EventEmitter, req: http.IncomingMessage, res: http.ServerResponse): void {
  stats.requests++;
  stats.seen.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => respond(fault, stats, events, req, res, Buffer.concat(chunks).toString('utf8')));
}

function respond(fault: Fault, stats: CellStats, events: EventEmitter, req: http.IncomingMessage, res: http.ServerResponse, bodyText: string): void {
  const url = new URL(req.url ?? '/', 'http://hostile.invalid');
  const route = routeOf(req.method ?? 'GET', url.pathname);
  const authorization = req.headers.authorization ?? '';
  const newStreamKey = (): string => {
    const key = randomBytes(20).toString('hex');
    stats.streamKeys.add(key);
    return key;
  };
  const request: AnswerRequest = { query: url.searchParams, body: parseJson(bodyText), newStreamKey };
  /** The route's normal answer as text: what the transport faults cut, stall or pad. */
  const normalText = (): string => (route ? JSON.stringify(answerFor(route, 'normal', request).body) : NO_ROUTE_TEXT);

  switch (fault.kind) {
    case 'answer': {
      if (!route) {
        sendText(res, 404, JSON_TYPE, NO_ROUTE_TEXT);
        return;
      }
      const answer = answerFor(route, fault.shape, request);
      sendText(res, answer.status, JSON_TYPE, JSON.stringify(answer.body));
      return;
    }
    case 'error': {
      const { contentType, text } = errorBody(fault.status, fault.flavour, authorization, newStreamKey(), `${req.method} ${url.pathname}`);
      sendText(res, fault.status, contentType, text, fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter });
      return;
    }
    case 'raw':
      sendText(res, fault.status, fault.contentType, fault.text.split(ECHO_AUTHORIZATION).join(authorization));
      return;
    case 'dropAfterRequest':
      req.socket.destroy();
      return;
    case 'resetMidBody': {
      const text = normalText();
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, text.length >> 1), () => req.socket.resetAndDestroy());
      return;
    }
    case 'neverAnswer':
      return;
    case 'stallBody': {
      const text = normalText();
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, text.length >> 1));
      return;
    }
    case 'redirect':
      if (!fault.loop && url.pathname.startsWith(MOVED_PREFIX) && route) {
        // Where the redirect pointed: a client that followed it gets a proper answer (and is caught by the count).
        const answer = answerFor(route, 'normal', request);
        sendText(res, answer.status, JSON_TYPE, JSON.stringify(answer.body));
        return;
      }
      sendText(res, 302, 'text/html', '<html><body>Moved</body></html>', { Location: fault.loop ? (req.url ?? '/') : `${MOVED_PREFIX}${req.url ?? '/'}` });
      return;
    case 'hugeBody':
      sendHugeBody(res, route ? answerFor(route, 'normal', request) : { status: 404, body: {} }, fault.bytes, fault.contentLength, stats, events);
      return;
    default:
      // Connection-level faults never get this far.
      req.socket.destroy();
  }
}

const NO_ROUTE_TEXT = JSON.stringify({ success: false, errors: [{ code: 7000, message: 'No route for that URI' }], messages: [], result: null });

function sendText(res: http.ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const CLOUDFLARE_ERRORS: Record<number, readonly [number, string]> = {
  401: [10000, 'Authentication error'],
  403: [9109, 'Unauthorized to access requested resource'],
  404: [7003, 'Could not route to the requested resource'],
  429: [971, 'Please wait and consider throttling your request speed'],
  500: [10002, 'Internal server error'],
  502: [10002, 'Bad gateway'],
  503: [10013, 'Service temporarily unavailable'],
};

/**
 * Every error body echoes what a careless server or proxy echoes: the Authorization header (with
 * its name, and the bare token), and a stream key in the forms a log would show it. None of it
 * may reach an error message, `apiMessage`, `request` or a log line.
 */
function errorBody(status: number, flavour: ErrorFlavour, authorization: string, streamKey: string, request: string): { contentType: string; text: string } {
  const [code, text] = CLOUDFLARE_ERRORS[status] ?? [10000 + status, `Error ${status}`];
  const bare = authorization.replace(/^Bearer\s+/i, '');
  switch (flavour) {
    case 'cloudflare':
      return {
        contentType: JSON_TYPE,
        text: JSON.stringify({
          success: false,
          errors: [
            { code, message: `${text} for token ${bare}` },
            { code: 10001, message: `Request was ${request} with Authorization: ${authorization}` },
          ],
          messages: [],
          result: null,
        }),
      };
    case 'kit':
      return {
        contentType: JSON_TYPE,
        text: JSON.stringify({ success: false, error: { code: status, message: `${text} (stream_key=${streamKey}; ${authorization})` } }),
      };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        text:
          `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1>` +
          `<pre>${request}\nAuthorization: ${authorization}\nrtmps://live.cloudflare.com:443/live/${streamKey}</pre>` +
          '<hr><center>hostile-proxy</center></body></html>',
      };
  }
}

/**
 * A valid answer with a padding field that makes it `bytes` long, written with backpressure so a
 * client that stops reading stops the server too: `bodiesCutShort` counts responses whose
 * connection closed before the last byte was handed to the kernel.
 */
function sendHugeBody(
  res: http.ServerResponse,
  answer: { status: number; body: object },
  bytes: number,
  withLength: boolean,
  stats: CellStats,
  events: EventEmitter,
): void {
  const rest = JSON.stringify(answer.body).slice(1);
  const prefix = '{"padding":"';
  const suffix = `",${rest}`;
  let left = Math.max(0, bytes - prefix.length - Buffer.byteLength(suffix));
  res.writeHead(answer.status, { 'Content-Type': JSON_TYPE, ...(withLength ? { 'Content-Length': String(prefix.length + left + Buffer.byteLength(suffix)) } : {}) });
  res.once('close', () => {
    if (res.writableFinished) {
      stats.bodiesFinished++;
    } else {
      stats.bodiesCutShort++;
    }
    events.emit('bodyEnded');
  });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.write(prefix);
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) {
        return;
      }
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(suffix);
  };
  pump();
}
