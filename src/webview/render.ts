// PanelView -> DOM. Pure construction from the posted model (see src/panel/viewModel.ts for why
// the model, not HTML, crosses the boundary); every API string is a Text node via `h()`.
// Interactive elements carry `data-action` (handled by delegation in main.ts) and a stable
// `data-key`, as do the blocks that come and go: the DOM is patched by key (patch.ts), so the
// focused button, a selection and the rest of the page stay put when a view arrives.
import type { DetailsView, EncoderView, FetchView, HeaderView, PanelView, RevealedSecret } from '../contract/livestreamPanel';
import { h, icon } from './dom';
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
      h('h1', { class: hd?.unnamed ? 'unnamed' : undefined, title: hd?.unnamed ? 'This livestream has no name; showing its id' : undefined }, name),
      hd ? h('span', { class: `badge tone-${hd.status.tone}`, 'data-testid': 'status' }, icon(hd.status.icon, hd.status.spin ? 'codicon-modifier-spin' : ''), ' ', hd.status.label) : null,
      hd?.disabled ? h('span', { class: 'badge tone-disabled' }, icon('circle-slash'), ' Disabled') : null,
    ),
    hd
      ? h(
          'dl',
          { class: 'ids' },
          h('div', {}, h('dt', {}, 'Livestream ID'), h('dd', {}, h('code', { 'data-testid': 'livestream-id' }, hd.livestreamId), copyButton('livestreamId', 'livestream ID'))),
          h(
            'div',
            {},
            h('dt', {}, 'Meeting ID'),
            h(
              'dd',
              {},
              ...(hd.meetingId
                ? [
                    h('code', { 'data-testid': 'meeting-id' }, hd.meetingId),
                    copyButton('meetingId', 'meeting ID'),
                    button('Show the meeting: is it livestreaming, its livestreams', 'arrow-down', { 'data-action': 'scroll-to', 'data-target': MEETING_TITLE_ID, 'data-key': 'show-meeting' }),
                  ]
                : [h('span', { class: 'muted' }, 'None (independent livestream)')]),
            ),
          ),
          h('div', {}, h('dt', {}, 'Created'), h('dd', {}, time(hd.created))),
          h('div', {}, h('dt', {}, 'Updated'), h('dd', {}, time(hd.updated))),
        )
      : null,
    fetchStatus(view.fetch, options),
  );
}

function fetchStatus(fetch: FetchView, options: RenderOptions): HTMLElement {
  return h(
    'div',
    { class: 'fetch-status' },
    fetch.loading ? h('span', { class: 'loading' }, icon('sync', 'codicon-modifier-spin'), ' Refreshing…') : null,
    h('span', { id: UPDATED_ID, 'aria-live': 'off' }, options.updatedText),
    fetch.autoRefresh ? h('span', { class: 'muted auto' }, icon('pulse'), ' Auto-refreshing while live') : null,
    button('Refresh', 'refresh', { 'data-action': 'refresh', 'data-key': 'refresh' }),
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
    button('Retry', 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, 'Retry'),
    fetch.error.action === 'setApiToken'
      ? button('Set API Token', 'key', { 'data-action': 'command', 'data-command': 'setApiToken', 'data-key': 'cmd:setApiToken' }, 'Set API Token', 'secondary')
      : null,
  );
}

// ---- encoder ------------------------------------------------------------------------------

function encoder(e: EncoderView, revealed: RevealedSecret | undefined): HTMLElement {
  const shown = revealed && e.hasStreamKey ? revealed : undefined;
  const none = (text: string) => h('span', { class: 'muted' }, text);
  return card(
    'encoder',
    'Encoder',
    'plug',
    e.transport ? h('p', { class: 'hint' }, `Ingest over ${e.transport}.`) : null,
    field('Server', e.ingestServer ? h('code', { 'data-testid': 'ingest-server' }, e.ingestServer) : none('No ingest server'), e.ingestServer ? copyButton('ingestServer', 'ingest server') : null),
    field(
      'Stream key',
      e.hasStreamKey
        ? h('code', { class: shown ? 'secret revealed' : 'secret masked', 'data-testid': 'stream-key', 'aria-label': shown ? 'Stream key' : 'Stream key (hidden)' }, shown ? shown.streamKey : e.streamKeyMasked)
        : none('No stream key'),
      e.hasStreamKey
        ? shown
          ? button('Hide stream key', 'eye-closed', { 'data-action': 'hide', 'data-key': 'reveal' }, 'Hide', 'secondary')
          : button('Reveal stream key', 'eye', { 'data-action': 'reveal', 'data-key': 'reveal' }, 'Reveal', 'secondary')
        : null,
      e.hasStreamKey ? copyButton('streamKey', 'stream key') : null,
    ),
    field(
      'Full URL',
      e.rtmpUrlMasked ? h('code', { 'data-testid': 'rtmp-url' }, shown?.rtmpUrl ?? e.rtmpUrlMasked) : none('Needs server and key'),
      e.rtmpUrlMasked ? copyButton('rtmpUrl', 'full RTMP URL') : null,
    ),
    h(
      'div',
      { class: 'obs-hint' },
      icon('info'),
      h(
        'p',
        {},
        'OBS: Settings → Stream → ',
        h('strong', {}, 'Service: Custom'),
        ', ',
        h('strong', {}, 'Server'),
        ' = the server above, ',
        h('strong', {}, 'Stream Key'),
        ' = the stream key. Paste them separately; the full URL is for tools that take one string, such as ffmpeg.',
      ),
    ),
    e.ffmpegMasked
      ? h(
          'div',
          { class: 'command' },
          h(
            'div',
            { class: 'command-head' },
            h('span', {}, 'Test with ffmpeg (a test pattern and a tone)'),
            button('Stream the test pattern from here (needs ffmpeg)', 'play', { 'data-action': 'command', 'data-command': 'streamTestPattern', 'data-key': 'cmd:streamTestPattern' }, 'Stream Test Pattern', 'secondary'),
            copyButton('ffmpegCommand', 'ffmpeg command'),
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
    'Playback',
    'play-circle',
    field(
      'URL',
      p.url ? h('code', { 'data-testid': 'playback-url' }, p.url) : h('span', { class: 'muted' }, 'None'),
      p.url ? copyButton('playbackUrl', 'playback URL') : null,
      p.url ? button('Open playback URL', 'link-external', { 'data-action': 'open-playback', 'data-key': 'open-playback' }) : null,
    ),
    p.url
      ? h(
          'div',
          { class: 'actions' },
          button('Preview the playback in the editor', 'play-circle', { 'data-action': 'command', 'data-command': 'previewPlayback', 'data-key': 'cmd:previewPlayback' }, 'Preview Playback', 'secondary'),
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
      out.push(h('p', { class: 'placeholder', 'data-key': 'loading' }, icon('loading', 'codicon-modifier-spin'), ' Loading livestream…'));
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
