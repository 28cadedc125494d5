import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import type { AppAnalytics, LivestreamDetails } from '../../src/api/types';
import { updatedAgoText } from '../../src/webview/updatedAgo';
import { buildView, latestSession, pagingModel, type ViewInput } from '../../src/panel/viewModel';
import type { Loadable } from '../../src/store/loadable';
import { ACCOUNT_ID, APP_ID, DAY, EMPTY, HOUR, KEY, LIVESTREAM_ID, MINUTE as MIN, NOW, PLAYBACK, SERVER, details, iso, livestream as anyLivestream, loaded as loadedNow, session } from './builders';

/** The livestream these tests show: "Keynote", owning the sessions `session()` builds. */
function livestream(over: Parameters<typeof anyLivestream>[0] = {}) {
  return anyLivestream({ id: LIVESTREAM_ID, name: 'Keynote', ...over });
}

/** Loaded three seconds before NOW. */
function loaded<T>(value: T): Loadable<T> {
  return loadedNow(value, { loadedAt: NOW - 3000 });
}
/** Sixteen bullets: what a masked stream key looks like. */
const MASK = '••••••••••••••••';
const ANALYTICS: AppAnalytics = { count: 7, totalIngestSeconds: 7200, totalViewerSeconds: 90_000 };

function input(d: LivestreamDetails | Loadable<LivestreamDetails>, over: Partial<ViewInput> = {}): ViewInput {
  return {
    ref: { accountId: ACCOUNT_ID, appId: APP_ID, livestreamId: LIVESTREAM_ID },
    page: { pageNo: d && 'pageNo' in d ? d.pageNo : 1, perPage: 10 },
    details: 'livestream' in d ? loaded(d) : d,
    analytics: loaded(ANALYTICS),
    notice: null,
    autoRefresh: false,
    now: NOW,
    ...over,
  };
}

