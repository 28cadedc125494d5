// Refresh-on-a-timer with the discipline the API's rate limit demands: a tick is scheduled only
// while `shouldPoll()` holds (visible and something LIVE/INVOKED), never overlaps the previous
// tick, and backs off exponentially after failures. Consumers call `update()` whenever
// visibility or data changes; the poller decides whether a timer should be running.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollerOptions {
  /** Seconds between refreshes; 0 turns polling off. Read at each scheduling. */
  readonly intervalSeconds: () => number;
  readonly shouldPoll: () => boolean;
  /** One refresh. Resolves true when it succeeded, false when it failed (to back off). */
  readonly tick: () => Promise<boolean>;
  /** Longest wait after repeated failures. */
  readonly maxBackoffSeconds?: number;
  readonly timers?: Timers;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Poller {
  private handle: unknown;
  /** The interval the pending timer was set with: a changed setting reschedules it. */
  private scheduledSeconds = 0;
  private running = false;
  private failures = 0;
  private disposed = false;
  private readonly timers: Timers;

  constructor(private readonly options: PollerOptions) {
    this.timers = options.timers ?? defaultTimers;
  }

  /** Re-evaluates whether a timer should run; cheap, call it on every relevant change. */
  update(): void {
    if (this.disposed || this.running) {
      return;
    }
    const seconds = this.options.intervalSeconds();
    const wanted = seconds > 0 && this.options.shouldPoll();
    if (!wanted) {
      this.cancel();
      this.failures = 0;
      return;
    }
    if (this.handle !== undefined && this.scheduledSeconds !== seconds) {
      this.cancel();
    }
    if (this.handle === undefined) {
      this.scheduledSeconds = seconds;
      this.handle = this.timers.setTimeout(() => void this.fire(), this.delayMs(seconds));
    }
  }

  /** The wait before the next tick: the interval, doubled per consecutive failure, bounded. */
  delayMs(seconds = this.options.intervalSeconds()): number {
    const max = (this.options.maxBackoffSeconds ?? 300) * 1000;
    return Math.min(max, seconds * 1000 * 2 ** this.failures);
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Ticks now (unless a tick is running), then goes on at the interval. */
  runNow(): Promise<void> {
    if (this.disposed || this.running) {
      return Promise.resolve();
    }
    this.cancel();
    return this.fire();
  }

  /** Call after a manual refresh: the next automatic one waits a full interval again. */
  restart(): void {
    this.cancel();
    this.update();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }

  private async fire(): Promise<void> {
    this.handle = undefined;
    if (this.disposed || !this.options.shouldPoll()) {
      return;
    }
    this.running = true;
    let ok = false;
    try {
      ok = await this.options.tick();
    } catch {
      ok = false;
    } finally {
      this.running = false;
    }
    this.failures = ok ? 0 : Math.min(this.failures + 1, 10);
    this.update();
  }
}
