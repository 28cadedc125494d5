// Timers that tests advance by hand (the Poller's `Timers` seam), so nothing sleeps.
import assert from 'node:assert/strict';
import type { Timers } from '../../src/store/poller';

export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays of the timers waiting now. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }

  /** Runs the only pending timer, lets the promise chains it started settle, and returns its delay. */
  async runOne(): Promise<number> {
    assert.equal(this.pending.size, 1, 'exactly one timer should be pending');
    const [id, { fn, ms }] = [...this.pending][0];
    this.pending.delete(id);
    fn();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return ms;
  }
}
