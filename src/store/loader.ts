// The store's single loading mechanism. A slot holds one thing the store caches (the apps, a
// list, a page of details); one load per slot runs at a time and later callers join it; errors
// are kept as values beside the last good value; a load whose slot the store no longer holds
// (a reset came in between) is dropped; and the request is aborted when nobody wants it any more.
//
// Who wants it: a caller that passes a signal wants it until that signal aborts; a caller without
// one (the tree, a command) wants it to the end. Everything also runs under the loader's
// lifetime, which reset() and dispose() abort.
import { ApiError } from '../api/errors';
import { NOT_LOADED, type Loadable } from './loadable';

interface InFlight {
  done: Promise<void>;
  readonly controller: AbortController;
  /** Callers with a signal that have not left yet. */
  waiters: number;
  /** Someone asked without a signal: the load runs to its end. */
  pinned: boolean;
}

export class Slot<T> {
  state: Loadable<T> = NOT_LOADED;
  inFlight: InFlight | undefined;

  /** Resolves when the load in flight (if any) has ended. */
  settled(): Promise<void> {
    return this.inFlight?.done ?? Promise.resolve();
  }
}

export class Loader<C> {
  private lifetime = new AbortController();
  private disposed = false;

  /**
   * @param holds whether the store still holds this slot (a reset replaces them)
   * @param announce tells listeners a slot changed (a load started or ended)
   */
  constructor(
    private readonly holds: (slot: Slot<unknown>) => boolean,
    private readonly announce: (change: C) => void,
    private readonly now: () => number,
  ) {}

  /** A signal for a one-off request (a write) that must stop with the store. */
  get signal(): AbortSignal {
    return this.lifetime.signal;
  }

  /** Aborts every request in flight; later loads run under a fresh lifetime. */
  reset(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
  }

  /** Aborts every request in flight; nothing is loaded any more. */
  dispose(): void {
    this.disposed = true;
    this.lifetime.abort();
  }

  /** Loads into the slot (or joins the load in flight). Never rejects. */
  load<T>(slot: Slot<T>, change: C, signal: AbortSignal | undefined, fetch: (signal: AbortSignal) => Promise<T>): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    return this.join(slot.inFlight ?? this.start(slot, change, fetch), signal);
  }

  private start<T>(slot: Slot<T>, change: C, fetch: (signal: AbortSignal) => Promise<T>): InFlight {
    const controller = new AbortController();
    const lifetime = this.lifetime.signal;
    const onEnd = (): void => controller.abort();
    lifetime.addEventListener('abort', onEnd, { once: true });
    const current = (): boolean => !lifetime.aborted && !this.disposed && this.holds(slot);
    slot.state = { ...slot.state, loading: true };
    const entry: InFlight = { done: Promise.resolve(), controller, waiters: 0, pinned: false };
    entry.done = (async () => {
      try {
        const value = await fetch(controller.signal);
        if (current()) slot.state = { value, loading: false, error: undefined, loadedAt: this.now() };
      } catch (err) {
        if (!current()) return;
        const error = err instanceof ApiError ? err : new ApiError({ kind: 'badResponse', message: String(err) });
        // Withdrawn, not failed: keep what was there, without an error to show.
        slot.state = error.kind === 'cancelled' ? { ...slot.state, loading: false } : { ...slot.state, loading: false, error };
      } finally {
        lifetime.removeEventListener('abort', onEnd);
        if (slot.inFlight === entry) slot.inFlight = undefined;
      }
      if (current()) this.announce(change);
    })();
    // In flight before anyone hears of it: a listener that loads in response joins this load.
    slot.inFlight = entry;
    this.announce(change);
    return entry;
  }

  private join(entry: InFlight, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) {
      entry.pinned = true;
      return entry.done;
    }
    if (signal.aborted) {
      this.leave(entry);
      return Promise.resolve();
    }
    entry.waiters++;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        entry.waiters--;
        this.leave(entry);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void entry.done.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  private leave(entry: InFlight): void {
    if (entry.waiters <= 0 && !entry.pinned) entry.controller.abort();
  }
}
