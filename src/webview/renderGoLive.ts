// Going live in the panel: the watch bar (watched until when, with Stop or Watch), the session in
// progress with a duration that ticks on the webview's clock, what an ERRORED livestream needs
// checked, and the encoder checklist (a <details> whose state the extension remembers).
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
      h('span', {}, `Watching for the encoder ${d.watch.until}: you are told when it connects, goes LIVE, errors or stops.`),
      button('Stop watching', 'eye-closed', { 'data-action': 'command', 'data-command': 'stopWatching', 'data-key': 'cmd:stopWatching' }, 'Stop Watching', 'secondary'),
    );
  }
  return live ? null : h('div', { class: 'watch-bar muted', 'data-key': 'watch' }, button('Watch until live', 'eye', { 'data-action': 'command', 'data-command': 'watchLivestream', 'data-key': 'cmd:watchLivestream' }, 'Watch Until Live', 'secondary'));
}

export function troubleBanner(t: TroubleView | null): HTMLElement | null {
  if (!t) return null;
  return h(
    'div',
    { class: 'banner banner-error', 'data-testid': 'trouble', 'data-key': 'trouble' },
    icon('error'),
    h('div', { class: 'banner-text' }, h('strong', {}, 'The last session failed: '), t.message, h('p', { class: 'hint' }, 'Check the encoder:'), h('ul', {}, ...t.checks.map((c) => h('li', {}, c)))),
  );
}

export function liveCard(live: LiveView | null, durationText: string): HTMLElement | null {
  if (!live) return null;
  return card(
    'live',
    'Session in progress',
    'broadcast',
    live.known && live.sessionId
      ? h(
          'dl',
          { class: 'facts', 'data-testid': 'live-session' },
          h('div', {}, h('dt', {}, 'Started'), h('dd', {}, time(live.started), h('span', { class: 'muted' }, ` · ${live.started.absolute}`))),
          h('div', {}, h('dt', {}, 'Running for'), h('dd', { id: LIVE_DURATION_ID }, durationText)),
          h('div', {}, h('dt', {}, 'Ingest'), h('dd', {}, live.ingest)),
          h('div', {}, h('dt', {}, 'Viewer time'), h('dd', {}, live.viewer)),
          h('div', {}, h('dt', {}, 'Session'), h('dd', {}, h('code', { class: 'id' }, live.sessionId))),
        )
      : h('p', { class: 'muted' }, live.error ?? (live.known ? 'The encoder is connecting: no session has started yet.' : 'Reading the session in progress…')),
    h('p', { class: 'hint' }, live.note),
  );
}

export function checklist(c: ChecklistView): HTMLElement {
  return h(
    'details',
    { class: 'card card-checklist', open: c.open, 'data-action': 'checklist', 'data-key': 'checklist' },
    h('summary', {}, icon('checklist'), ' Encoder checklist: what Cloudflare’s ingest expects'),
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
  return hh > 0 ? `${hh}h ${mm}m ${ss}s` : mm > 0 ? `${mm}m ${ss}s` : `${ss}s`;
}
