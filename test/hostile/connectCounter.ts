// Counts outgoing connection attempts per host and port, for the cells no server of ours can
// see: a port nothing listens on ("connection refused") and a name DNS cannot resolve. Every
// Node HTTP stack (fetch/undici, http, https, tls) ends in net.Socket.prototype.connect, so
// wrapping it counts attempts whatever the client is built on. Each such cell uses a host or
// port of its own, so concurrent cells do not mix their counts.
import * as net from 'node:net';

type Connect = typeof net.Socket.prototype.connect;

export class ConnectCounter {
  private readonly attempts: { host: string; port: string }[] = [];
  private original: Connect | undefined;

  install(): void {
    if (this.original) {
      return;
    }
    const original = net.Socket.prototype.connect;
    const attempts = this.attempts;
    this.original = original;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const target = targetOf(args);
      if (target) {
        attempts.push(target);
      }
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    } as Connect;
  }

  uninstall(): void {
    if (this.original) {
      net.Socket.prototype.connect = this.original;
      this.original = undefined;
    }
  }

  /** Attempts to `host` (any port), or to `host:port`. */
  count(host: string, port?: number): number {
    return this.attempts.filter((a) => a.host === host && (port === undefined || a.port === String(port))).length;
  }
}

/**
 * net.connect() hands Socket#connect its normalised [options, callback] array; tls.connect and
 * direct callers pass an options object, or (port, host).
 */
function targetOf(args: readonly unknown[]): { host: string; port: string } | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null && 'port' in first) {
    const options = first as { host?: unknown; port?: unknown };
    return { host: typeof options.host === 'string' ? options.host : 'localhost', port: String(options.port) };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: String(first) };
  }
  return undefined;
}
