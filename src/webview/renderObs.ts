// The panel's OBS Studio card: the encoder's side of the stream, beside Cloudflare's. Not
// connected: one button (Send to OBS); connected and set up for this livestream: streaming or
// not, with Start/Stop, and while it streams the health OBS reports and each setting checked.
import type { ObsCheck, ObsHealthView, ObsView } from '../contract/livestreamPanel';
import { h, icon } from './dom';
import { button, card } from './widgets';

const command = (name: string, label: string, iconName: string, text: string, cls = 'secondary'): HTMLButtonElement =>
  button(label, iconName, { 'data-action': 'command', 'data-command': name, 'data-key': `cmd:${name}` }, text, cls);

export function obsCard(obs: ObsView, hasCredentials: boolean): HTMLElement | null {
  if (!hasCredentials) return null;
  const send = command('sendToObs', 'Send the server and stream key to OBS', 'export', 'Send to OBS');
  switch (obs.state) {
    case 'idle':
      return card('obs', 'OBS Studio', 'device-camera-video', h('p', { class: 'hint' }, 'Set OBS up for this livestream (Service Custom, Server, Stream Key) over its WebSocket server.'), h('div', { class: 'actions' }, send));
    case 'connecting':
      return card('obs', 'OBS Studio', 'device-camera-video', h('p', { class: 'muted' }, icon('loading', 'codicon-modifier-spin'), ' Connecting to OBS…'));
    case 'error':
      return card(
        'obs',
        'OBS Studio',
        'device-camera-video',
        h('p', { class: 'error-text', 'data-testid': 'obs-error' }, icon('warning'), ' ', obs.message),
        h('div', { class: 'actions' }, send, obs.needsPassword ? command('setObsPassword', 'Set the OBS WebSocket password', 'key', 'Set OBS Password') : null),
      );
    case 'connected':
      return card(
        'obs',
        'OBS Studio',
        'device-camera-video',
        h('p', { class: 'hint' }, obs.version, obs.target === 'this' ? ' · set up for this livestream' : ' · set up for another stream'),
        obs.target === 'this'
          ? h(
              'div',
              { class: 'actions' },
              obs.health?.active
                ? command('obsStopStreaming', 'Stop streaming in OBS', 'debug-stop', 'Stop Streaming in OBS')
                : command('obsStartStreaming', 'Start streaming in OBS', 'play', 'Start Streaming in OBS', ''),
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
      h('div', {}, h('dt', {}, 'Output'), h('dd', {}, hv.reconnecting ? 'Reconnecting…' : hv.active ? h('span', { class: 'tone-live-text' }, 'Streaming') : 'Not streaming')),
      h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, hv.duration)),
      h('div', {}, h('dt', {}, 'Bitrate'), h('dd', { 'data-testid': 'obs-bitrate' }, hv.bitrate)),
      h('div', {}, h('dt', {}, 'Dropped frames'), h('dd', { 'data-testid': 'obs-dropped' }, hv.dropped)),
      h('div', {}, h('dt', {}, 'Congestion'), h('dd', {}, hv.congestion)),
    ),
    ...hv.warnings.map((w) => h('p', { class: 'error-text' }, icon('warning'), ' ', w)),
    hv.checks.length ? h('ul', { class: 'obs-checks' }, ...hv.checks.map(check)) : null,
  );
}

function check(c: ObsCheck): HTMLElement {
  const [glyph, cls, state] = c.ok === null ? ['question', 'muted', 'not exposed by OBS'] : c.ok ? ['pass', 'ok-text', 'ok'] : ['warning', 'error-text', 'check this'];
  return h('li', { class: cls }, icon(glyph), ' ', h('strong', {}, c.label), ` (${state}): `, c.detail);
}
