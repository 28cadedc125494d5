import assert from 'node:assert/strict';
import { buildChart, niceStep, type ChartInput } from '../../src/panel/chart';

function input(ingestSeconds: number, viewerSeconds: number, i = 0): ChartInput {
  return { id: `s${i}`, label: `11-${String(10 + i).padStart(2, '0')}`, title: `session ${i}`, ingestSeconds, viewerSeconds };
}

describe('session chart geometry', () => {
  it('picks readable duration steps (two per pane axis by default)', () => {
    assert.equal(niceStep(0), 30); // an empty chart still gets a one-minute axis
    assert.equal(niceStep(50), 30);
    assert.equal(niceStep(61), 60);
    assert.equal(niceStep(3725), 3600);
    assert.equal(niceStep(3725, 4), 1800);
    assert.equal(niceStep(40_000), 21600);
    assert.equal(niceStep(90 * 86400), 50 * 86400);
  });

  it('gives ingest and viewer time their own pane and axis, columns aligned', () => {
    const c = buildChart([input(1800, 360_000, 0), input(900, 0, 1)]);
    const [ingest, viewer] = c.panes;
    assert.deepEqual([ingest.kind, viewer.kind], ['ingest', 'viewer']);
    assert.ok(ingest.plot.bottom < viewer.plot.top, 'the panes do not overlap');
    assert.equal(ingest.max, 1800);
    assert.equal(viewer.max, 5 * 86400);
    // Each pane scales to itself: the largest ingest fills the ingest pane although the viewer time is 200 times larger.
    const h = ingest.plot.bottom - ingest.plot.top;
    assert.equal(ingest.bars[0].height, h);
    assert.equal(ingest.bars[1].height, h / 2);
    assert.equal(viewer.bars[1].height, 0);
    assert.deepEqual(
      ingest.bars.map((b) => b.x),
      viewer.bars.map((b) => b.x),
    );
    for (const p of c.panes) {
      for (const b of p.bars) {
        assert.ok(Math.abs(b.y + b.height - p.plot.bottom) < 0.11, 'bar sits on its baseline');
      }
    }
  });

  it('keeps every bar inside its plot and the columns in order', () => {
    const c = buildChart(Array.from({ length: 25 }, (_, i) => input(i * 100, i * 1000, i)));
    for (const p of c.panes) {
      for (const b of p.bars) {
        assert.ok(b.x >= p.plot.left && b.x + b.width <= p.plot.right + 0.1, `bar at ${b.x} escapes the plot`);
        assert.ok(b.y >= p.plot.top && b.height >= 0 && b.width > 0);
      }
      const xs = p.bars.map((b) => b.x);
      assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
    }
    assert.ok(c.panes[1].max >= 24_000);
    assert.ok(c.labels.every((l) => l.y <= 208 && l.y > c.panes[1].plot.bottom));
  });

  it('thins out x labels when columns are narrow, always labelling the newest', () => {
    const wide = buildChart([input(1, 1, 0), input(1, 1, 1), input(1, 1, 2)]);
    assert.equal(wide.labels.length, 3);
    const dense = buildChart(Array.from({ length: 40 }, (_, i) => input(60, 60, i)));
    assert.ok(dense.labels.length < 40 && dense.labels.length >= 5, `${dense.labels.length} labels`);
    assert.equal(dense.labels[dense.labels.length - 1].text, '11-49');
  });

  it('labels ticks as durations from zero to the top of each axis', () => {
    const c = buildChart([input(3725, 100)]);
    assert.deepEqual(
      c.panes[0].ticks.map((t) => t.label),
      ['0s', '1h', '2h'],
    );
    assert.deepEqual(
      c.panes[1].ticks.map((t) => t.label),
      ['0s', '1m', '2m'],
    );
    const p = c.panes[0];
    assert.equal(p.ticks[0].y, p.plot.bottom);
    assert.equal(p.ticks[p.ticks.length - 1].y, p.plot.top);
  });

  it('caps bar width so a single session is not a slab, and tooltips carry the values', () => {
    const c = buildChart([input(120, 7200)]);
    assert.ok(c.panes.every((p) => p.bars.every((b) => b.width <= 28)));
    assert.equal(c.panes[0].bars[0].tooltip, 'session 0 — ingest 2m');
    assert.equal(c.panes[1].bars[0].tooltip, 'session 0 — viewer time 2h');
    assert.match(c.summary, /1 session, .*most ingest is 2m, the most viewer time 2h/);
  });

  it('carries its data as rows, oldest first, for a table screen readers read', () => {
    const c = buildChart([input(120, 7200, 0), input(Number.NaN, 90, 1)]);
    assert.deepEqual(c.table.headers, ['Session started', 'Ingest time (input received)', 'Viewer time (all viewers)']);
    assert.deepEqual(c.table.rows, [
      ['session 0', '2m', '2h'],
      ['session 1', '0s', '1m 30s'],
    ]);
    assert.deepEqual(buildChart([]).table.rows, []);
  });

  it('survives no sessions and bad numbers', () => {
    const empty = buildChart([]);
    assert.deepEqual([empty.panes[0].bars.length, empty.labels.length, empty.width, empty.height], [0, 0, 640, 208]);
    assert.equal(empty.summary, 'No sessions to chart.');
    const bad = buildChart([input(Number.NaN, -5)]);
    assert.ok(bad.panes.every((p) => p.bars.every((b) => b.height === 0 && Number.isFinite(b.y))));
  });
});
