// PanelView -> DOM. Pure construction from the posted model (see src/panel/viewModel.ts for why
// the model, not HTML, crosses the boundary); every API string is a Text node via `h()`.
// Interactive elements carry `data-action` (handled by delegation in main.ts) and a stable
// `data-key`, so focus survives the re-render that follows each update.
import type {
  ChartModel,
  RevealedSecret,
  DetailsView,
  EncoderView,
  FetchView,
  HeaderView,
  PagingView,
  PanelView,
  SessionRow,
  StatTile,
  StatsView,
  TimeText,
} from '../contract/livestreamPanel';
import { h, icon, svg, type Child } from './dom';

export interface RenderOptions {
  /** The stream key and what contains it, after Reveal; undefined while masked. */
  readonly revealed: RevealedSecret | undefined;
  /** The "Updated …" text to show now (the ticker updates it in place afterwards). */
  readonly updatedText: string;
}

export const UPDATED_ID = 'updated-ago';

function button(label: string, iconName: string, props: Record<string, string>, text?: string, extraClass = ''): HTMLButtonElement {
  const cls = text ? `button ${extraClass}`.trim() : `icon-button ${extraClass}`.trim();
  return h('button', { type: 'button', class: cls, title: label, 'aria-label': label, ...props }, icon(iconName), text ? h('span', {}, text) : null);
}

function copyButton(field: string, what: string): HTMLButtonElement {
  return button(`Copy ${what}`, 'copy', { 'data-action': 'copy', 'data-field': field, 'data-key': `copy:${field}` });
}

function time(t: TimeText): HTMLElement {
  return t.relative ? h('time', { title: t.absolute }, t.relative) : h('span', { class: 'muted' }, '—');
}

/** Table cells: the UTC time to the minute (sessions far back all read "6 months ago"), relative in the tooltip. */
function cellTime(t: TimeText): HTMLElement {
  return t.short ? h('time', { title: `${t.relative} · ${t.absolute}` }, t.short) : h('span', { class: 'muted' }, '—');
}

function card(id: string, title: string, iconName: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: `card card-${id}`, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, icon(iconName), ' ', title),
    ...children,
  );
}

// ---- header -------------------------------------------------------------------------------

function header(view: PanelView, hd: HeaderView | null, options: RenderOptions): HTMLElement {
  const name = hd?.name ?? view.title;
  return h(
    'header',
    { class: 'header' },
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
            h('dd', {}, ...(hd.meetingId ? [h('code', { 'data-testid': 'meeting-id' }, hd.meetingId), copyButton('meetingId', 'meeting ID')] : [h('span', { class: 'muted' }, 'None (independent livestream)')])),
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
    { class: 'banner banner-error', role: 'alert' },
    icon('error'),
    h('span', { class: 'banner-text' }, fetch.error.message),
    button('Retry', 'refresh', { 'data-action': 'refresh', 'data-key': 'retry' }, 'Retry'),
    fetch.error.action === 'setApiToken'
      ? button('Set API Token', 'key', { 'data-action': 'command', 'data-command': 'setApiToken', 'data-key': 'cmd:setApiToken' }, 'Set API Token', 'secondary')
      : null,
  );
}

// ---- encoder ------------------------------------------------------------------------------

function field(label: string, value: Child, ...actions: Child[]): HTMLElement {
  return h('div', { class: 'field' }, h('div', { class: 'field-label' }, label), h('div', { class: 'field-value' }, value), h('div', { class: 'field-actions' }, ...actions));
}

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
          ? button('Hide stream key', 'eye-closed', { 'data-action': 'hide', 'data-key': 'reveal', 'aria-pressed': 'true' }, 'Hide', 'secondary')
          : button('Reveal stream key', 'eye', { 'data-action': 'reveal', 'data-key': 'reveal', 'aria-pressed': 'false' }, 'Reveal', 'secondary')
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
          h('div', { class: 'command-head' }, h('span', {}, 'Test with ffmpeg (a test pattern and a tone)'), copyButton('ffmpegCommand', 'ffmpeg command')),
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
    h('p', { class: 'hint' }, p.hint),
  );
}

// ---- stats --------------------------------------------------------------------------------

function tiles(list: readonly StatTile[], testid: string): HTMLElement {
  return h(
    'dl',
    { class: 'tiles', 'data-testid': testid },
    ...list.map((t) => h('div', { class: 'tile', title: t.tooltip }, h('dt', {}, t.label), h('dd', {}, t.value))),
  );
}

function latest(s: StatsView): HTMLElement {
  const l = s.latest;
  if (!l) {
    return h('p', { class: 'muted' }, s.latestNote);
  }
  return h(
    'div',
    { class: 'latest', 'data-testid': 'latest-session' },
    l.error ? h('div', { class: 'banner banner-error', role: 'note' }, icon('error'), h('span', { class: 'banner-text', 'data-testid': 'latest-error' }, l.error)) : null,
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Started'), h('dd', {}, time(l.started))),
      h('div', {}, h('dt', {}, 'Stopped'), h('dd', {}, l.running ? h('span', { class: 'tone-live-text' }, 'Still running') : time(l.stopped))),
      h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, l.duration)),
      h('div', {}, h('dt', {}, 'Ingest'), h('dd', {}, l.ingest)),
      h('div', {}, h('dt', {}, 'Viewer time'), h('dd', {}, l.viewer)),
      h('div', {}, h('dt', {}, 'Session'), h('dd', {}, h('code', { class: 'id' }, l.id))),
    ),
  );
}

