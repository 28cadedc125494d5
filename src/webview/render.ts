// PanelView -> DOM. Pure construction from the posted model (see src/panel/viewModel.ts for why
// the model, not HTML, crosses the boundary); every API string is a Text node via `h()`.
// Interactive elements carry `data-action` (handled by delegation in main.ts) and a stable
// `data-key`, as do the blocks that come and go: the DOM is patched by key (patch.ts), so the
// focused button, a selection and the rest of the page stay put when a view arrives.
import * as l10n from '@vscode/l10n';
import type { DetailsView, EncoderView, FetchView, HeaderView, PanelView, RevealedSecret } from '../contract/livestreamPanel';
import { fill, h, icon } from './dom';
import { MEETING_TITLE_ID, meetingCard, sessionSection } from './renderDrillDowns';
import { checklist, liveCard, troubleBanner, watchBar } from './renderGoLive';
import { obsCard } from './renderObs';
import { sessions, stats } from './renderSessions';
import { button, card, copyButton, field, time } from './widgets';

export interface RenderOptions {
  /** The stream key and what contains it, after Reveal; undefined while masked. */
  readonly revealed: RevealedSecret | undefined;
  /** The "Updated …" text to show now (the ticker updates it in place afterwards). */
  readonly updatedText: string;
  /** The session in progress's "running for" text now (the ticker updates it too). */
  readonly runningText: string;
}

export const UPDATED_ID = 'updated-ago';

// ---- header -------------------------------------------------------------------------------

function header(view: PanelView, hd: HeaderView | null, options: RenderOptions): HTMLElement {
  const name = hd?.name ?? view.title;
  return h(
    'header',
    { class: 'header', 'data-key': 'header' },
    h(
      'div',
      { class: 'title-row' },
      h('h1', { class: hd?.unnamed ? 'unnamed' : undefined, title: hd?.unnamed ? l10n.t('This livestream has no name; showing its id') : undefined }, name),
      hd ? h('span', { class: `badge tone-${hd.status.tone}`, 'data-testid': 'status' }, icon(hd.status.icon, hd.status.spin ? 'codicon-modifier-spin' : ''), ' ', hd.status.label) : null,
      hd?.disabled ? h('span', { class: 'badge tone-disabled' }, icon('circle-slash'), ` ${l10n.t('Disabled')}`) : null,
    ),
    hd
      ? h(
          'dl',
          { class: 'ids' },
          h(
            'div',
            {},
            h('dt', {}, l10n.t('Livestream ID')),
            h('dd', {}, h('code', { 'data-testid': 'livestream-id' }, hd.livestreamId), copyButton('livestreamId', l10n.t('Copy livestream ID'), l10n.t('Copied the livestream ID'))),
          ),
          h(
            'div',
            {},
            h('dt', {}, l10n.t('Meeting ID')),
            h(
              'dd',
              {},
              ...(hd.meetingId
                ? [
                    h('code', { 'data-testid': 'meeting-id' }, hd.meetingId),
                    copyButton('meetingId', l10n.t('Copy meeting ID'), l10n.t('Copied the meeting ID')),
                    button(l10n.t('Show the meeting: is it livestreaming, its livestreams'), 'arrow-down', { 'data-action': 'scroll-to', 'data-target': MEETING_TITLE_ID, 'data-key': 'show-meeting' }),
                  ]
                : [h('span', { class: 'muted' }, l10n.t('None (independent livestream)'))]),
            ),
          ),
          h('div', {}, h('dt', {}, l10n.t('Created')), h('dd', {}, time(hd.created))),
          h('div', {}, h('dt', {}, l10n.t({ message: 'Updated', comment: ['A label: when the livestream was last changed'] })), h('dd', {}, time(hd.updated))),
        )
      : null,
    fetchStatus(view.fetch, options),
  );
}

function fetchStatus(fetch: FetchView, options: RenderOptions): HTMLElement {
  return h(
    'div',
    { class: 'fetch-status' },
    fetch.loading ? h('span', { class: 'loading' }, icon('sync', 'codicon-modifier-spin'), ` ${l10n.t('Refreshing…')}`) : null,
    h('span', { id: UPDATED_ID, 'aria-live': 'off' }, options.updatedText),
    fetch.autoRefresh ? h('span', { class: 'muted auto' }, icon('pulse'), ` ${l10n.t('Auto-refreshing while live')}`) : null,
    button(l10n.t('Refresh'), 'refresh', { 'data-action': 'refresh', 'data-key': 'refresh' }),
  );
}

