// A bar chart from its geometry (panel/chart.ts computed every coordinate): SVG built with
// `svg()`, labels as text nodes, colours from CSS classes. Shared by the panel and the dashboard.
import type { ChartModel } from '../contract/common';
import { h, svg } from './dom';

export function chart(c: ChartModel): HTMLElement {
  if (c.labels.length === 0) {
    return h('p', { class: 'muted' }, c.summary);
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
  return h('figure', { class: 'chart' }, root);
}
