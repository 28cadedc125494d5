// Node's fetch reports a failed connection as TypeError('fetch failed') with the socket error
// somewhere in its causes. These find the code, word it (translated: the reason goes into the
// error message people read), and say whether a retry can help.
import * as l10n from '@vscode/l10n';

/** A socket error code in words, or undefined for a code without any (it is shown as is). */
function networkReasonOf(code: string): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('connection refused');
    case 'ECONNRESET':
      return l10n.t('connection reset');
    case 'ENOTFOUND':
      return l10n.t('host not found');
    case 'EAI_AGAIN':
      return l10n.t('DNS lookup failed');
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return l10n.t('connection timed out');
    case 'EHOSTUNREACH':
      return l10n.t('host unreachable');
    case 'ENETUNREACH':
      return l10n.t('network unreachable');
    case 'EPIPE':
      return l10n.t('connection closed');
    case 'UND_ERR_SOCKET':
      return l10n.t('connection closed by the server');
    case 'UND_ERR_HEADERS_TIMEOUT':
      return l10n.t({ message: 'no headers in time', comment: ['The server sent no HTTP headers in time'] });
    case 'UND_ERR_BODY_TIMEOUT':
      return l10n.t({ message: 'body stalled', comment: ["The HTTP answer's body stopped arriving"] });
    case 'CERT_HAS_EXPIRED':
      return l10n.t('the TLS certificate has expired');
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return l10n.t('self-signed TLS certificate');
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return l10n.t('self-signed TLS certificate in the chain (a proxy?)');
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return l10n.t('the TLS certificate could not be verified (a proxy?)');
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return l10n.t('the TLS certificate does not match the host');
    default:
      return undefined;
  }
}

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
  if (code) return networkReasonOf(code) ?? code;
  const cause = typeof err === 'object' && err !== null && (err as { cause?: unknown }).cause instanceof Error ? ((err as { cause: Error }).cause.message) : undefined;
  return cause ?? (err instanceof Error ? err.message : String(err));
}

export function isTransientNetworkError(err: unknown): boolean {
  const code = networkCode(err);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

