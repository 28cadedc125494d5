// The one OBS connection (src/connection/obsSession.ts) against the fake OBS: it connects only
// when used, asks for the password once when OBS wants one, samples the stream status while held
// (virtual time), and disconnects when nobody has used it for a minute.
import assert from 'node:assert/strict';
import { ObsSession } from '../../src/connection/obsSession';
import { silentLogger } from '../../src/shared/log';
import { LIGHT_ENCODING, startFakeObs, type FakeObs } from '../fake-obs/server';
import { ManualTimers } from './manualTimers';

describe('OBS session', () => {
  let obs: FakeObs;
  let timers: ManualTimers;
  let asked: string[];
  let stored: string | undefined;
  let session: ObsSession;

  beforeEach(async () => {
    obs = await startFakeObs({ ...LIGHT_ENCODING, password: 'from-obs-dialog' });
    timers = new ManualTimers();
    asked = [];
    stored = undefined;
    session = new ObsSession({
      url: () => obs.url,
      password: async () => stored,
      askPassword: async (reason) => {
        asked.push(reason);
        stored = 'from-obs-dialog';
        return stored;
      },
      log: silentLogger,
      timers,
    });
  });
  afterEach(async () => {
    session.dispose();
    await obs.close();
  });

  it('connects only when used, asking once for the password OBS wants', async () => {
    assert.equal(obs.sessions.length, 0, 'nothing until asked');
    assert.equal(session.state.kind, 'idle');
    const client = await session.client();
    assert.deepEqual(asked, ['needed']);
    assert.equal(session.state.kind, 'connected');
    assert.equal(await session.client(), client, 'one connection, shared');
    assert.deepEqual(session.target, { type: 'rtmp_common', server: null, key: null });
  });

  it('a stored password OBS refuses is asked again, as wrong', async () => {
    stored = 'stale';
    await session.client();
    assert.deepEqual(asked, ['wrong']);
  });

  it('while held, samples the stream status every 2 s; released and unused for a minute, it disconnects', async () => {
    const hold = session.hold();
    await session.client();
    // The first sample runs at once (a 0 ms timer), the next every 2 s.
    for (let i = 0; i < 3; i++) {
      await waitForTimer(timers);
      await timers.runOne();
      await until(() => timers.pending.size > 0);
    }
    assert.equal(session.health.length, 2, 'the last two samples, for the bitrate');
    assert.ok(session.encoderSettings, 'the encoder settings are read too');
    const statusRequests = obs.requests.filter((r) => r.requestType === 'GetStreamStatus').length;
    assert.ok(statusRequests >= 3, `${statusRequests} GetStreamStatus`);
    hold.dispose();
    // Released: sampling stops at once; only the idle countdown is left.
    assert.deepEqual(timers.delays(), [60_000]);
    await timers.runOne();
    await until(() => session.state.kind === 'idle');
    await until(() => obs.sessions.every((s) => s.closeCode !== null));
  });
});

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function waitForTimer(timers: ManualTimers): Promise<void> {
  await until(() => timers.pending.size > 0);
}
