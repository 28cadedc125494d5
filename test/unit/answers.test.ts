// The meeting and analytics-by-day answers in shapes the fake does not produce: what the SDKs
// describe ("all active livestreams" as a list), dates sent as timestamps, a day sent twice.
import assert from 'node:assert/strict';
import { toDaywise, toMeetingActiveLivestream, toMeetingLivestreams, toSessionPage } from '../../src/api/answers';

describe('meeting and analytics-by-day answers', () => {
  it('an active livestream sent as a list, or wrapped as `livestream`: the first is the one', () => {
    assert.equal(toMeetingActiveLivestream({ success: true, data: [{ id: 'ls-a', status: 'LIVE' }, { id: 'ls-b' }] }, 'app').id, 'ls-a');
    assert.equal(toMeetingActiveLivestream({ success: true, data: { livestream: { id: 'ls-c', name: 'C' } } }, 'app').name, 'C');
    assert.throws(() => toMeetingActiveLivestream({ success: true, data: {} }, 'app'), /without a livestream id/);
  });

  it("a meeting's livestreams as a bare list; items without an id are skipped and reported", () => {
    const warnings: string[] = [];
    const page = toMeetingLivestreams({ success: true, data: [{ id: 'ls-1' }, { name: 'no id' }] }, 'app', 1, 25, (m) => warnings.push(m));
    assert.deepEqual(page.livestreams.map((l) => l.id), ['ls-1']);
    assert.deepEqual(page.sessions, []);
    assert.deepEqual(page.paging, { startOffset: 0, endOffset: 0, totalCount: 1 });
    assert.deepEqual(warnings, ["Skipped 1 livestream without an id in the API's answer."]);
    assert.throws(() => toMeetingLivestreams({ success: true, data: 'nothing' }, 'app', 1, 25), /meeting's livestreams could not be read/);
  });

  it('livestream sessions under `livestream_sessions`, newest first whatever the order sent', () => {
    const page = toSessionPage(
      { success: true, data: { livestream_sessions: [{ id: 's-old', started_time: '2026-01-01T00:00:00Z' }, { id: 's-new', started_time: '2026-02-01T00:00:00Z' }], paging: { total_count: '2' } } },
      1,
      10,
    );
    assert.deepEqual(page.items.map((s) => s.id), ['s-new', 's-old']);
    assert.equal(page.paging.totalCount, 2);
    assert.throws(() => toSessionPage({ success: true, data: null }, 1, 10), /livestream sessions could not be read/);
  });

  it('days as timestamps or dates, a day sent twice summed, undated days reported, oldest first', () => {
    const warnings: string[] = [];
    const days = toDaywise(
      {
        success: true,
        data: [
          { date: '2026-11-28T00:00:00.000Z', count: '2', total_ingest_seconds: '60', total_viewer_seconds: 600 },
          { date: '2026-11-27', count: 1, total_ingest_seconds: 30, total_viewer_seconds: 90 },
          { date: '2026-11-28', count: 1, total_ingest_seconds: 10, total_viewer_seconds: 20 },
          { count: 5 },
        ],
      },
      (m) => warnings.push(m),
    );
    assert.deepEqual(days, [
      { date: '2026-11-27', count: 1, totalIngestSeconds: 30, totalViewerSeconds: 90 },
      { date: '2026-11-28', count: 3, totalIngestSeconds: 70, totalViewerSeconds: 620 },
    ]);
    assert.deepEqual(warnings, ['Skipped 1 day without a date in the analytics by day.']);
    assert.deepEqual(toDaywise({ success: true, data: { days: [{ date: '2026-11-01', count: 1 }] } }).map((d) => d.date), ['2026-11-01']);
    assert.throws(() => toDaywise({ success: true }), /analytics by day could not be read/);
  });
});
