// The panel's stats and sessions: totals, the latest session, the chart of ingest vs viewer time
// and the paged table. Everything through `h()`/`svg()`: API strings are text nodes.
import type { ChartModel, DetailsView, PagingView, SessionRow, StatsView, StatTile } from '../contract/livestreamPanel';
import { h, icon, svg } from './dom';
import { card, cellTime, time } from './widgets';

// ---- stats --------------------------------------------------------------------------------

function tiles(list: readonly StatTile[], testid: string): HTMLElement {
  return h(
    'dl',
    { class: 'tiles', 'data-testid': testid },
    ...list.map((t) => h('div', { class: 'tile', title: t.tooltip }, h('dt', {}, t.label), h('dd', {}, t.value))),
  );
}

function latest(s: StatsView): HTMLElement {
  const l = s.latest;
  if (!l) {
    return h('p', { class: 'muted' }, s.latestNote);
  }
  return h(
    'div',
    { class: 'latest', 'data-testid': 'latest-session' },
    l.error ? h('div', { class: 'banner banner-error', role: 'note' }, icon('error'), h('span', { class: 'banner-text', 'data-testid': 'latest-error' }, l.error)) : null,
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Started'), h('dd', {}, time(l.started))),
      h('div', {}, h('dt', {}, 'Stopped'), h('dd', {}, l.running ? h('span', { class: 'tone-live-text' }, 'Still running') : time(l.stopped))),
      h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, l.duration)),
      h('div', {}, h('dt', {}, 'Ingest'), h('dd', {}, l.ingest)),
      h('div', {}, h('dt', {}, 'Viewer time'), h('dd', {}, l.viewer)),
      h('div', {}, h('dt', {}, 'Session'), h('dd', {}, h('code', { class: 'id' }, l.id))),
    ),
  );
}

export function stats(s: StatsView): HTMLElement {
  const app = s.app;
  return card(
    'stats',
    'Session stats',
    'graph',
    h('h3', {}, 'This livestream'),
    tiles(s.tiles, 'totals'),
    h('p', { class: 'hint' }, s.scope),
    h('h3', {}, 'Latest session'),
    latest(s),
    h('h3', {}, 'App totals'),
    app.state === 'loaded'
      ? tiles(app.tiles, 'app-totals')
      : app.state === 'error'
        ? h('p', { class: 'error-text' }, icon('warning'), ' ', app.message)
        : h('p', { class: 'muted' }, 'Loading…'),
  );
}

// ---- sessions -----------------------------------------------------------------------------

function chart(c: ChartModel): HTMLElement {
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
 * version has no rows: the summary still names the chart.)
 */
function chartTable(c: ChartModel): HTMLElement | null {
  const rows = c.rows ?? [];
  if (rows.length === 0) return null;
  return h(
    'table',
    { class: 'visually-hidden', 'data-testid': 'chart-data' },
    h('caption', {}, 'Chart data: ingest and viewer time per session, oldest first'),
    h('thead', {}, h('tr', {}, ...['Session started', 'Ingest time', 'Viewer time'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.when), h('td', {}, r.ingest), h('td', {}, r.viewer)))),
  );
}

function sessionRows(r: SessionRow): HTMLElement[] {
  const rows = [
    h(
      'tr',
      { class: r.error ? 'has-error' : undefined },
      h('td', {}, cellTime(r.started)),
      h('td', {}, r.running ? h('span', { class: 'tone-live-text' }, 'Running') : cellTime(r.stopped)),
      h('td', {}, r.duration),
      h('td', { class: 'num' }, r.ingest),
      h('td', { class: 'num' }, r.viewer),
      h('td', {}, h('code', { class: 'id', title: r.id }, r.id)),
    ),
  ];
  if (r.error) {
    rows.push(h('tr', { class: 'error-row' }, h('td', { colspan: 6 }, icon('error'), ' ', h('span', { 'data-testid': 'session-error' }, r.error))));
  }
  return rows;
}

function pager(p: PagingView): HTMLElement {
  const go = (key: string, label: string, iconName: string | null, pageNo: number, enabled: boolean) =>
    h(
      'button',
      { type: 'button', class: 'button secondary', title: `${label} page`, 'data-action': 'page', 'data-page-no': pageNo, 'data-key': `page:${key}`, disabled: !enabled },
      key === 'next' || key === 'last' ? h('span', {}, label) : null,
      iconName ? icon(iconName) : null,
      key === 'first' || key === 'prev' ? h('span', {}, label) : null,
    );
  const select = h(
    'select',
    { 'data-action': 'per-page', 'data-key': 'per-page', 'aria-label': 'Sessions per page', id: 'per-page' },
    ...p.pageSizes.map((n) => h('option', { value: n, selected: n === p.perPage }, String(n))),
  );
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Sessions pages' },
    h('span', { class: 'pager-label', 'data-testid': 'paging-label' }, p.label),
    h(
      'span',
      { class: 'pager-buttons' },
      go('first', 'First', null, 1, p.hasPrev),
      go('prev', 'Previous', 'chevron-left', p.pageNo - 1, p.hasPrev),
      h('span', { class: 'page-no', 'data-testid': 'page-no' }, `Page ${p.pageNo} of ${p.totalPages}`),
      go('next', 'Next', 'chevron-right', p.pageNo + 1, p.hasNext),
      go('last', 'Last', null, p.totalPages, p.hasNext),
    ),
    h('label', { class: 'per-page', for: 'per-page' }, 'Per page ', select),
  );
}

export function sessions(d: DetailsView): HTMLElement {
  const s = d.sessions;
  return card(
    'sessions',
    'Sessions',
    'history',
    chart(s.chart),
    s.rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'data-testid': 'sessions' },
            h('caption', { class: 'visually-hidden' }, s.paging.label),
            h(
              'thead',
              {},
              h('tr', {}, ...['Started (UTC)', 'Stopped (UTC)', 'Duration', 'Ingest', 'Viewer time', 'Session'].map((t) => h('th', { scope: 'col' }, t))),
            ),
            h('tbody', {}, ...s.rows.flatMap(sessionRows)),
          ),
        )
      : null,
    pager(s.paging),
  );
}

