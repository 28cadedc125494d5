// DashboardView -> DOM: the range picker, totals, the day chart and the app's LIVE and ERRORED
// livestreams as links. Everything through `h()`: API strings (app and livestream names) are text.
import type { DashboardView, LinkList, Part } from '../contract/appDashboard';
import { RANGE_DAYS } from '../contract/appDashboard';
import type { StatTile } from '../contract/common';
import { chart } from './chart';
import { h, icon, type Child } from './dom';
import { livestreamLinks } from './links';
import { button, card } from './widgets';

export const UPDATED_ID = 'updated-ago';

function partOf<T>(p: Part<T>, loaded: (value: T) => Child, what: string): Child {
  if (p.state === 'loaded') return loaded(p);
  if (p.state === 'error') return h('p', { class: 'error-text', role: 'alert' }, icon('warning'), ' ', p.message);
  return h('p', { class: 'muted' }, icon('loading', 'codicon-modifier-spin'), ` Loading ${what}…`);
}

function tiles(list: readonly StatTile[]): HTMLElement {
  return h('dl', { class: 'tiles', 'data-testid': 'dashboard-totals' }, ...list.map((t) => h('div', { class: 'tile', title: t.tooltip }, h('dt', {}, t.label), h('dd', {}, t.value))));
}

function rangePicker(view: DashboardView): HTMLElement {
  return h(
    'div',
    { class: 'range-picker', role: 'group', 'aria-label': 'Range' },
    ...RANGE_DAYS.map((days) =>
      h(
        'button',
        { type: 'button', class: `button${days === view.days ? '' : ' secondary'}`, 'aria-pressed': String(days === view.days), 'data-action': 'range', 'data-days': days, 'data-key': `range:${days}` },
        `Last ${days} days`,
      ),
    ),
  );
}

function header(view: DashboardView, updatedText: string): HTMLElement {
  return h(
    'header',
    { class: 'header' },
    h('div', { class: 'title-row' }, h('h1', {}, view.title), h('span', { class: 'muted' }, 'Livestream analytics')),
    h('dl', { class: 'ids' }, h('div', {}, h('dt', {}, 'App ID'), h('dd', {}, h('code', {}, view.appId)))),
    h(
      'div',
      { class: 'fetch-status' },
      rangePicker(view),
      view.rangeLabel ? h('span', { class: 'muted', 'data-testid': 'range-label' }, view.rangeLabel) : null,
      view.fetch.loading ? h('span', { class: 'loading' }, icon('sync', 'codicon-modifier-spin'), ' Refreshing…') : null,
      h('span', { id: UPDATED_ID, 'aria-live': 'off' }, updatedText),
      button('Refresh', 'refresh', { 'data-action': 'refresh', 'data-key': 'refresh' }),
    ),
  );
}

function livestreams(title: string, iconName: string, p: Part<LinkList>, testid: string, none: string): HTMLElement {
  return card(
    `${testid}-list`,
    title,
    iconName,
    partOf(
      p,
      (l) =>
        l.links.length === 0
          ? h('p', { class: 'muted' }, none)
          : h('div', {}, livestreamLinks(l.links, testid), l.total > l.links.length ? h('p', { class: 'hint' }, `The newest ${l.links.length} of ${l.total}: the tree's status filter shows them all.`) : null),
      'livestreams',
    ),
  );
}

export function renderDashboard(view: DashboardView, updatedText: string): HTMLElement[] {
  const out: HTMLElement[] = [header(view, updatedText)];
  if (view.notice) {
    out.push(
      h(
        'div',
        { class: 'banner banner-info', role: 'status' },
        icon('info'),
        h('span', { class: 'banner-text' }, view.notice.message),
        button(view.notice.actionLabel, view.notice.action === 'setApiToken' ? 'key' : 'account', { 'data-action': 'command', 'data-command': view.notice.action, 'data-key': `cmd:${view.notice.action}` }, view.notice.actionLabel),
      ),
    );
    return out;
  }
  if (view.fetch.error) {
    out.push(
      h(
        'div',
        { class: 'banner banner-error', role: 'alert' },
        icon('error'),
        h('span', { class: 'banner-text' }, view.fetch.error.message),
        button('Retry', 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, 'Retry'),
        view.fetch.error.action ? button('Set API Token', 'key', { 'data-action': 'command', 'data-command': view.fetch.error.action, 'data-key': `cmd:${view.fetch.error.action}` }, 'Set API Token', 'secondary') : null,
      ),
    );
  }
  out.push(
    h(
      'div',
      { class: 'grid dashboard-grid' },
      card('totals', `Totals, last ${view.days} days`, 'dashboard', partOf(view.totals, (t) => tiles(t.tiles), 'totals')),
      card(
        'days',
        'By day',
        'graph',
        partOf(
          view.chart,
          (c) => h('div', { 'data-testid': 'day-chart' }, chart(c.model), h('p', { class: 'hint' }, c.model.summary)),
          'the analytics by day',
        ),
      ),
      livestreams('LIVE now', 'broadcast', view.live, 'live', 'Nothing is LIVE in this app right now.'),
      livestreams('ERRORED', 'error', view.errored, 'errored', 'No livestream of this app is ERRORED.'),
    ),
  );
  return out;
}
