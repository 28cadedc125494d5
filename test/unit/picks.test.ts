import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import type { Livestream } from '../../src/api/types';
import {
  accountPickItems,
  appPickItems,
  livestreamPickItems,
  liveLivestreamPickItems,
  statusFilterItems,
  tokenSourceItems,
  type AppGroup,
  type PickItem,
  type LivestreamPick,
} from '../../src/commands/quickPickItems';
import { COPY_SPECS, copyOutcome, playbackOutcome, type CopyKind } from '../../src/shared/credentials';
import { liveCountText } from '../../src/shared/status';
import type { Loadable } from '../../src/store/loadable';
import type { LivestreamList } from '../../src/store/store';
import { app, DAY, EMPTY, iso, KEY, list, livestream, loaded, MINUTE, NOW, PLAYBACK, SERVER } from './builders';

function summary(items: PickItem<LivestreamPick>[]): string[] {
  return items.map((i) => (i.separator ? `--- ${i.label}` : `${i.label} | ${i.description ?? ''}${i.payload ? ` [${i.payload.kind}]` : ''}`));
}

describe('quick picks', () => {
  describe('LIVE livestreams (the status bar item)', () => {
    it('lists only LIVE livestreams of known apps, newest first, with their app', () => {
      const prod = app('app-1', 'Production');
      const a = livestream({ id: 'a', name: 'Keynote', appId: 'app-1', status: 'LIVE', createdAt: iso(DAY) });
      const b = livestream({ id: 'b', name: 'Town Hall', appId: 'app-1', status: 'LIVE', createdAt: iso(MINUTE) });
      const idle = livestream({ id: 'c', name: 'Idle', appId: 'app-1', status: 'IDLE' });
      const orphan = livestream({ id: 'd', name: 'Elsewhere', appId: 'gone', status: 'LIVE' });
      const items = liveLivestreamPickItems([prod], [a, idle, b, orphan], NOW);
      assert.deepEqual(
        items.map((i) => i.label),
        ['$(broadcast) Town Hall', '$(broadcast) Keynote'],
      );
      assert.ok(items.every((i) => i.description?.startsWith('Production · LIVE')));
    });

    it('says how many are LIVE, and hides when none are', () => {
      assert.equal(liveCountText(0), undefined);
      assert.deepEqual(liveCountText(1), { text: '$(broadcast) 1 LIVE', tooltip: '1 RealtimeKit livestream is LIVE. Click to open one.' });
      assert.equal(liveCountText(3)?.tooltip, '3 RealtimeKit livestreams are LIVE. Click to open one.');
    });
  });

  describe('livestream pick across apps', () => {
    const prod = app('app-1', 'Production');
    const staging = app('app-2', 'Staging');

    it('narrowed to meeting livestreams (Stop Meeting Livestream): an app with none left, and none to load, is left out', () => {
      const townHall = livestream({ name: 'Town Hall', appId: 'app-1', status: 'LIVE', meetingId: 'meet-1', updatedAt: iso(MINUTE) });
      const keynote = livestream({ name: 'Keynote', appId: 'app-1', status: 'LIVE' });
      const smoke = livestream({ name: 'Smoke', appId: 'app-2', status: 'LIVE' });
      const items = livestreamPickItems(
        [
          { app: prod, list: loaded(list([townHall, keynote], 2)) },
          { app: staging, list: loaded(list([smoke], 1)) },
        ],
        NOW,
        (l) => l.meetingId !== null,
      );
      assert.deepEqual(summary(items), ['--- Production', '$(broadcast) Town Hall | Production · LIVE · 1 min ago [livestream]']);
    });

    it('groups by app, newest first, with icon, app, status and time; Load more while more exist', () => {
      const keynote = livestream({ name: 'Keynote', appId: 'app-1', status: 'LIVE', createdAt: iso(DAY), updatedAt: iso(5 * MINUTE) });
      const old = livestream({ name: 'Old', appId: 'app-1', status: 'IDLE', createdAt: iso(9 * DAY), updatedAt: iso(3 * DAY), disabled: true });
      const smoke = livestream({ name: 'Smoke', appId: 'app-2', status: 'OFFLINE', updatedAt: iso(2 * DAY) });
      const groups: AppGroup[] = [
        { app: prod, list: loaded(list([old, keynote], 40)) },
        { app: staging, list: loaded(list([smoke], 1)) },
      ];
      assert.deepEqual(summary(livestreamPickItems(groups, NOW)), [
        '--- Production',
        '$(broadcast) Keynote | Production · LIVE · 5 min ago [livestream]',
        '$(circle-outline) Old | Production · IDLE (disabled) · 3 days ago [livestream]',
        '$(fold-down) Load more… | Production: 2 of 40 loaded [loadMore]',
        '--- Staging',
        '$(question) Smoke | Staging · OFFLINE · 2 days ago [livestream]',
      ]);
    });

    it('carries the livestream and its app in the payload', () => {
      const l = livestream({ appId: 'app-1' });
      const [, item] = livestreamPickItems([{ app: prod, list: loaded(list([l])) }], NOW);
      assert.deepEqual(item.payload, { kind: 'livestream', appId: 'app-1', livestream: l });
    });

    it('shows lists still loading, and failed ones with a retry', () => {
      const items = livestreamPickItems(
        [
          { app: prod, list: { ...EMPTY, loading: true } },
          { app: staging, list: { ...EMPTY, error: new ApiError({ kind: 'server', message: 'The API had a problem.' }) } },
        ],
        NOW,
      );
      assert.deepEqual(summary(items), [
        '--- Production',
        '$(loading~spin) Loading livestreams… | Production',
        '--- Staging',
        "$(warning) Couldn't load the livestreams of Staging |  [retry]",
      ]);
      assert.equal(items[3].detail, 'The API had a problem.');
    });

    it('never puts a stream key into an item', () => {
      const items = livestreamPickItems([{ app: prod, list: loaded(list([livestream({ streamKey: KEY })])) }], NOW);
      for (const item of items) {
        assert.ok(!`${item.label} ${item.description ?? ''} ${item.detail ?? ''}`.includes(KEY));
      }
    });
  });

  it('app pick shows the count when known', () => {
    const lists: Record<string, Loadable<LivestreamList>> = { 'app-1': loaded(list([livestream()], 12)) };
    const items = appPickItems([app('app-1', 'Production'), app('app-2', 'Sandbox')], (id) => lists[id] ?? EMPTY);
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['Production', '12 livestreams · app-1'],
        ['Sandbox', 'app-2'],
      ],
    );
    assert.equal(items[1].payload?.id, 'app-2');
  });

  it('status filter marks the current choice; null means all', () => {
    const none = statusFilterItems(undefined);
    assert.deepEqual(
      none.map((i) => i.label),
      ['All statuses $(check)', '$(broadcast) LIVE', '$(circle-outline) IDLE', '$(error) ERRORED', '$(loading~spin) INVOKED'],
    );
    assert.equal(none[0].payload, null);
    const live = statusFilterItems('LIVE');
    assert.equal(live[1].label, '$(broadcast) LIVE $(check)');
    assert.equal(live[1].picked, true);
    assert.equal(live[1].payload, 'LIVE');
    assert.equal(live[0].picked, false);
  });

  it('account pick: sorted by name, current marked', () => {
    const items = accountPickItems(
      [
        { id: 'b'.repeat(32), name: 'Zeta' },
        { id: 'a'.repeat(32), name: 'Acme' },
      ],
      'b'.repeat(32),
    );
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.payload]),
      [
        ['Acme', 'a'.repeat(32), 'a'.repeat(32)],
        ['Zeta', `${'b'.repeat(32)} (current)`, 'b'.repeat(32)],
      ],
    );
  });

  it('token source offers the environment first, naming the account', () => {
    const items = tokenSourceItems('0123456789abcdef0123456789abcdef');
    assert.deepEqual(
      items.map((i) => i.payload),
      ['environment', 'input'],
    );
    assert.equal(items[0].description, 'with CLOUDFLARE_ACCOUNT_ID 0123…cdef');
    assert.equal(tokenSourceItems(undefined)[0].description, undefined);
  });
});

