import assert from 'node:assert/strict';
import { Poller } from '../../src/store/poller';
import { ManualTimers } from './manualTimers';

describe('Poller', () => {
  function setup(opts: { interval?: number; poll?: boolean; results?: boolean[] } = {}) {
    const timers = new ManualTimers();
    const state = { interval: opts.interval ?? 15, poll: opts.poll ?? true, ticks: 0, results: [...(opts.results ?? [])] };
    const poller = new Poller({
      intervalSeconds: () => state.interval,
      shouldPoll: () => state.poll,
      tick: async () => {
        state.ticks++;
        return state.results.length ? (state.results.shift() as boolean) : true;
      },
      timers,
      maxBackoffSeconds: 120,
    });
    return { timers, state, poller };
  }

  it('schedules one tick per interval while it should poll', async () => {
    const { timers, state, poller } = setup();
    poller.update();
    poller.update(); // a second update must not add a second timer
    assert.equal(timers.pending.size, 1);
    assert.equal(await timers.runOne(), 15_000);
    assert.equal(state.ticks, 1);
    assert.equal(await timers.runOne(), 15_000);
    assert.equal(state.ticks, 2);
  });

  it('a changed interval reschedules the pending tick instead of waiting out the old one', async () => {
    const { timers, state, poller } = setup({ interval: 300 });
    poller.update();
    state.interval = 5;
    poller.update();
    assert.equal(timers.pending.size, 1);
    assert.equal(await timers.runOne(), 5_000);
    assert.equal(state.ticks, 1);
  });

  it('does not poll when the interval is 0 or nothing asks for it', () => {
    const off = setup({ interval: 0 });
    off.poller.update();
    assert.equal(off.timers.pending.size, 0);
    const hidden = setup({ poll: false });
    hidden.poller.update();
    assert.equal(hidden.timers.pending.size, 0);
  });

  it('stops when the view is hidden and resumes when shown', async () => {
    const { timers, state, poller } = setup();
    poller.update();
    state.poll = false;
    poller.update();
    assert.equal(timers.pending.size, 0);
    state.poll = true;
    poller.update();
    assert.equal(await timers.runOne(), 15_000);
    assert.equal(state.ticks, 1);
  });

  it('skips a tick that fires after polling stopped being wanted', async () => {
    const { timers, state, poller } = setup();
    poller.update();
    state.poll = false; // changed without update(): the timer still fires
    await timers.runOne();
    assert.equal(state.ticks, 0);
    assert.equal(timers.pending.size, 0);
  });

  it('backs off exponentially after failures, bounded, and recovers after a success', async () => {
    const { timers, poller } = setup({ results: [false, false, false, false, true] });
    poller.update();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(await timers.runOne());
    }
    assert.deepEqual(delays, [15_000, 30_000, 60_000, 120_000, 120_000, 15_000]);
    assert.equal(poller.consecutiveFailures, 0);
  });

  it('never overlaps ticks: update() during a tick schedules nothing', async () => {
    const timers = new ManualTimers();
    let release!: () => void;
    let ticks = 0;
    const poller = new Poller({
      intervalSeconds: () => 1,
      shouldPoll: () => true,
      tick: () => {
        ticks++;
        return new Promise<boolean>((r) => (release = () => r(true)));
      },
      timers,
    });
    poller.update();
    await timers.runOne();
    poller.update();
    assert.equal(timers.pending.size, 0, 'no timer while a tick is running');
    release();
    await new Promise((r) => setImmediate(r));
    assert.equal(timers.pending.size, 1, 'the next tick is scheduled once the first settles');
    assert.equal(ticks, 1);
  });

  it('dispose cancels the timer and ignores later updates', () => {
    const { timers, poller } = setup();
    poller.update();
    poller.dispose();
    poller.update();
    assert.equal(timers.pending.size, 0);
  });
});
