// The words and views of going live: the notices of a watched livestream's transitions (per
// notification level), the panel's session-in-progress and trouble views, finding ffmpeg.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Livestream } from '../../src/api/types';
import { noticeFor } from '../../src/commands/watchNotices';
import { liveView, troubleView, watchView } from '../../src/panel/goLiveView';
import type { Transition, WatchInfo } from '../../src/store/watcher';

const NOW = Date.parse('2026-12-02T14:00:00Z');
const watch: WatchInfo = { ref: { accountId: 'a'.repeat(32), appId: 'app', livestreamId: 'ls' }, name: 'Keynote', since: NOW, until: NOW + 15 * 60_000, status: 'LIVE' };
const livestream = (over: Partial<Livestream> = {}): Livestream => ({
  id: 'ls',
  appId: 'app',
  name: 'Keynote',
  unnamed: false,
  status: 'LIVE',
  ingestServer: 'rtmps://live.cloudflare.com:443/live/',
  streamKey: 'k'.repeat(32),
  playbackUrl: 'https://customer-x.cloudflarestream.com/abc/manifest/video.m3u8',
  meetingId: null,
  disabled: false,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-02T13:59:00Z',
  ...over,
});

describe('going live: what is said', () => {
  it('one sentence per transition, with the actions the issue names', () => {
    const said = (t: Transition) => noticeFor(t, 'all');
    assert.deepEqual(said({ kind: 'connecting', watch }), { severity: 'info', message: 'Keynote: the encoder is connecting', actions: ['openPanel'] });
    assert.deepEqual(said({ kind: 'live', watch, livestream: livestream() }), { severity: 'info', message: 'Keynote is LIVE', actions: ['openPanel', 'copyPlaybackUrl'] });
    assert.deepEqual(said({ kind: 'live', watch, livestream: livestream({ playbackUrl: null }) })?.actions, ['openPanel']);
    assert.deepEqual(said({ kind: 'stopped', watch, livestream: livestream({ status: 'IDLE' }), durationSeconds: 754 })?.message, 'Keynote stopped after 12m 34s');
    const errored = said({ kind: 'errored', watch, livestream: livestream({ status: 'ERRORED' }), errMessage: 'No keyframe received in 10 s' });
    assert.equal(errored?.severity, 'error');
    assert.match(errored?.message ?? '', /^Keynote: No keyframe received in 10 s Check the encoder: H\.264 video, AAC audio, a keyframe every 2–8 s\.$/);
    assert.deepEqual(errored?.actions, ['showDetails']);
    assert.equal(said({ kind: 'deleted', watch })?.message, 'Keynote no longer exists (deleted?): stopped watching it.');
  });

  it('realtimekit.notifications: errors only tells errors; off tells nothing', () => {
    const live: Transition = { kind: 'live', watch, livestream: livestream() };
    const errored: Transition = { kind: 'errored', watch, livestream: livestream({ status: 'ERRORED' }), errMessage: null };
    assert.equal(noticeFor(live, 'errors'), undefined);
    assert.equal(noticeFor(errored, 'errors')?.severity, 'error');
    assert.equal(noticeFor(errored, 'off'), undefined);
    assert.equal(noticeFor(live, 'off'), undefined);
  });
});

describe('going live: the panel', () => {
  const session = { id: 'sess-1', livestreamId: 'ls', createdAt: null, updatedAt: null, invokedTime: '2026-12-02T13:54:50Z', startedTime: '2026-12-02T13:55:00Z', stoppedTime: null, errMessage: null, ingestSeconds: 240, viewerSeconds: 3600 };

  it('the session in progress: started, how long it has run (the webview ticks on), lagging figures said so', () => {
    const view = liveView(livestream(), { value: { livestream: livestream(), session }, loading: false, error: undefined, loadedAt: NOW }, NOW);
    assert.deepEqual(view, {
      known: true,
      sessionId: 'sess-1',
      started: { relative: '5 min ago', absolute: '2026-12-02 13:55:00 UTC', short: '2026-12-02 13:55' },
      runningMs: 300_000,
      ingest: '4m',
      viewer: '1h',
      note: 'Cloudflare reports ingest and viewer time 40–60 s late: a session that just started reads 0.',
      error: null,
    });
    assert.equal(liveView(livestream({ status: 'IDLE' }), { value: null, loading: false, error: undefined, loadedAt: NOW }, NOW), null, 'nothing in progress when IDLE');
    assert.equal(liveView(livestream({ status: 'INVOKED' }), { value: null, loading: false, error: undefined, loadedAt: NOW }, NOW)?.sessionId, null);
  });

  it('an ERRORED livestream shows its error and what to check', () => {
    const t = troubleView(livestream({ status: 'ERRORED' }), { ...session, errMessage: 'Input rejected: no video track received' });
    assert.equal(t?.message, 'Input rejected: no video track received');
    assert.deepEqual(t?.checks, ['Video: H.264', 'Audio: AAC', 'Keyframe interval 2–8 s', 'Rate control: CBR', 'The stream key is the current one (a rolled key is refused)']);
    assert.equal(troubleView(livestream({ status: 'LIVE' }), session), null);
  });

  it('says until when a livestream is watched', () => {
    assert.deepEqual(watchView({ until: Date.parse('2026-12-02T14:15:00Z') }), { until: 'until 14:15 UTC' });
    assert.equal(watchView(undefined), null);
  });
});

describe('going live: finding ffmpeg', () => {
  it('finds an executable on PATH, and nothing elsewhere', async () => {
    const { findExecutable } = await import('../../src/commands/testPatternPath');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rtk-path-'));
    try {
      const exe = path.join(dir, 'ffmpeg');
      fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'notexec'), '', { mode: 0o644 });
      assert.equal(findExecutable('ffmpeg', { PATH: ['/nonexistent', dir].join(path.delimiter) }, 'linux'), exe);
      assert.equal(findExecutable('notexec', { PATH: dir }, 'linux'), undefined);
      assert.equal(findExecutable('ffmpeg', { PATH: '' }, 'linux'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
