// Secrets must never reach a log line, an error message or a notification. Two defences:
// the exact secrets the caller knows (the token, stream keys it has seen), and patterns that
// catch secrets we were not told about (an API echoing a stream key, an Authorization header
// pasted into an error). Used by the HTTP core and by the output-channel logger.

export const REDACTED = '[redacted]';

export interface SecretPattern {
  readonly name: string;
  /** Global regex; the groups before the secret are kept, the secret is replaced. */
  readonly pattern: RegExp;
  readonly replace: string;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: 'bearer token',
    pattern: /\b(Bearer\s+)[^\s"',;]+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    name: 'authorization header',
    pattern: /\b(Authorization["']?\s*[:=]\s*["']?)[^\r\n"']+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    // JSON, query strings and `key: value` text: "stream_key": "…", streamKey=…, stream-key: …
    name: 'stream key field',
    pattern: /\b(stream[_-]?key["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    // A full RTMP(S) URL is the ingest server plus the stream key: keep the server.
    name: 'rtmp url key',
    pattern: /\b(rtmps?:\/\/[^\s"'/]+(?:\/[^\s"'/]+)*\/live\/)[^\s"'/?#]+/gi,
    replace: `$1${REDACTED}`,
  },
  {
    name: 'api token field',
    pattern: /\b((?:api[_-]?)?token["']?\s*[:=]\s*["']?)[A-Za-z0-9_-]{20,}/gi,
    replace: `$1${REDACTED}`,
  },
];

/** Secrets shorter than this are ignored: replacing every "a" would destroy the text, not protect it. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replace every known secret (verbatim and URL-encoded) and every secret-looking pattern.
 * Known secrets go first so that a pattern cannot split one and leave half of it behind.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) {
      continue;
    }
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  for (const { pattern, replace } of SECRET_PATTERNS) {
    out = out.replace(pattern, replace);
  }
  return out;
}
