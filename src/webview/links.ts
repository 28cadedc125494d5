// Livestreams as links (a meeting's livestreams, the dashboard's LIVE and ERRORED lists): each a
// button that asks the extension to open that livestream's panel. Status badge, name, time, note.
import * as l10n from '@vscode/l10n';
import type { LivestreamLink, StatusBadge } from '../contract/common';
import { h, icon } from './dom';

export function statusBadge(status: StatusBadge, testid?: string): HTMLElement {
  return h('span', { class: `badge tone-${status.tone}`, 'data-testid': testid }, icon(status.icon, status.spin ? 'codicon-modifier-spin' : ''), ' ', status.label);
}

export function livestreamLinks(links: readonly LivestreamLink[], testid: string): HTMLElement {
  return h(
    'ul',
    { class: 'links', 'data-testid': testid },
    ...links.map((l) =>
      h(
        'li',
        { 'data-key': `li:${l.id}` },
        statusBadge(l.status),
        h(
          'button',
          { type: 'button', class: `link${l.unnamed ? ' unnamed' : ''}`, title: l10n.t({ message: 'Open “{0}”', args: [l.name], comment: ['Tooltip of a livestream link; {0} is the livestream\'s name'] }), 'data-action': 'open-livestream', 'data-livestream-id': l.id, 'data-key': `open:${l.id}` },
          l.name,
        ),
        l.note ? h('span', { class: 'muted' }, l.note) : null,
        l.time.relative ? h('time', { class: 'muted', title: l.time.absolute }, l.time.relative) : null,
      ),
    ),
  );
}