function errorBanner(fetch: FetchView): HTMLElement | null {
  if (!fetch.error) {
    return null;
  }
  return h(
    'div',
    // An alert, said at once: the panel could not load (the livestream's own errors are in the
    // trouble banner, its status change in the live region).
    { class: 'banner banner-error', role: 'alert', 'data-key': 'fetch-error' },
    icon('error'),
    h('span', { class: 'banner-text' }, fetch.error.message),
    button(l10n.t('Retry'), 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, l10n.t('Retry')),
    fetch.error.action === 'setApiToken'
      ? button(l10n.t('Set API Token'), 'key', { 'data-action': 'command', 'data-command': 'setApiToken', 'data-key': 'cmd:setApiToken' }, l10n.t('Set API Token'), 'secondary')
      : null,
  );
}

// ---- encoder ------------------------------------------------------------------------------

function encoder(e: EncoderView, revealed: RevealedSecret | undefined): HTMLElement {
  const shown = revealed && e.hasStreamKey ? revealed : undefined;
  const none = (text: string) => h('span', { class: 'muted' }, text);
  return card(
    'encoder',
    l10n.t('Encoder'),
    'plug',
    e.transport ? h('p', { class: 'hint' }, l10n.t({ message: 'Ingest over {0}.', args: [e.transport], comment: ['{0} is the protocol, e.g. "RTMPS (encrypted)"'] })) : null,
    field(
      l10n.t({ message: 'Server', comment: ['The ingest server an encoder streams to'] }),
      e.ingestServer ? h('code', { 'data-testid': 'ingest-server' }, e.ingestServer) : none(l10n.t('No ingest server')),
      e.ingestServer ? copyButton('ingestServer', l10n.t('Copy ingest server'), l10n.t('Copied the ingest server')) : null,
    ),
    field(
      l10n.t('Stream key'),
      e.hasStreamKey
        ? h('code', { class: shown ? 'secret revealed' : 'secret masked', 'data-testid': 'stream-key', 'aria-label': shown ? l10n.t('Stream key') : l10n.t('Stream key (hidden)') }, shown ? shown.streamKey : e.streamKeyMasked)
        : none(l10n.t('No stream key')),
      e.hasStreamKey
        ? shown
          ? button(l10n.t('Hide stream key'), 'eye-closed', { 'data-action': 'hide', 'data-key': 'reveal' }, l10n.t({ message: 'Hide', comment: ['Button: masks the stream key again'] }), 'secondary')
          : button(l10n.t('Reveal stream key'), 'eye', { 'data-action': 'reveal', 'data-key': 'reveal' }, l10n.t({ message: 'Reveal', comment: ['Button: shows the stream key unmasked'] }), 'secondary')
        : null,
      e.hasStreamKey ? copyButton('streamKey', l10n.t('Copy stream key'), l10n.t('Copied the stream key')) : null,
    ),
    field(
      l10n.t('Full URL'),
      e.rtmpUrlMasked ? h('code', { 'data-testid': 'rtmp-url' }, shown?.rtmpUrl ?? e.rtmpUrlMasked) : none(l10n.t('Needs server and key')),
      e.rtmpUrlMasked ? copyButton('rtmpUrl', l10n.t('Copy full RTMP URL'), l10n.t('Copied the full RTMP URL')) : null,
    ),
    h(
      'div',
      { class: 'obs-hint' },
      icon('info'),
      h(
        'p',
        {},
        ...fill(
          l10n.t({
            message: 'OBS: Settings → Stream → {0}, {1} = the server above, {2} = the stream key. Paste them separately; the full URL is for tools that take one string, such as ffmpeg.',
            comment: ['{0}, {1} and {2} are the names of OBS settings, shown in bold: "Service: Custom", "Server", "Stream Key". Use the names OBS shows in your language'],
          }),
          h('strong', {}, l10n.t({ message: 'Service: Custom', comment: ['The OBS setting (Settings → Stream): the service "Custom…"'] })),
          h('strong', {}, l10n.t({ message: 'Server', comment: ['The OBS setting (Settings → Stream → Server)'] })),
          h('strong', {}, l10n.t({ message: 'Stream Key', comment: ['The OBS setting (Settings → Stream → Stream Key)'] })),
        ),
      ),
    ),
    e.ffmpegMasked
      ? h(
          'div',
          { class: 'command' },
          h(
            'div',
            { class: 'command-head' },
            h('span', {}, l10n.t('Test with ffmpeg (a test pattern and a tone)')),
            button(
              l10n.t('Stream the test pattern from here (needs ffmpeg)'),
              'play',
              { 'data-action': 'command', 'data-command': 'streamTestPattern', 'data-key': 'cmd:streamTestPattern' },
              l10n.t('Stream Test Pattern'),
              'secondary',
            ),
            copyButton('ffmpegCommand', l10n.t('Copy ffmpeg command'), l10n.t('Copied the ffmpeg command')),
          ),
          h('pre', { 'data-testid': 'ffmpeg' }, h('code', {}, shown?.ffmpegCommand ?? e.ffmpegMasked)),
        )
      : null,
  );
}

