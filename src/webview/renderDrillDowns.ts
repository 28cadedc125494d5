// The livestream panel's drill-downs: the session view (one session whole, with Back) and the
// meeting card of a meeting livestream. Everything through `h()`: API strings are text nodes.
import * as l10n from '@vscode/l10n';
import type { MeetingView, SessionView } from '../contract/livestreamPanel';
import { h, icon } from './dom';
import { livestreamLinks, statusBadge } from './links';
import { button, card, copyButton } from './widgets';

export const SESSION_SECTION_ID = 'session-view';
/** The meeting card's heading: the header's "Show meeting" scrolls to it. */
export const MEETING_TITLE_ID = 'meeting-title';

export function sessionSection(s: SessionView): HTMLElement {
  return h(
    'section',
    { class: 'card card-session', id: SESSION_SECTION_ID, 'aria-labelledby': 'session-title', 'data-testid': 'session-view' },
    h(
      'div',
      { class: 'session-head' },
      button(l10n.t('Back to the livestream (Escape)'), 'arrow-left', { 'data-action': 'close-session', 'data-key': 'close-session' }, l10n.t('Back'), 'secondary'),
      h('h2', { id: 'session-title' }, icon('history'), ` ${l10n.t({ message: 'Session', comment: ['Heading: one session of a livestream (from start to stop of the encoder)'] })}`),
      s.status ? statusBadge(s.status, 'session-status') : null,
      s.state === 'loading' ? h('span', { class: 'loading' }, icon('sync', 'codicon-modifier-spin'), ` ${l10n.t('Loading…')}`) : null,
    ),
    s.problem ? h('div', { class: 'banner banner-error', role: 'alert' }, icon('error'), h('span', { class: 'banner-text' }, s.problem), button(l10n.t('Retry'), 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, l10n.t('Retry'))) : null,
    s.errMessage
      ? h('div', { class: 'banner banner-error', role: 'note' }, icon('error'), h('span', { class: 'banner-text', 'data-testid': 'session-err' }, s.errMessage))
      : null,
    s.fields.length
      ? h(
          'dl',
          { class: 'session-fields', 'data-testid': 'session-fields' },
          ...s.fields.map((f) =>
            h(
              'div',
              { class: 'field' },
              h('dt', { class: 'field-label' }, f.label),
              h('dd', { class: 'field-value', title: f.tooltip }, f.code ? h('code', {}, f.value) : f.value),
              // A second dd, not a div: a <dl>'s groups may hold only dt and dd (axe: dlitem).
              f.copy === 'sessionId'
                ? h('dd', { class: 'field-actions' }, button(l10n.t('Copy session ID'), 'copy', { 'data-action': 'copy-session-id', 'data-key': 'copy:sessionId' }))
                : f.copy === 'livestreamId' && s.livestreamId
                  ? h('dd', { class: 'field-actions' }, copyButton('livestreamId', l10n.t('Copy livestream ID'), l10n.t('Copied the livestream ID')))
                  : null,
            ),
          ),
        )
      : null,
  );
}

export function meetingCard(m: MeetingView): HTMLElement {
  const active = m.active;
  return card(
    'meeting',
    l10n.t('Meeting'),
    'comment-discussion',
    h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-label' }, l10n.t('Meeting ID')),
      h('div', { class: 'field-value' }, h('code', { 'data-testid': 'meeting-card-id' }, m.meetingId)),
      h('div', { class: 'field-actions' }, copyButton('meetingId', l10n.t('Copy meeting ID'), l10n.t('Copied the meeting ID'))),
    ),
    h(
      'div',
      { class: 'meeting-now', 'data-testid': 'meeting-now' },
      active.state === 'loading'
        ? h('span', { class: 'muted' }, l10n.t('Checking whether the meeting is livestreaming…'))
        : active.state === 'error'
          ? h('span', { class: 'error-text' }, icon('warning'), ' ', active.message)
          : active.livestream
            ? h('div', {}, h('span', {}, l10n.t('Livestreaming now:')), livestreamLinks([active.livestream], 'meeting-active'))
            : h('span', { class: 'muted' }, l10n.t('Not livestreaming now.')),
    ),
    h(
      'div',
      { class: 'actions' },
      m.canStop
        ? button(
            l10n.t('Stop this meeting’s livestream (asks first)'),
            'debug-stop',
            { 'data-action': 'command', 'data-command': 'stopMeetingLivestream', 'data-key': 'cmd:stopMeetingLivestream' },
            l10n.t('Stop Meeting Livestream'),
            'secondary',
          )
        : null,
      m.canStart
        ? button(
            l10n.t('Start livestreaming this meeting again, as a new livestream'),
            'broadcast',
            { 'data-action': 'command', 'data-command': 'startMeetingLivestream', 'data-key': 'cmd:startMeetingLivestream' },
            l10n.t('Start Livestreaming…'),
            'secondary',
          )
        : null,
      button(
        l10n.t('Find the livestream sessions of one meeting session, by its ID'),
        'search',
        { 'data-action': 'command', 'data-command': 'findMeetingSession', 'data-key': 'cmd:findMeetingSession' },
        l10n.t('Find by Meeting Session…'),
        'secondary',
      ),
    ),
    h('h3', {}, l10n.t('This meeting’s livestreams')),
    m.livestreams.state === 'loaded'
      ? h('div', {}, livestreamLinks(m.livestreams.links, 'meeting-livestreams'), m.livestreams.total > m.livestreams.links.length
            ? h('p', { class: 'hint' }, l10n.t({ message: 'The newest {0} of {1}.', args: [m.livestreams.links.length, m.livestreams.total], comment: ['{0} livestreams shown of {1} in all'] }))
            : null,
        )
      : m.livestreams.state === 'error'
        ? h('p', { class: 'error-text' }, icon('warning'), ' ', m.livestreams.message)
        : h('p', { class: 'muted' }, l10n.t('Loading…')),
  );
}
