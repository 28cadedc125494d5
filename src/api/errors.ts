// One error type for every API failure. `kind` drives what the UI offers (sign in again,
// retry, check permissions); `message` is a sentence a person can act on, and never contains
// the token or a stream key.

export type ApiErrorKind =
  | 'auth' // 401: token missing, wrong or expired
  | 'permission' // 403: token lacks the Realtime permission or the account
  | 'notFound' // 404: unknown account, app, livestream or session
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'network' // refused, reset, DNS
  | 'timeout' // no answer within the configured time
  | 'badResponse' // HTML, malformed JSON, missing fields, other 4xx
  | 'insecure' // plain http to another machine, not approved: nothing was sent
  | 'cancelled'; // the caller aborted

export interface ApiErrorInit {
  readonly kind: ApiErrorKind;
  readonly message: string;
  readonly status?: number;
  /** The API's own error text, when it sent one. */
  readonly apiMessage?: string;
  /** Seconds, from `Retry-After`, for 429/503. */
  readonly retryAfterSeconds?: number;
  /** Method and path (no query secrets, no host) of the failed request. */
  readonly request?: string;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly request: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.request = init.request;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
