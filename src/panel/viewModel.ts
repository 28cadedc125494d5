// Livestream details -> the panel's display model, with every string already formatted.
//
// Why a view model posted to the webview (rather than HTML rendered here and posted): the
// webview then builds its DOM with createElement/textContent only, so an API string can never
// become markup, whatever it contains; the model is plain JSON that unit tests check without a
// DOM or VS Code; it doubles as the webview's saved state, so a re-shown panel paints at once;
// and updates can keep focus and the revealed key in place instead of replacing a whole page.
//
// Nothing secret goes into a view: the stream key is represented by MASK and `hasStreamKey`.
import type { ApiError } from '../api/errors';
import { fixFor } from '../api/failures';
import type { AppAnalytics, Livestream, LivestreamDetails, Session } from '../api/types';
import { PAGE_SIZES, type SessionsPage } from '../contract/livestreamPanel';
import type {
  AppTotalsView,
  ChartModel,
  DetailsView,
  EncoderView,
  HeaderView,
  ErrorView,
  NoticeView,
  PagingView,
  PanelView,
  SessionRow,
  StatsView,
  StatTile,
  TimeText,
} from '../contract/livestreamPanel';
import {
  MASK,
  ffmpegTestPatternCommand,
  formatAbsoluteTime,
  formatSeconds,
  formatRelativeTime,
  joinRtmpUrl,
  parseTime,
  pluralize,
  secondsBetween,
} from '../shared/format';
import type { LivestreamRef } from '../shared/ref';
import { isActiveStatus, presentStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import { buildChart } from './chart';

export type Notice = { readonly kind: 'signedOut' } | { readonly kind: 'otherAccount'; readonly accountId: string };

export interface ViewInput {
  readonly ref: LivestreamRef;
  /** The page the user asked for. */
  readonly page: SessionsPage;
  /** That page's details; its value may be an earlier page's while the asked one loads. */
  readonly details: Loadable<LivestreamDetails>;
  /** Page 1 at the same page size, for the latest session, when `page` is another page. */
  readonly firstPage?: Loadable<LivestreamDetails>;
  readonly analytics: Loadable<AppAnalytics>;
  readonly notice: Notice | null;
  readonly autoRefresh: boolean;
  readonly now: number;
  /** Title to use before the details load (e.g. the tree's name for it). */
  readonly fallbackTitle?: string;
}

// ---- small formatters ---------------------------------------------------------------------

export function timeText(iso: string | null, now: number): TimeText {
  const absolute = formatAbsoluteTime(iso);
  return { relative: formatRelativeTime(iso, now), absolute, short: parseTime(iso) === null ? '' : absolute.slice(0, 16) };
}

function transportOf(ingestServer: string | null): string | null {
  const scheme = ingestServer ? /^([a-z][a-z0-9+.-]*):\/\//i.exec(ingestServer)?.[1].toLowerCase() : undefined;
  if (scheme === 'rtmps') {
    return 'RTMPS (encrypted)';
  }
  if (scheme === 'rtmp') {
    return 'RTMP (not encrypted)';
  }
  return null;
}

function playbackHint(url: string | null): string {
  if (!url) {
    return 'No playback URL yet.';
  }
  return /\.m3u8(\?|$)/.test(url)
    ? 'HLS manifest: plays in any HLS player (VLC, Safari, hls.js).'
    : 'The address viewers use to watch this livestream.';
}

// ---- paging -------------------------------------------------------------------------------

export function pagingModel(pageNo: number, perPage: number, totalCount: number, rowsOnPage: number): PagingView {
  const from = rowsOnPage > 0 ? (pageNo - 1) * perPage + 1 : 0;
  const to = rowsOnPage > 0 ? from + rowsOnPage - 1 : 0;
  // A total smaller than what is on screen is a quirk of the API: trust the rows.
  const total = Math.max(totalCount, to);
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  let label: string;
  if (total === 0) {
    label = 'No sessions yet';
  } else if (rowsOnPage === 0) {
    label = `Page ${pageNo} is past the last session (${pluralize(total, 'session')})`;
  } else {
    label = `Sessions ${from}–${to} of ${total}`;
  }
  return {
    pageNo,
    perPage,
    totalCount: total,
    totalPages,
    from,
    to,
    hasPrev: pageNo > 1,
    hasNext: pageNo < totalPages,
    label,
    pageSizes: [...PAGE_SIZES],
  };
}

// ---- sessions -----------------------------------------------------------------------------

function sessionTime(s: Session): number {
  return parseTime(s.startedTime) ?? parseTime(s.invokedTime) ?? parseTime(s.createdAt) ?? -Infinity;
}

/**
 * The livestream's newest session: the one the API names beside the page (`session`), else the
 * newest of page 1 (on page 1 itself, or from the page-1 load beside another page). `known` is
 * false while that is still loading.
 */
function newestSession(details: LivestreamDetails, firstPage: Loadable<LivestreamDetails> | undefined): { session: Session | undefined; known: boolean } {
  if (details.latestSession) {
    return { session: details.latestSession, known: true };
  }
  const source = details.pageNo === 1 ? details : firstPage?.value;
  return source ? { session: latestSession(source.sessions), known: true } : { session: undefined, known: false };
}

/** The most recent session of a page (the API sends newest first, but do not depend on it). */
export function latestSession(sessions: readonly Session[]): Session | undefined {
  let best: Session | undefined;
  for (const s of sessions) {
    if (!best || sessionTime(s) > sessionTime(best)) {
      best = s;
    }
  }
  return best;
}

/** A session is running when it started, has not stopped, and it is the active livestream's latest. */
function isRunning(s: Session, livestream: Livestream, latestId: string | undefined): boolean {
  return isActiveStatus(livestream.status) && s.id === latestId && !!s.startedTime && !s.stoppedTime;
}

function durationText(s: Session, running: boolean, now: number): string {
  // A missing stop time means "until now" only for the running session; otherwise it is unknown.
  const seconds = s.stoppedTime || running ? secondsBetween(s.startedTime, s.stoppedTime, now) : null;
  if (seconds === null) {
    return '—';
  }
  return running ? `${formatSeconds(seconds)} (running)` : formatSeconds(seconds);
}

function sessionRow(s: Session, livestream: Livestream, latestId: string | undefined, now: number): SessionRow {
  const running = isRunning(s, livestream, latestId);
  return {
    id: s.id,
    started: timeText(s.startedTime ?? s.invokedTime, now),
    stopped: timeText(s.stoppedTime, now),
    duration: durationText(s, running, now),
    running,
    ingest: formatSeconds(s.ingestSeconds),
    viewer: formatSeconds(s.viewerSeconds),
    error: s.errMessage,
  };
}

/** "11-27" for chart labels: short, unambiguous enough beside the full time in the tooltip. */
function shortDate(iso: string | null): string {
  const t = parseTime(iso);
  return t === null ? '—' : new Date(t).toISOString().slice(5, 10);
}

function chartOf(sessions: readonly Session[]): ChartModel {
  const oldestFirst = [...sessions].sort((a, b) => sessionTime(a) - sessionTime(b));
  return buildChart(
    oldestFirst.map((s) => {
      const when = s.startedTime ?? s.invokedTime ?? s.createdAt;
      return {
        id: s.id,
        label: shortDate(when),
        title: when ? formatAbsoluteTime(when) : s.id,
        ingestSeconds: s.ingestSeconds,
        viewerSeconds: s.viewerSeconds,
      };
    }),
  );
}

// ---- stats --------------------------------------------------------------------------------

function sum(sessions: readonly Session[], pick: (s: Session) => number): number {
  return sessions.reduce((total, s) => total + (Number.isFinite(pick(s)) ? pick(s) : 0), 0);
}

function statsOf(details: LivestreamDetails, paging: PagingView, firstPage: Loadable<LivestreamDetails> | undefined, input: ViewInput): StatsView {
  const { sessions, livestream } = details;
  const complete = paging.totalCount === sessions.length;
  // Honest totals: the endpoint pages sessions, and fetching every page on each refresh would
  // multiply requests. Sums cover the loaded page and say so unless that page is everything.
  const scope = complete
    ? `Ingest and viewer time summed over all ${pluralize(paging.totalCount, 'session')}.`
    : sessions.length === 0
      ? 'No sessions on this page.'
      : `Ingest and viewer time summed over sessions ${paging.from}–${paging.to} of ${paging.totalCount} (the page shown below).`;
  const suffix = complete ? '' : ' (this page)';
  const tiles: StatTile[] = [
    { label: 'Sessions', value: String(paging.totalCount), tooltip: 'All sessions of this livestream' },
    { label: `Ingest time${suffix}`, value: formatSeconds(sum(sessions, (s) => s.ingestSeconds)), tooltip: 'How long input was received' },
    { label: `Viewer time${suffix}`, value: formatSeconds(sum(sessions, (s) => s.viewerSeconds)), tooltip: 'Total watch time of all viewers' },
  ];

  const newest = newestSession(details, firstPage);
  const latest = newest.session;
  let latestNote = '';
  if (!latest) {
    latestNote = newest.known ? 'No sessions yet: start streaming to this livestream to create one.' : firstPage?.error ? firstPage.error.message : 'Loading…';
  }

  return {
    tiles,
    scope,
    latest: latest ? sessionRow(latest, livestream, latest.id, input.now) : null,
    latestNote,
    app: appTotals(input.analytics),
  };
}

function appTotals(analytics: Loadable<AppAnalytics>): AppTotalsView {
  const a = analytics.value;
  if (a) {
    return {
      state: 'loaded',
      tiles: [
        { label: 'Livestreams', value: String(a.count), tooltip: 'The count the app analytics endpoint reports (documented as total livestreams)' },
        { label: 'Ingest time', value: formatSeconds(a.totalIngestSeconds), tooltip: 'All livestreams of this app' },
        { label: 'Viewer time', value: formatSeconds(a.totalViewerSeconds), tooltip: 'All livestreams of this app' },
      ],
    };
  }
  if (analytics.error) {
    return { state: 'error', message: analytics.error.message };
  }
  return { state: 'loading' };
}

// ---- the whole view -----------------------------------------------------------------------

function errorView(error: ApiError): ErrorView {
  return { message: error.message, action: fixFor(error) ?? null };
}

function noticeView(notice: Notice): NoticeView {
  return notice.kind === 'signedOut'
    ? { message: 'Sign in to RealtimeKit to see this livestream.', action: 'setApiToken', actionLabel: 'Set API Token' }
    : {
        message: `This livestream belongs to Cloudflare account ${notice.accountId}, which is not the account selected now.`,
        action: 'selectAccount',
        actionLabel: 'Select Account',
      };
}

function statusView(status: string): HeaderView['status'] {
  const p = presentStatus(status);
  return { label: p.label, tone: p.key, icon: p.icon, spin: p.spin };
}

export function encoderView(livestream: Livestream): EncoderView {
  const server = livestream.ingestServer;
  const hasKey = !!livestream.streamKey;
  return {
    ingestServer: server,
    transport: transportOf(server),
    hasStreamKey: hasKey,
    streamKeyMasked: hasKey ? MASK : '',
    rtmpUrlMasked: server && hasKey ? joinRtmpUrl(server, MASK) : null,
    ffmpegMasked: server && hasKey ? ffmpegTestPatternCommand(server, MASK) : null,
  };
}

export function detailsView(details: LivestreamDetails, input: ViewInput): DetailsView {
  const { livestream: l, sessions } = details;
  const paging = pagingModel(details.pageNo, details.perPage, details.paging.totalCount, sessions.length);
  const latestOnPage = newestSession(details, input.firstPage).session?.id;
  return {
    header: {
      name: l.name,
      unnamed: l.unnamed,
      status: statusView(l.status),
      disabled: l.disabled,
      livestreamId: l.id,
      meetingId: l.meetingId,
      created: timeText(l.createdAt, input.now),
      updated: timeText(l.updatedAt, input.now),
    },
    encoder: encoderView(l),
    playback: { url: l.playbackUrl, hint: playbackHint(l.playbackUrl) },
    stats: statsOf(details, paging, input.firstPage, input),
    sessions: { rows: sessions.map((s) => sessionRow(s, l, latestOnPage, input.now)), paging, chart: chartOf(sessions) },
  };
}

export function buildView(input: ViewInput): PanelView {
  const { details, now } = input;
  const value = details.value;
  const title = value?.livestream.name ?? input.fallbackTitle ?? `Livestream ${input.ref.livestreamId}`;
  return {
    title,
    livestreamId: input.ref.livestreamId,
    notice: input.notice ? noticeView(input.notice) : null,
    fetch: {
      loading: details.loading,
      error: details.error ? errorView(details.error) : null,
      ageMs: details.loadedAt !== undefined ? Math.max(0, now - details.loadedAt) : null,
      autoRefresh: input.autoRefresh,
    },
    details: value && !input.notice ? detailsView(value, input) : null,
  };
}
