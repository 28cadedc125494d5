// The sessions half of the panel's view: the paged table, the newest session, the stats and the
// chart of ingest vs viewer time. Pure, like viewModel.ts, which assembles the whole view.
import * as l10n from '@vscode/l10n';
import type { AppAnalytics, Livestream, LivestreamDetails, Session } from '../api/types';
import { PAGE_SIZES } from '../contract/livestreamPanel';
import type { AppTotalsView, ChartModel, PagingView, SessionRow, StatsView, StatTile } from '../contract/livestreamPanel';
import { formatAbsoluteTime, formatSeconds, parseTime, secondsBetween } from '../shared/format';
import { isActiveStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import { buildChart } from './chart';
import { timeText } from './badges';

export { timeText } from './badges';

// ---- paging -------------------------------------------------------------------------------

export function pagingModel(pageNo: number, perPage: number, totalCount: number, rowsOnPage: number): PagingView {
  const from = rowsOnPage > 0 ? (pageNo - 1) * perPage + 1 : 0;
  const to = rowsOnPage > 0 ? from + rowsOnPage - 1 : 0;
  // A total smaller than what is on screen is a quirk of the API: trust the rows.
  const total = Math.max(totalCount, to);
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  let label: string;
  if (total === 0) {
    label = l10n.t('No sessions yet');
  } else if (rowsOnPage === 0) {
    label =
      total === 1
        ? l10n.t({ message: 'Page {0} is past the last session (1 session)', args: [pageNo], comment: ['{0} is a page number'] })
        : l10n.t({ message: 'Page {0} is past the last session ({1} sessions)', args: [pageNo, total], comment: ['{0} is a page number, {1} how many sessions there are'] });
  } else {
    label = l10n.t({ message: 'Sessions {0}–{1} of {2}', args: [from, to, total], comment: ['The sessions shown, {0} to {1}, of {2} in all'] });
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
export function newestSession(details: LivestreamDetails, firstPage: Loadable<LivestreamDetails> | undefined): { session: Session | undefined; known: boolean } {
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
  return running
    ? l10n.t({ message: '{0} (running)', args: [formatSeconds(seconds)], comment: ['{0} is the duration of a session still running, e.g. "1h 2m"'] })
    : formatSeconds(seconds);
}

export function sessionRow(s: Session, livestream: Livestream, latestId: string | undefined, now: number): SessionRow {
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

export function chartOf(sessions: readonly Session[]): ChartModel {
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

export function statsOf(details: LivestreamDetails, paging: PagingView, firstPage: Loadable<LivestreamDetails> | undefined, analytics: Loadable<AppAnalytics>, now: number): StatsView {
  const { sessions, livestream } = details;
  const complete = paging.totalCount === sessions.length;
  // Honest totals: the endpoint pages sessions, and fetching every page on each refresh would
  // multiply requests. Sums cover the loaded page and say so unless that page is everything.
  const scope = complete
    ? paging.totalCount === 1
      ? l10n.t('Ingest and viewer time summed over all 1 session.')
      : l10n.t('Ingest and viewer time summed over all {0} sessions.', paging.totalCount)
    : sessions.length === 0
      ? l10n.t('No sessions on this page.')
      : l10n.t({
          message: 'Ingest and viewer time summed over sessions {0}–{1} of {2} (the page shown below).',
          args: [paging.from, paging.to, paging.totalCount],
          comment: ['The sessions shown, {0} to {1}, of {2} in all'],
        });
  const tiles: StatTile[] = [
    { label: l10n.t('Sessions'), value: String(paging.totalCount), tooltip: l10n.t('All sessions of this livestream') },
    {
      label: complete ? l10n.t('Ingest time') : l10n.t('Ingest time (this page)'),
      value: formatSeconds(sum(sessions, (s) => s.ingestSeconds)),
      tooltip: l10n.t('How long input was received'),
    },
    {
      label: complete ? l10n.t('Viewer time') : l10n.t('Viewer time (this page)'),
      value: formatSeconds(sum(sessions, (s) => s.viewerSeconds)),
      tooltip: l10n.t('Total watch time of all viewers'),
    },
  ];

  const newest = newestSession(details, firstPage);
  const latest = newest.session;
  let latestNote = '';
  if (!latest) {
    latestNote = newest.known
      ? l10n.t('No sessions yet: start streaming to this livestream to create one.')
      : firstPage?.error
        ? firstPage.error.message
        : l10n.t('Loading…');
  }

  return {
    tiles,
    scope,
    latest: latest ? sessionRow(latest, livestream, latest.id, now) : null,
    latestNote,
    app: appTotals(analytics),
  };
}

function appTotals(analytics: Loadable<AppAnalytics>): AppTotalsView {
  const a = analytics.value;
  if (a) {
    return {
      state: 'loaded',
      tiles: [
        { label: l10n.t('Livestreams'), value: String(a.count), tooltip: l10n.t('The count the app analytics endpoint reports (documented as total livestreams)') },
        { label: l10n.t('Ingest time'), value: formatSeconds(a.totalIngestSeconds), tooltip: l10n.t('All livestreams of this app') },
        { label: l10n.t('Viewer time'), value: formatSeconds(a.totalViewerSeconds), tooltip: l10n.t('All livestreams of this app') },
      ],
    };
  }
  if (analytics.error) {
    return { state: 'error', message: analytics.error.message };
  }
  return { state: 'loading' };
}

