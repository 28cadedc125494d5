// Going live in the panel: the watch bar (watched until when, with Stop or Watch), the session in
// progress with a duration that ticks on the webview's clock, what an ERRORED livestream needs
// checked, and the encoder checklist (a <details> whose state the extension remembers).
import * as l10n from '@vscode/l10n';
import type { ChecklistView, DetailsView, LiveView, TroubleView } from '../contract/livestreamPanel';
import { h, icon } from './dom';
import { button, card, time } from './widgets';

/** The element whose text the ticker rewrites every second. */
export const LIVE_DURATION_ID = 'live-duration';

export function watchBar(d: DetailsView): HTMLElement | null {
  const live = d.header.status.tone === 'live';
  if (d.watch) {
    return h(
      'div',
      { class: 'watch-bar', 'data-testid': 'watching', 'data-key': 'watch' },
      icon('eye'),
      h('span', {}, l10n.t({ message: 'Watching for the encoder {0}: you are told when it connects, goes LIVE, errors or stops.', args: [d.watch.until], comment: ['{0} says until when, e.g. "until 14:05 UTC"'] })),
      button(l10n.t('Stop watching'), 'eye-closed', { 'data-action': 'command', 'data-command': 'stopWatching', 'data-key': 'cmd:watch' }, l10n.t('Stop Watching'), 'secondary'),
    );
  }
  return live
    ? null
    : h(
        'div',
        { class: 'watch-bar muted', 'data-key': 'watch' },
        button(l10n.t('Watch until live'), 'eye', { 'data-action': 'command', 'data-command': 'watchLivestream', 'data-key': 'cmd:watch' }, l10n.t('Watch Until Live'), 'secondary'),
      );
}

export function troubleBanner(t: TroubleView | null): HTMLElement | null {
  if (!t) return null;
  return h(
    'div',
    { class: 'banner banner-error', 'data-testid': 'trouble', 'data-key': 'trouble' },
    icon('error'),
    h(
      'div',
      { class: 'banner-text' },
      // A bold label, then the error Cloudflare gave.
      h('strong', {}, l10n.t('The last session failed:')),
      ' ',
      t.message,
      h('p', { class: 'hint' }, l10n.t('Check the encoder:')),
      h('ul', {}, ...t.checks.map((c) => h('li', {}, c))),
    ),
  );
}

export function liveCard(live: LiveView | null, durationText: string): HTMLElement | null {
  if (!live) return null;
  return card(
    'live',
    l10n.t('Session in progress'),
    'broadcast',
    live.known && live.sessionId
      ? h(
          'dl',
          { class: 'facts', 'data-testid': 'live-session' },
          h('div', {}, h('dt', {}, l10n.t('Started')), h('dd', {}, time(live.started), h('span', { class: 'muted' }, ` · ${live.started.absolute}`))),
          h('div', {}, h('dt', {}, l10n.t('Running for')), h('dd', { id: LIVE_DURATION_ID }, durationText)),
          h('div', {}, h('dt', {}, l10n.t({ message: 'Ingest', comment: ['How long the encoder\'s input was received'] })), h('dd', {}, live.ingest)),
          h('div', {}, h('dt', {}, l10n.t('Viewer time')), h('dd', {}, live.viewer)),
          h('div', {}, h('dt', {}, l10n.t({ message: 'Session', comment: ['Label of a session\'s id'] })), h('dd', {}, h('code', { class: 'id' }, live.sessionId))),
        )
      : h('p', { class: 'muted' }, live.error ?? (live.known ? l10n.t('The encoder is connecting: no session has started yet.') : l10n.t('Reading the session in progress…'))),
    h('p', { class: 'hint' }, live.note),
  );
}

export function checklist(c: ChecklistView): HTMLElement {
  return h(
    'details',
    { class: 'card card-checklist', open: c.open, 'data-action': 'checklist', 'data-key': 'checklist' },
    h('summary', {}, icon('checklist'), ` ${l10n.t('Encoder checklist: what Cloudflare’s ingest expects')}`),
    h('ul', { class: 'checklist' }, ...c.items.map((i) => h('li', {}, h('strong', {}, i.label), h('span', { class: 'muted' }, ` — ${i.detail}`)))),
  );
}

/** "4m 12s" from milliseconds, ticking locally. */
export function runningText(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  if (hh > 0) return l10n.t({ message: '{0}h {1}m {2}s', args: [hh, mm, ss], comment: ['A duration: hours, minutes, seconds (h, m, s abbreviated)'] });
  if (mm > 0) return l10n.t({ message: '{0}m {1}s', args: [mm, ss], comment: ['A duration: minutes, seconds (m, s abbreviated)'] });
  return l10n.t({ message: '{0}s', args: [ss], comment: ['A duration: seconds (s abbreviated)'] });
}