describe('panel view model', () => {
  describe('header', () => {
    it('formats name, status, ids and times (relative on screen, absolute for the tooltip)', () => {
      const l = livestream({ status: 'LIVE', meetingId: 'meeting-1', createdAt: iso(2 * DAY), updatedAt: iso(5 * MIN) });
      const h = buildView(input(details(l, []))).details!.header;
      assert.equal(h.name, 'Keynote');
      assert.deepEqual(h.status, { label: 'LIVE', tone: 'live', icon: 'broadcast', spin: false });
      assert.equal(h.livestreamId, LIVESTREAM_ID);
      assert.equal(h.meetingId, 'meeting-1');
      assert.deepEqual(h.created, { relative: '2 days ago', absolute: '2026-11-26 12:00:00 UTC', short: '2026-11-26 12:00' });
      assert.deepEqual(h.updated, { relative: '5 min ago', absolute: '2026-11-28 11:55:00 UTC', short: '2026-11-28 11:55' });
    });

    it('keeps an unknown status verbatim with a neutral tone', () => {
      const h = buildView(input(details(livestream({ status: 'OFFLINE' }), []))).details!.header;
      assert.deepEqual(h.status, { label: 'OFFLINE', tone: 'other', icon: 'question', spin: false });
      assert.deepEqual(buildView(input(details(livestream({ status: 'IDLE' }), []))).details!.header.status, { label: 'IDLE', tone: 'idle', icon: 'circle-outline', spin: false });
    });

    it('shows missing times as a dash, not "Invalid Date"', () => {
      const h = buildView(input(details(livestream({ createdAt: null, updatedAt: 'garbage' }), []))).details!.header;
      assert.deepEqual(h.created, { relative: '', absolute: '—', short: '' });
      assert.deepEqual(h.updated, { relative: '', absolute: '—', short: '' });
    });

    it('keeps API strings as they are: escaping is the renderer’s job (text nodes)', () => {
      const name = '<img src=x onerror=alert(1)>';
      const view = buildView(input(details(livestream({ name }), [])));
      assert.equal(view.title, name);
      assert.equal(view.details!.header.name, name);
    });
  });

  describe('encoder (masking)', () => {
    it('never puts the stream key into the view, anywhere', () => {
      const l = livestream({ status: 'LIVE' });
      const view = buildView(input(details(l, [session(HOUR, 600)])));
      const json = JSON.stringify(view);
      assert.ok(!json.includes(KEY), 'stream key leaked into the view');
      assert.ok(!json.includes(KEY.slice(0, 16)), 'part of the stream key leaked into the view');
      const e = view.details!.encoder;
      assert.equal(e.hasStreamKey, true);
      assert.equal(e.streamKeyMasked, MASK);
      assert.equal(e.ingestServer, SERVER);
      assert.equal(e.rtmpUrlMasked, `${SERVER}${MASK}`);
      assert.ok(e.ffmpegMasked?.startsWith('ffmpeg -re'));
      assert.ok(e.ffmpegMasked?.includes(`${SERVER}${MASK}`));
      assert.equal(e.transport, 'RTMPS (encrypted)');
    });

    it('has nothing to mask or join for an unprovisioned livestream', () => {
      const e = buildView(input(details(livestream({ ingestServer: null, streamKey: null, playbackUrl: null }), []))).details!.encoder;
      assert.deepEqual(
        { has: e.hasStreamKey, masked: e.streamKeyMasked, url: e.rtmpUrlMasked, ffmpeg: e.ffmpegMasked, transport: e.transport },
        { has: false, masked: '', url: null, ffmpeg: null, transport: null },
      );
    });

    it('says when ingest is not encrypted', () => {
      const e = buildView(input(details(livestream({ ingestServer: 'rtmp://example.com/live' }), []))).details!.encoder;
      assert.equal(e.transport, 'RTMP (not encrypted)');
      assert.equal(e.rtmpUrlMasked, `rtmp://example.com/live/${MASK}`);
    });
  });

  describe('playback', () => {
    it('passes the URL and explains an HLS manifest', () => {
      const p = buildView(input(details(livestream(), []))).details!.playback;
      assert.equal(p.url, PLAYBACK);
      assert.match(p.hint, /HLS/);
    });
  });

  describe('sessions and stats', () => {
    const three = [session(2 * DAY, 3725, { viewerSeconds: 40_000 }), session(9 * DAY, 600, { errMessage: 'no keyframe for 30s' }), session(30 * DAY, 1800)];

    it('formats durations human-readably and keeps errors visible', () => {
      const s = buildView(input(details(livestream(), three))).details!.sessions;
      assert.deepEqual(
        s.rows.map((r) => [r.duration, r.ingest, r.viewer, r.error]),
        [
          ['1h 2m', '1h 2m', '11h 6m', null],
          ['10m', '10m', '1h 40m', 'no keyframe for 30s'],
          ['30m', '30m', '5h', null],
        ],
      );
      assert.deepEqual([s.rows[0].started.relative, s.rows[0].started.short], ['2 days ago', '2026-11-26 12:00']);
    });

    it('totals all sessions when the page holds them all, and says so', () => {
      const st = buildView(input(details(livestream(), three))).details!.stats;
      assert.deepEqual(
        st.tiles.map((t) => [t.label, t.value]),
        [
          ['Sessions', '3'],
          ['Ingest time', '1h 42m'],
          ['Viewer time', '17h 46m'],
        ],
      );
      assert.match(st.scope, /all 3 sessions/);
    });

    it('labels page sums as such when there are more sessions than the page', () => {
      const d = details(livestream(), three, { pageNo: 2, perPage: 3 }, 8);
      const first = loaded(details(livestream(), [session(HOUR, 60)], { pageNo: 1, perPage: 3 }, 8));
      const st = buildView(input(d, { firstPage: first })).details!.stats;
      assert.equal(st.tiles[0].value, '8');
      assert.equal(st.tiles[1].label, 'Ingest time (this page)');
      assert.match(st.scope, /sessions 4–6 of 8/);
      // The latest session comes from page 1, not from the page shown.
      assert.equal(st.latest?.id, first.value!.sessions[0].id);
    });

    it('on another page, takes the newest session the API names beside it, with no page-1 load', () => {
      const newest = session(HOUR, 60);
      const d = { ...details(livestream(), three, { pageNo: 2, perPage: 3 }, 8), latestSession: newest };
      const st = buildView(input(d)).details!.stats;
      assert.equal(st.latest?.id, newest.id);
    });

    it('describes the latest session, with its error prominently', () => {
      const failed = session(3 * HOUR, 754, { errMessage: 'Input stream ended unexpectedly' });
      const st = buildView(input(details(livestream({ status: 'ERRORED' }), [failed, session(7 * DAY, 3000)]))).details!.stats;
      assert.equal(st.latest?.id, failed.id);
      assert.equal(st.latest?.error, 'Input stream ended unexpectedly');
      assert.equal(st.latest?.duration, '12m 34s');
      assert.equal(st.latest?.running, false);
    });

    it('counts a LIVE livestream’s open session as running until now', () => {
      const open = session(42 * MIN, 0, { stoppedTime: null, ingestSeconds: 2500 });
      const older = session(2 * DAY, 60, { stoppedTime: null });
      const v = buildView(input(details(livestream({ status: 'LIVE' }), [open, older]))).details!;
      assert.equal(v.stats.latest?.running, true);
      assert.equal(v.stats.latest?.duration, '42m (running)');
      // An older session without a stop time is not "running": its duration is unknown.
      assert.deepEqual([v.sessions.rows[1].running, v.sessions.rows[1].duration], [false, '—']);
    });

    it('does not trust the API order for "latest"', () => {
      const a = session(5 * DAY, 60);
      const b = session(1 * DAY, 60);
      assert.equal(latestSession([a, b])?.id, b.id);
      assert.equal(latestSession([]), undefined);
    });

    it('explains an empty latest session', () => {
      const st = buildView(input(details(livestream(), []))).details!.stats;
      assert.equal(st.latest, null);
      assert.match(st.latestNote, /No sessions yet/);
    });

    it('shows app totals from analytics, loading, or its error', () => {
      const ok = buildView(input(details(livestream(), []))).details!.stats.app;
      assert.deepEqual(ok.state === 'loaded' && ok.tiles.map((t) => t.value), ['7', '2h', '1d 1h']);
      const loading = buildView(input(details(livestream(), []), { analytics: { ...EMPTY, loading: true } })).details!.stats.app;
      assert.deepEqual(loading, { state: 'loading' });
      const error = new ApiError({ kind: 'permission', message: 'The token lacks the Realtime permission.' });
      const failed = buildView(input(details(livestream(), []), { analytics: { ...EMPTY, error } })).details!.stats.app;
      assert.deepEqual(failed, { state: 'error', message: 'The token lacks the Realtime permission.' });
    });
  });

  describe('paging model', () => {
    it('describes a middle page', () => {
      assert.deepEqual(pagingModel(2, 10, 36, 10), {
        pageNo: 2,
        perPage: 10,
        totalCount: 36,
        totalPages: 4,
        from: 11,
        to: 20,
        hasPrev: true,
        hasNext: true,
        label: 'Sessions 11–20 of 36',
        pageSizes: [5, 10, 25, 50, 100],
      });
    });

    it('describes the last, partial page', () => {
      const p = pagingModel(4, 10, 36, 6);
      assert.deepEqual([p.from, p.to, p.hasPrev, p.hasNext, p.label], [31, 36, true, false, 'Sessions 31–36 of 36']);
    });

    it('has one page and no navigation when empty', () => {
      const p = pagingModel(1, 10, 0, 0);
      assert.deepEqual([p.totalPages, p.hasPrev, p.hasNext, p.label], [1, false, false, 'No sessions yet']);
    });

    it('offers a way back from a page past the end', () => {
      const p = pagingModel(9, 10, 36, 0);
      assert.deepEqual([p.hasPrev, p.hasNext, p.totalPages], [true, false, 4]);
      assert.match(p.label, /past the last session \(36 sessions\)/);
    });

    it('trusts the rows over a total that is too small', () => {
      const p = pagingModel(1, 10, 0, 3);
      assert.deepEqual([p.totalCount, p.label], [3, 'Sessions 1–3 of 3']);
    });
  });

  describe('fetch state', () => {
    it('keeps the last good details beside an error, which offers sign-in on auth failures', () => {
      const error = new ApiError({ kind: 'auth', status: 401, message: 'The API token was rejected: set it again.' });
      const view = buildView(input({ value: details(livestream(), []), loading: false, error, loadedAt: NOW - 20_000 }));
      assert.ok(view.details, 'the last good details are still shown');
      assert.deepEqual(view.fetch.error, { message: 'The API token was rejected: set it again.', action: 'setApiToken' });
      assert.equal(view.fetch.ageMs, 20_000);
    });

    it('has no details and a fallback title before the first load', () => {
      const view = buildView(input({ ...EMPTY, loading: true }, { fallbackTitle: 'From the tree' }));
      assert.equal(view.details, null);
      assert.equal(view.title, 'From the tree');
      assert.equal(view.fetch.loading, true);
      assert.equal(view.fetch.ageMs, null);
      assert.equal(buildView(input({ ...EMPTY })).title, `Livestream ${LIVESTREAM_ID}`);
    });

    it('shows a notice instead of data for another account or when signed out', () => {
      const other = buildView(input(details(livestream(), []), { notice: { kind: 'otherAccount', accountId: ACCOUNT_ID } }));
      assert.equal(other.details, null);
      assert.equal(other.notice?.action, 'selectAccount');
      assert.ok(other.notice?.message.includes(ACCOUNT_ID));
      const out = buildView(input({ ...EMPTY }, { notice: { kind: 'signedOut' } }));
      assert.deepEqual([out.notice?.action, out.notice?.actionLabel], ['setApiToken', 'Set API Token']);
    });
  });

  describe('updated-ago text', () => {
    it('ticks in seconds, then minutes and hours', () => {
      assert.deepEqual(
        [0, 4_999, 5_000, 59_000, 60_000, 3_599_000, 7_200_000, -5, Number.NaN].map(updatedAgoText),
        [
          'Updated just now',
          'Updated just now',
          'Updated 5s ago',
          'Updated 59s ago',
          'Updated 1 min ago',
          'Updated 59 min ago',
          'Updated 2 h ago',
          'Updated just now',
          'Updated just now',
        ],
      );
    });
  });
});
