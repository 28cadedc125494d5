// The panel's stats and sessions: totals, the latest session, the chart of ingest vs viewer time
// and the paged table. Everything through `h()`/`svg()`: API strings are text nodes.
import * as l10n from '@vscode/l10n';
import type { DetailsView, PagingView, SessionRow, StatsView, StatTile } from '../contract/livestreamPanel';
import { chart } from './chart';
import { h, icon } from './dom';
import { card, cellTime, time } from './widgets';

/** A session id as a link to its view (every field, its error). */
function openSession(id: string, label: HTMLElement): HTMLElement {
  return h('button', { type: 'button', class: 'link', title: l10n.t({ message: 'Open session {0}', args: [id], comment: ['{0} is the session\'s id'] }), 'data-action': 'open-session', 'data-session-id': id, 'data-key': `session:${id}` }, label);
}

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
      h('div', {}, h('dt', {}, l10n.t('Started')), h('dd', {}, time(l.started))),
      h('div', {}, h('dt', {}, l10n.t('Stopped')), h('dd', {}, l.running ? h('span', { class: 'tone-live-text' }, l10n.t('Still running')) : time(l.stopped))),
      h('div', {}, h('dt', {}, l10n.t('Duration')), h('dd', {}, l.duration)),
      h('div', {}, h('dt', {}, l10n.t({ message: 'Ingest', comment: ['How long the encoder\'s input was received'] })), h('dd', {}, l.ingest)),
      h('div', {}, h('dt', {}, l10n.t('Viewer time')), h('dd', {}, l.viewer)),
      h('div', {}, h('dt', {}, l10n.t({ message: 'Session', comment: ['Label of a session\'s id'] })), h('dd', {}, openSession(l.id, h('code', { class: 'id' }, l.id)))),
    ),
  );
}

export function stats(s: StatsView): HTMLElement {
  const app = s.app;
  return card(
    'stats',
    l10n.t('Session stats'),
    'graph',
    h('h3', {}, l10n.t('This livestream')),
    tiles(s.tiles, 'totals'),
    h('p', { class: 'hint' }, s.scope),
    h('h3', {}, l10n.t('Latest session')),
    latest(s),
    h('h3', {}, l10n.t('App totals')),
    app.state === 'loaded'
      ? tiles(app.tiles, 'app-totals')
      : app.state === 'error'
        ? h('p', { class: 'error-text' }, icon('warning'), ' ', app.message)
        : h('p', { class: 'muted' }, l10n.t('Loading…')),
  );
}

// ---- sessions -----------------------------------------------------------------------------

function sessionRows(r: SessionRow): HTMLElement[] {
  const rows = [
    h(
      'tr',
      // Keyed, so a row keeps its place (and the focus in it) when a new session arrives above it.
      { class: r.error ? 'has-error' : undefined, 'data-key': `row:${r.id}` },
      h('td', {}, cellTime(r.started)),
      h('td', {}, r.running ? h('span', { class: 'tone-live-text' }, l10n.t({ message: 'Running', comment: ['A session that has not stopped yet'] })) : cellTime(r.stopped)),
      h('td', {}, r.duration),
      h('td', { class: 'num' }, r.ingest),
      h('td', { class: 'num' }, r.viewer),
      h('td', {}, openSession(r.id, h('code', { class: 'id' }, r.id))),
    ),
  ];
  if (r.error) {
    rows.push(h('tr', { class: 'error-row', 'data-key': `row-error:${r.id}` }, h('td', { colspan: 6 }, icon('error'), ' ', h('span', { 'data-testid': 'session-error' }, r.error))));
  }
  return rows;
}

function pager(p: PagingView): HTMLElement {
  const go = (key: string, label: string, title: string, iconName: string | null, pageNo: number, enabled: boolean) =>
    h(
      'button',
      { type: 'button', class: 'button secondary', title, 'data-action': 'page', 'data-page-no': pageNo, 'data-key': `page:${key}`, disabled: !enabled },
      key === 'next' || key === 'last' ? h('span', {}, label) : null,
      iconName ? icon(iconName) : null,
      key === 'first' || key === 'prev' ? h('span', {}, label) : null,
    );
  const select = h(
    'select',
    { 'data-action': 'per-page', 'data-key': 'per-page', 'aria-label': l10n.t('Sessions per page'), id: 'per-page' },
    ...p.pageSizes.map((n) => h('option', { value: n, selected: n === p.perPage }, String(n))),
  );
  return h(
    'nav',
    { class: 'pager', 'aria-label': l10n.t('Sessions pages') },
    h('span', { class: 'pager-label', 'data-testid': 'paging-label' }, p.label),
    h(
      'span',
      { class: 'pager-buttons' },
      go('first', l10n.t({ message: 'First', comment: ['Pager button: the first page'] }), l10n.t('First page'), null, 1, p.hasPrev),
      go('prev', l10n.t({ message: 'Previous', comment: ['Pager button: the previous page'] }), l10n.t('Previous page'), 'chevron-left', p.pageNo - 1, p.hasPrev),
      h('span', { class: 'page-no', 'data-testid': 'page-no' }, l10n.t('Page {0} of {1}', p.pageNo, p.totalPages)),
      go('next', l10n.t({ message: 'Next', comment: ['Pager button: the next page'] }), l10n.t('Next page'), 'chevron-right', p.pageNo + 1, p.hasNext),
      go('last', l10n.t({ message: 'Last', comment: ['Pager button: the last page'] }), l10n.t('Last page'), null, p.totalPages, p.hasNext),
    ),
    h('label', { class: 'per-page', for: 'per-page' }, `${l10n.t('Per page')} `, select),
  );
}

export function sessions(d: DetailsView): HTMLElement {
  const s = d.sessions;
  return card(
    'sessions',
    l10n.t('Sessions'),
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
              h(
                'tr',
                {},
                ...[
                  l10n.t('Started (UTC)'),
                  l10n.t('Stopped (UTC)'),
                  l10n.t('Duration'),
                  l10n.t({ message: 'Ingest', comment: ['How long the encoder\'s input was received'] }),
                  l10n.t('Viewer time'),
                  l10n.t({ message: 'Session', comment: ['Label of a session\'s id'] }),
                ].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h('tbody', {}, ...s.rows.flatMap(sessionRows)),
          ),
        )
      : null,
    pager(s.paging),
  );
}