// ---- playback -----------------------------------------------------------------------------

function playback(d: DetailsView): HTMLElement {
  const p = d.playback;
  return card(
    'playback',
    l10n.t('Playback'),
    'play-circle',
    field(
      l10n.t('URL'),
      p.url ? h('code', { 'data-testid': 'playback-url' }, p.url) : h('span', { class: 'muted' }, l10n.t({ message: 'None', comment: ['No playback URL'] })),
      p.url ? copyButton('playbackUrl', l10n.t('Copy playback URL'), l10n.t('Copied the playback URL')) : null,
      p.url ? button(l10n.t('Open playback URL'), 'link-external', { 'data-action': 'open-playback', 'data-key': 'open-playback' }) : null,
    ),
    p.url
      ? h(
          'div',
          { class: 'actions' },
          button(
            l10n.t('Preview the playback in the editor'),
            'play-circle',
            { 'data-action': 'command', 'data-command': 'previewPlayback', 'data-key': 'cmd:previewPlayback' },
            l10n.t('Preview Playback'),
            'secondary',
          ),
        )
      : null,
    h('p', { class: 'hint' }, p.hint),
  );
}

// ---- the page -----------------------------------------------------------------------------

export function renderPanel(view: PanelView, options: RenderOptions): HTMLElement[] {
  const d = view.details;
  const out: HTMLElement[] = [header(view, d?.header ?? null, options)];
  if (view.notice) {
    out.push(
      h(
        'div',
        { class: 'banner banner-info', 'data-key': 'notice' },
        icon('info'),
        h('span', { class: 'banner-text' }, view.notice.message),
        view.notice.action
          ? button(view.notice.actionLabel, view.notice.action === 'setApiToken' ? 'key' : 'account', { 'data-action': 'command', 'data-command': view.notice.action, 'data-key': `cmd:${view.notice.action}` }, view.notice.actionLabel)
          : null,
      ),
    );
    return out;
  }
  const banner = errorBanner(view.fetch);
  if (banner) {
    out.push(banner);
  }
  if (view.session) {
    // A drill-down: the session replaces the livestream's cards until Back.
    out.push(sessionSection(view.session));
    return out;
  }
  if (!d) {
    if (!view.fetch.error) {
      out.push(h('p', { class: 'placeholder', 'data-key': 'loading' }, icon('loading', 'codicon-modifier-spin'), ` ${l10n.t('Loading livestream…')}`));
    }
    return out;
  }
  out.push(
    ...[watchBar(d), troubleBanner(d.trouble), liveCard(d.live, options.runningText), d.meeting ? meetingCard(d.meeting) : null, obsCard(d.obs, d.encoder.rtmpUrlMasked !== null)].filter(
      (e): e is HTMLElement => e !== null,
    ),
    h('div', { class: 'grid', 'data-key': 'grid' }, encoder(d.encoder, options.revealed), playback(d), stats(d.stats)),
    checklist(d.checklist),
    sessions(d),
  );
  return out;
}
