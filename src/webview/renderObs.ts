// The panel's OBS Studio card: the encoder's side of the stream, beside Cloudflare's. Not
// connected: one button (Send to OBS); connected and set up for this livestream: streaming or
// not, with Start/Stop, and while it streams the health OBS reports and each setting checked.
import * as l10n from '@vscode/l10n';
import type { ObsCheck, ObsHealthView, ObsView } from '../contract/livestreamPanel';
import { fill, h, icon } from './dom';
import { button, card } from './widgets';

/** `key`: one for both buttons of a toggle (Start/Stop), so the one replacing the other keeps the focus. */
const command = (name: string, label: string, iconName: string, text: string, cls = 'secondary', key = `cmd:${name}`): HTMLButtonElement =>
  button(label, iconName, { 'data-action': 'command', 'data-command': name, 'data-key': key }, text, cls);

export function obsCard(obs: ObsView, hasCredentials: boolean): HTMLElement | null {
  if (!hasCredentials) return null;
  const send = command('sendToObs', l10n.t('Send the server and stream key to OBS'), 'export', l10n.t('Send to OBS'));
  const title = l10n.t('OBS Studio');
  switch (obs.state) {
    case 'idle':
      return card(
        'obs',
        title,
        'device-camera-video',
        h('p', { class: 'hint' }, l10n.t('Set OBS up for this livestream (Service Custom, Server, Stream Key) over its WebSocket server.')),
        h('div', { class: 'actions' }, send),
      );
    case 'connecting':
      return card('obs', title, 'device-camera-video', h('p', { class: 'muted' }, icon('loading', 'codicon-modifier-spin'), ` ${l10n.t('Connecting to OBS…')}`));
    case 'error':
      return card(
        'obs',
        title,
        'device-camera-video',
        h('p', { class: 'error-text', 'data-testid': 'obs-error' }, icon('warning'), ' ', obs.message),
        h('div', { class: 'actions' }, send, obs.needsPassword ? command('setObsPassword', l10n.t('Set the OBS WebSocket password'), 'key', l10n.t('Set OBS Password')) : null),
      );
    case 'connected':
      return card(
        'obs',
        title,
        'device-camera-video',
        h(
          'p',
          { class: 'hint' },
          obs.target === 'this'
            ? l10n.t({ message: '{0} · set up for this livestream', args: [obs.version], comment: ['{0} is the OBS and WebSocket versions, e.g. "OBS 32.0.1 (obs-websocket 5.6.3)"'] })
            : l10n.t({ message: '{0} · set up for another stream', args: [obs.version], comment: ['{0} is the OBS and WebSocket versions, e.g. "OBS 32.0.1 (obs-websocket 5.6.3)"'] }),
        ),
        obs.target === 'this'
          ? h(
              'div',
              { class: 'actions' },
              obs.health?.active
                ? command('obsStopStreaming', l10n.t('Stop streaming in OBS'), 'debug-stop', l10n.t('Stop Streaming in OBS'), 'secondary', 'cmd:obsStreaming')
                : command('obsStartStreaming', l10n.t('Start streaming in OBS'), 'play', l10n.t('Start Streaming in OBS'), '', 'cmd:obsStreaming'),
            )
          : h('div', { class: 'actions' }, send),
        obs.target === 'this' && obs.health ? health(obs.health) : null,
      );
  }
}

function health(hv: ObsHealthView): HTMLElement {
  return h(
    'div',
    { class: 'obs-health', 'data-testid': 'obs-health' },
    h(
      'dl',
      { class: 'facts' },
      h(
        'div',
        {},
        h('dt', {}, l10n.t({ message: 'Output', comment: ['OBS\'s stream output'] })),
        h('dd', {}, hv.reconnecting ? l10n.t('Reconnecting…') : hv.active ? h('span', { class: 'tone-live-text' }, l10n.t('Streaming')) : l10n.t('Not streaming')),
      ),
      h('div', {}, h('dt', {}, l10n.t('Duration')), h('dd', {}, hv.duration)),
      h('div', {}, h('dt', {}, l10n.t('Bitrate')), h('dd', { 'data-testid': 'obs-bitrate' }, hv.bitrate)),
      h('div', {}, h('dt', {}, l10n.t('Dropped frames')), h('dd', { 'data-testid': 'obs-dropped' }, hv.dropped)),
      h('div', {}, h('dt', {}, l10n.t({ message: 'Congestion', comment: ['Network congestion OBS reports for its stream output'] })), h('dd', {}, hv.congestion)),
    ),
    ...hv.warnings.map((w) => h('p', { class: 'error-text' }, icon('warning'), ' ', w)),
    hv.checks.length ? h('ul', { class: 'obs-checks' }, ...hv.checks.map(check)) : null,
  );
}

/** One OBS setting checked: "<b>Video encoder</b> (ok): x264, CBR" (the sentence is whole, the label bold). */
function check(c: ObsCheck): HTMLElement {
  const [glyph, cls, template] =
    c.ok === null
      ? ['question', 'muted', l10n.t({ message: '{0} (not exposed by OBS): {1}', comment: ['{0} is the name of an OBS setting (shown in bold), {1} its value or what to change'] })]
      : c.ok
        ? ['pass', 'ok-text', l10n.t({ message: '{0} (ok): {1}', comment: ['{0} is the name of an OBS setting (shown in bold), {1} its value or what to change'] })]
        : ['warning', 'error-text', l10n.t({ message: '{0} (check this): {1}', comment: ['{0} is the name of an OBS setting (shown in bold), {1} its value or what to change'] })];
  return h('li', { class: cls }, icon(glyph), ' ', ...fill(template, h('strong', {}, c.label), c.detail));
}