function stats(s: StatsView): HTMLElement {
  const app = s.app;
  return card(
    'stats',
    'Session stats',
    'graph',
    h('h3', {}, 'This livestream'),
    tiles(s.tiles, 'totals'),
    h('p', { class: 'hint' }, s.scope),
    h('h3', {}, 'Latest session'),
    latest(s),
    h('h3', {}, 'App totals'),
    app.state === 'loaded'
      ? tiles(app.tiles, 'app-totals')
      : app.state === 'error'
        ? h('p', { class: 'error-text' }, icon('warning'), ' ', app.message)
        : h('p', { class: 'muted' }, 'Loading…'),
  );
}

// ---- sessions -----------------------------------------------------------------------------

function chart(c: ChartModel): HTMLElement {
  if (c.labels.length === 0) {
    return h('p', { class: 'muted' }, c.summary);
  }
  const root = svg('svg', { viewBox: `0 0 ${c.width} ${c.height}`, role: 'img', 'aria-label': c.summary, 'data-testid': 'chart', preserveAspectRatio: 'xMidYMid meet' });
  for (const p of c.panes) {
    const g = svg('g', { class: `pane pane-${p.kind}` });
    g.append(svg('text', { class: 'pane-title', x: p.titleAt.x, y: p.titleAt.y }, p.title));
    for (const t of p.ticks) {
      g.append(
        svg('line', { class: 'gridline', x1: p.plot.left, x2: p.plot.right, y1: t.y, y2: t.y }),
        svg('text', { class: 'tick', x: p.plot.left - 6, y: t.y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, t.label),
      );
    }
    for (const b of p.bars) {
      g.append(svg('rect', { class: `bar bar-${p.kind}`, x: b.x, y: b.y, width: b.width, height: b.height }, svg('title', {}, b.tooltip)));
    }
    root.append(g);
  }
  const labels = svg('g', { class: 'labels' });
  for (const l of c.labels) {
    labels.append(svg('text', { class: 'tick', x: l.x, y: l.y, 'text-anchor': 'middle' }, l.text));
  }
  root.append(labels);
  return h('figure', { class: 'chart' }, root);
}

function sessionRows(r: SessionRow): HTMLElement[] {
  const rows = [
    h(
      'tr',
      { class: r.error ? 'has-error' : undefined },
      h('td', {}, cellTime(r.started)),
      h('td', {}, r.running ? h('span', { class: 'tone-live-text' }, 'Running') : cellTime(r.stopped)),
      h('td', {}, r.duration),
      h('td', { class: 'num' }, r.ingest),
      h('td', { class: 'num' }, r.viewer),
      h('td', {}, h('code', { class: 'id', title: r.id }, r.id)),
    ),
  ];
  if (r.error) {
    rows.push(h('tr', { class: 'error-row' }, h('td', { colspan: 6 }, icon('error'), ' ', h('span', { 'data-testid': 'session-error' }, r.error))));
  }
  return rows;
}

function pager(p: PagingView): HTMLElement {
  const go = (key: string, label: string, iconName: string | null, pageNo: number, enabled: boolean) =>
    h(
      'button',
      { type: 'button', class: 'button secondary', title: `${label} page`, 'data-action': 'page', 'data-page-no': pageNo, 'data-key': `page:${key}`, disabled: !enabled },
      key === 'next' || key === 'last' ? h('span', {}, label) : null,
      iconName ? icon(iconName) : null,
      key === 'first' || key === 'prev' ? h('span', {}, label) : null,
    );
  const select = h(
    'select',
    { 'data-action': 'per-page', 'data-key': 'per-page', 'aria-label': 'Sessions per page', id: 'per-page' },
    ...p.pageSizes.map((n) => h('option', { value: n, selected: n === p.perPage }, String(n))),
  );
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Sessions pages' },
    h('span', { class: 'pager-label', 'data-testid': 'paging-label' }, p.label),
    h(
      'span',
      { class: 'pager-buttons' },
      go('first', 'First', null, 1, p.hasPrev),
      go('prev', 'Previous', 'chevron-left', p.pageNo - 1, p.hasPrev),
      h('span', { class: 'page-no', 'data-testid': 'page-no' }, `Page ${p.pageNo} of ${p.totalPages}`),
      go('next', 'Next', 'chevron-right', p.pageNo + 1, p.hasNext),
      go('last', 'Last', null, p.totalPages, p.hasNext),
    ),
    h('label', { class: 'per-page', for: 'per-page' }, 'Per page ', select),
  );
}

function sessions(d: DetailsView): HTMLElement {
  const s = d.sessions;
  return card(
    'sessions',
    'Sessions',
    'history',
    chart(s.chart),
    s.rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'data-testid': 'sessions' },
            h('caption', { class: 'visually-hidden' }, s.paging.label),
            h(
              'thead',
              {},
              h('tr', {}, ...['Started (UTC)', 'Stopped (UTC)', 'Duration', 'Ingest', 'Viewer time', 'Session'].map((t) => h('th', { scope: 'col' }, t))),
            ),
            h('tbody', {}, ...s.rows.flatMap(sessionRows)),
          ),
        )
      : null,
    pager(s.paging),
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
        { class: 'banner banner-info', role: 'status' },
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
  if (!d) {
    if (!view.fetch.error) {
      out.push(h('p', { class: 'placeholder' }, icon('loading', 'codicon-modifier-spin'), ' Loading livestream…'));
    }
    return out;
  }
  out.push(h('div', { class: 'grid' }, encoder(d.encoder, options.revealed), playback(d), stats(d.stats)), sessions(d));
  return out;
}
