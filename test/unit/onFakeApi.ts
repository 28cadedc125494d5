// What the unit tests that need the API share: the real RealtimeKitClient talking to the fake API
// server (test/fake-api/) over real sockets, waits for states instead of sleeps, and a way to hold
// an answer on its way back. Arrange with the fake's seed, `setFault` and `patchLivestream`;
// observe with its `requests` (route, query, status, aborted).
import type { ClientOptions } from '../../src/api/api';
import { RealtimeKitClient } from '../../src/api/client';
import type { FakeApi, RecordedRequest, RouteName } from '../fake-api/server';

/**
 * A client with the production transport but no retries, so every call is one request at the
 * fake and tests count calls there one to one. `over` may name another base URL or token.
 */
export function clientOn(api: FakeApi, over: Partial<ClientOptions> = {}): RealtimeKitClient {
  return new RealtimeKitClient({ baseUrl: api.baseUrl, getToken: () => api.token, maxRetries: 0, ...over });
}

/** Resolves with the first truthy value of `probe`, checked every few milliseconds; fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** One turn of the event loop: promise chains and queued renders that need no I/O have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The requests the fake recorded for these routes, oldest first. */
export function requestsTo(api: FakeApi, ...routes: RouteName[]): RecordedRequest[] {
  return api.requests.filter((r) => r.route !== null && routes.includes(r.route));
}

/** `page_no`x`per_page` of a recorded request, e.g. `3x10` (`x` alone without paging). */
export function pageOf(r: RecordedRequest): string {
  return `${r.query.page_no ?? ''}x${r.query.per_page ?? ''}`;
}

/** The app id in a kit route's path (`…/realtime/kit/{app}/…`). */
export function appOf(r: RecordedRequest): string {
  return /\/realtime\/kit\/([^/]+)\//.exec(r.path)?.[1] ?? '';
}

/**
 * A `fetch` for the client that can hold one answer on its way back: the fake has computed and
 * sent it (its request is recorded as answered), but the client sees it only on `release()`. For
 * races the store must win whatever order answers arrive in.
 */
export class AnswerHold {
  private which: ((url: string, method: string) => boolean) | undefined;
  private waiting: Array<() => void> = [];
  private released = false;

  readonly fetch: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (this.which?.(url, init?.method ?? 'GET')) {
      this.which = undefined;
      if (!this.released) await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return response;
  };

  /** Holds the next answer whose request matches. */
  holdNext(which: (url: string, method: string) => boolean): void {
    this.which = which;
    this.released = false;
  }

  /** Delivers what is held (and anything matched later). */
  release(): void {
    this.released = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