describe('copy and open values', () => {
  /** Every credential a user can copy, written out here rather than read from COPY_SPECS. */
  const KINDS: readonly CopyKind[] = ['streamKey', 'ingestServer', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl', 'livestreamId', 'meetingId'];
  const full: Livestream = livestream({ id: 'ls-full', name: 'Keynote', ingestServer: SERVER, streamKey: KEY, playbackUrl: PLAYBACK, meetingId: 'meeting-77' });

  it('copies each credential exactly', () => {
    const value = (kind: CopyKind) => {
      const outcome = copyOutcome(kind, full);
      assert.ok(outcome.ok);
      return outcome.value;
    };
    assert.equal(value('streamKey'), KEY);
    assert.equal(value('ingestServer'), SERVER);
    assert.equal(value('rtmpUrl'), `rtmps://live.cloudflare.com:443/live/${KEY}`);
    assert.equal(value('playbackUrl'), PLAYBACK);
    assert.equal(value('livestreamId'), 'ls-full');
    assert.equal(
      value('ffmpegCommand'),
      'ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 ' +
        '-c:v libx264 -preset veryfast -tune zerolatency -pix_fmt yuv420p -g 60 -b:v 2500k -c:a aac -b:a 128k -ar 48000 ' +
        `-f flv rtmps://live.cloudflare.com:443/live/${KEY}`,
    );
  });

  it('confirms without ever echoing a value', () => {
    const confirmations = Object.fromEntries(
      KINDS.map((kind) => {
        const outcome = copyOutcome(kind, full);
        assert.ok(outcome.ok);
        assert.ok(!outcome.confirmation.includes(KEY), `${kind} confirmation shows the key`);
        assert.ok(!outcome.confirmation.includes(outcome.value), `${kind} confirmation shows the value`);
        return [kind, outcome.confirmation];
      }),
    );
    assert.deepEqual(confirmations, {
      streamKey: 'Copied the stream key of “Keynote”',
      ingestServer: 'Copied the ingest server of “Keynote”',
      rtmpUrl: 'Copied the full RTMP URL of “Keynote”',
      ffmpegCommand: 'Copied the ffmpeg command of “Keynote”',
      playbackUrl: 'Copied the playback URL of “Keynote”',
      livestreamId: 'Copied the livestream ID of “Keynote”',
      meetingId: 'Copied the meeting ID of “Keynote”',
    });
  });

  it('maps every copy command id', () => {
    assert.deepEqual(Object.keys(COPY_SPECS).sort(), [...KINDS].sort(), 'a new kind is listed in these tests too');
    assert.deepEqual(Object.fromEntries(KINDS.map((kind) => [kind, COPY_SPECS[kind].command])), {
      streamKey: 'realtimekit.copyStreamKey',
      ingestServer: 'realtimekit.copyIngestServer',
      rtmpUrl: 'realtimekit.copyRtmpUrl',
      ffmpegCommand: 'realtimekit.copyFfmpegCommand',
      playbackUrl: 'realtimekit.copyPlaybackUrl',
      livestreamId: 'realtimekit.copyLivestreamId',
      meetingId: 'realtimekit.copyMeetingId',
    });
  });

  it('explains clearly what is missing', () => {
    const bare = livestream({ name: 'Q&A', ingestServer: null, streamKey: null, playbackUrl: null });
    const message = (kind: CopyKind, l = bare) => {
      const outcome = copyOutcome(kind, l);
      assert.ok(!outcome.ok);
      return outcome.message;
    };
    assert.equal(message('streamKey'), 'Livestream “Q&A” has no stream key: there is nothing to copy.');
    assert.equal(message('ingestServer'), 'Livestream “Q&A” has no ingest server: there is nothing to copy.');
    assert.equal(message('playbackUrl'), 'Livestream “Q&A” has no playback URL: there is nothing to copy.');
    assert.equal(message('rtmpUrl'), 'Livestream “Q&A” has no ingest server or stream key, so the full RTMP URL cannot be built.');
    assert.equal(
      message('ffmpegCommand', livestream({ name: 'K', streamKey: null })),
      'Livestream “K” has no stream key, so an ffmpeg command cannot be built.',
    );
  });

  it('opens only web playback URLs', () => {
    assert.deepEqual(playbackOutcome(full), { ok: true, url: PLAYBACK });
    const none = playbackOutcome(livestream({ name: 'X', playbackUrl: null }));
    assert.ok(!none.ok && none.message.includes('has no playback URL'));
    const odd = playbackOutcome(livestream({ name: 'X', playbackUrl: 'javascript:alert(1)' }));
    assert.ok(!odd.ok && odd.message.includes('not a web address'));
  });
});
