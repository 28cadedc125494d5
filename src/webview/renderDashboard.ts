// DashboardView -> DOM: the range picker, totals, the day chart and the app's LIVE and ERRORED
// livestreams as links. Everything through `h()`: API strings (app and livestream names) are text.
import * as l10n from '@vscode/l10n';
import type { DashboardView, LinkList, Part } from '../contract/appDashboard';
import { RANGE_DAYS } from '../contract/appDashboard';
import type { StatTile } from '../contract/common';
import { chart } from './chart';
import { h, icon, type Child } from './dom';
import { livestreamLinks } from './links';
import { button, card } from './widgets';

export const UPDATED_ID = 'updated-ago';

/** `loading` is the whole sentence shown meanwhile ("Loading totals…"). */
function partOf<T>(p: Part<T>, loaded: (value: T) => Child, loading: string): Child {
  if (p.state === 'loaded') return loaded(p);
  if (p.state === 'error') return h('p', { class: 'error-text', role: 'alert' }, icon('warning'), ' ', p.message);
  return h('p', { class: 'muted' }, icon('loading', 'codicon-modifier-spin'), ` ${loading}`);
}

function tiles(list: readonly StatTile[]): HTMLElement {
  return h('dl', { class: 'tiles', 'data-testid': 'dashboard-totals' }, ...list.map((t) => h('div', { class: 'tile', title: t.tooltip }, h('dt', {}, t.label), h('dd', {}, t.value))));
}

function rangePicker(view: DashboardView): HTMLElement {
  return h(
    'div',
    { class: 'range-picker', role: 'group', 'aria-label': l10n.t({ message: 'Range', comment: ['The group of buttons that pick how many days the dashboard shows'] }) },
    ...RANGE_DAYS.map((days) =>
      h(
        'button',
        { type: 'button', class: `button${days === view.days ? '' : ' secondary'}`, 'aria-pressed': String(days === view.days), 'data-action': 'range', 'data-days': days, 'data-key': `range:${days}` },
        l10n.t('Last {0} days', days),
      ),
    ),
  );
}

function header(view: DashboardView, updatedText: string): HTMLElement {
  return h(
    'header',
    { class: 'header' },
    h('div', { class: 'title-row' }, h('h1', {}, view.title), h('span', { class: 'muted' }, l10n.t('Livestream analytics'))),
    h('dl', { class: 'ids' }, h('div', {}, h('dt', {}, l10n.t('App ID')), h('dd', {}, h('code', {}, view.appId)))),
    h(
      'div',
      { class: 'fetch-status' },
      rangePicker(view),
      view.rangeLabel ? h('span', { class: 'muted', 'data-testid': 'range-label' }, view.rangeLabel) : null,
      view.fetch.loading ? h('span', { class: 'loading' }, icon('sync', 'codicon-modifier-spin'), ` ${l10n.t('Refreshing…')}`) : null,
      h('span', { id: UPDATED_ID, 'aria-live': 'off' }, updatedText),
      button(l10n.t('Refresh'), 'refresh', { 'data-action': 'refresh', 'data-key': 'refresh' }),
    ),
  );
}

function livestreams(title: string, iconName: string, p: Part<LinkList>, testid: string, none: string, loading: string): HTMLElement {
  return card(
    `${testid}-list`,
    title,
    iconName,
    partOf(
      p,
      (l) =>
        l.links.length === 0
          ? h('p', { class: 'muted' }, none)
          : h(
              'div',
              {},
              livestreamLinks(l.links, testid),
              l.total > l.links.length
                ? h(
                    'p',
                    { class: 'hint' },
                    l10n.t({ message: "The newest {0} of {1}: the tree's status filter shows them all.", args: [l.links.length, l.total], comment: ['{0} livestreams shown of {1} in all'] }),
                  )
                : null,
            ),
      loading,
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
        button(l10n.t('Retry'), 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, l10n.t('Retry')),
        view.fetch.error.action ? button(l10n.t('Set API Token'), 'key', { 'data-action': 'command', 'data-command': view.fetch.error.action, 'data-key': `cmd:${view.fetch.error.action}` }, l10n.t('Set API Token'), 'secondary') : null,
      ),
    );
  }
  out.push(
    h(
      'div',
      { class: 'grid dashboard-grid' },
      card('totals', l10n.t('Totals, last {0} days', view.days), 'dashboard', partOf(view.totals, (t) => tiles(t.tiles), l10n.t('Loading totals…'))),
      card(
        'days',
        l10n.t('By day'),
        'graph',
        partOf(
          view.chart,
          (c) => h('div', { 'data-testid': 'day-chart' }, chart(c.model), h('p', { class: 'hint' }, c.model.summary)),
          l10n.t('Loading the analytics by day…'),
        ),
      ),
      livestreams(l10n.t('LIVE now'), 'broadcast', view.live, 'live', l10n.t('Nothing is LIVE in this app right now.'), l10n.t('Loading livestreams…')),
      livestreams(
        l10n.t({ message: 'ERRORED', comment: ['Heading of the list of ERRORED livestreams: the API\'s status name, as the status badges show it'] }),
        'error',
        view.errored,
        'errored',
        l10n.t('No livestream of this app is ERRORED.'),
        l10n.t('Loading livestreams…'),
      ),
    ),
  );
  return out;
}
