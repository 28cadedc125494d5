// A bar chart from its geometry (panel/chart.ts computed every coordinate): SVG built with
// `svg()`, labels as text nodes, colours from CSS classes. Shared by the panel and the dashboard.
import type { ChartModel } from '../contract/common';
import { h, svg } from './dom';

export function chart(c: ChartModel): HTMLElement {
  if (c.labels.length === 0) {
    return h('p', { class: 'muted', 'data-key': 'chart' }, c.summary);
  }
  const root = svg('svg', { viewBox: `0 0 ${c.width} ${c.height}`, role: 'img', 'aria-label': c.summary, 'data-testid': 'chart', preserveAspectRatio: 'xMidYMid meet' });
  for (const p of c.panes) {
    const g = svg('g', { class: `pane pane-${p.kind}` });
    g.append(svg('text', { class: 'pane-title', x: p.titleAt.x, y: p.titleAt.y }, p.title));
    for (const t of p.ticks) {
      g.append(
        svg('line', { class: 'gridline', x1: p.plot.left, x2: p.plot.right, y1: t.y, y2: t.y }),
        svg('text', { class: 'tick', x: p.plot.left - 6, y: t.y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, t.label),
      );
    }
    for (const b of p.bars) {
      g.append(svg('rect', { class: `bar bar-${p.kind}`, x: b.x, y: b.y, width: b.width, height: b.height }, svg('title', {}, b.tooltip)));
    }
    root.append(g);
  }
  const labels = svg('g', { class: 'labels' });
  for (const l of c.labels) {
    labels.append(svg('text', { class: 'tick', x: l.x, y: l.y, 'text-anchor': 'middle' }, l.text));
  }
  root.append(labels);
  return h('figure', { class: 'chart', 'data-key': 'chart' }, root, chartTable(c));
}

/**
 * The chart's text alternative: its data as a table only screen readers see. The bars' values
 * are otherwise in hover tooltips, out of reach of the keyboard too. (A view saved by an older
 * version has no table: the summary still names the chart.)
 */
function chartTable(c: ChartModel): HTMLElement | null {
  const t = c.table as ChartModel['table'] | undefined;
  if (!t || t.rows.length === 0) return null;
  return h(
    'table',
    { class: 'visually-hidden', 'data-testid': 'chart-data' },
    h('caption', {}, t.caption),
    h('thead', {}, h('tr', {}, ...t.headers.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...t.rows.map(([heading, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, heading), ...cells.map((cell) => h('td', {}, cell))))),
  );
}
