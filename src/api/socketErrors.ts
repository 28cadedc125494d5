// Node's fetch reports a failed connection as TypeError('fetch failed') with the socket error
// somewhere in its causes. These find the code, word it, and say whether a retry can help.
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no headers in time',
  UND_ERR_BODY_TIMEOUT: 'body stalled',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain (a proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate could not be verified (a proxy?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not match the host',
};

/**
 * Socket errors a second attempt can fix: the connection dropped or the server was briefly
 * unreachable. Everything else (host not found, TLS and certificate errors, invalid arguments)
 * fails the same way every time, so it is reported at once.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The socket error code inside Node's fetch errors: TypeError('fetch failed', {cause}), sometimes an AggregateError. */
export function networkCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.code === 'string') return record.code;
    queue.push(record.cause, ...(Array.isArray(record.errors) ? record.errors : []));
  }
  return undefined;
}

export function networkReason(err: unknown): string {
  const code = networkCode(err);
  if (code) return NETWORK_REASONS[code] ?? code;
  const cause = typeof err === 'object' && err !== null && (err as { cause?: unknown }).cause instanceof Error ? ((err as { cause: Error }).cause.message) : undefined;
  return cause ?? (err instanceof Error ? err.message : String(err));
}

export function isTransientNetworkError(err: unknown): boolean {
  const code = networkCode(err);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

