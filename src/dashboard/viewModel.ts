// Store state -> the app dashboard's view: the range's totals as tiles, a chart of count, ingest
// time and viewer time per day (every day of the range, days without data as zero, so the
// x axis is time and gaps show), and the app's LIVE and ERRORED livestreams as links. Pure.
import type { ApiError } from '../api/errors';
import { fixFor } from '../api/failures';
import type { App, AppAnalytics, DayAnalytics, TimeRange } from '../api/types';
import type { DashboardView, LinkList, Part, RangeDays } from '../contract/appDashboard';
import type { ChartModel, StatTile } from '../contract/common';
import { livestreamLink } from '../panel/badges';
import { buildBarChart, COUNT_STEPS } from '../panel/chart';
import { formatSeconds, pluralize } from '../shared/format';
import { sortNewestFirst } from '../tree/model';
import type { Loadable } from '../store/loadable';
import type { InRange, LivestreamList } from '../store/store';
import type { AppRef } from '../shared/ref';

const DAY_MS = 24 * 60 * 60 * 1000;

export type DashboardNotice = { readonly kind: 'signedOut' } | { readonly kind: 'otherAccount'; readonly accountId: string };

export interface DashboardInput {
  readonly ref: AppRef;
  readonly days: RangeDays;
  readonly app: App | undefined;
  readonly daywise: Loadable<InRange<readonly DayAnalytics[]>>;
  readonly totals: Loadable<InRange<AppAnalytics>>;
  readonly live: Loadable<LivestreamList>;
  readonly errored: Loadable<LivestreamList>;
  readonly notice: DashboardNotice | null;
  readonly now: number;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Every UTC day of the range, oldest first, with the API's figures or zeros. */
export function everyDay(range: TimeRange, days: readonly DayAnalytics[]): DayAnalytics[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: DayAnalytics[] = [];
  for (let t = Math.floor(range.startMs / DAY_MS) * DAY_MS; t <= range.endMs; t += DAY_MS) {
    const date = isoDay(t);
    out.push(byDate.get(date) ?? { date, count: 0, totalIngestSeconds: 0, totalViewerSeconds: 0 });
  }
  return out;
}

export function rangeLabel(range: TimeRange): string {
  return `${isoDay(range.startMs)} – ${isoDay(range.endMs)} (UTC)`;
}

export function dayChart(days: readonly DayAnalytics[]): ChartModel {
  const active = days.filter((d) => d.count > 0).length;
  const busiest = days.reduce<DayAnalytics | undefined>((best, d) => (!best || d.count > best.count ? d : best), undefined);
  const summary =
    active === 0
      ? `No livestream sessions in these ${days.length} days.`
      : `Livestream sessions, ingest time and viewer time on each of ${days.length} days, oldest on the left; ${pluralize(active, 'day')} had sessions, the most (${busiest?.count}) on ${busiest?.date}.`;
  return buildBarChart(
    days.map((d) => ({ label: d.date.slice(5), title: d.date })),
    [
      { kind: 'count', title: 'Livestream sessions', values: days.map((d) => d.count), format: String, steps: COUNT_STEPS, emptyMax: 1, what: 'sessions' },
      { kind: 'ingest', title: 'Ingest time (input received)', values: days.map((d) => d.totalIngestSeconds), format: formatSeconds, what: 'ingest' },
      { kind: 'viewer', title: 'Viewer time (all viewers)', values: days.map((d) => d.totalViewerSeconds), format: formatSeconds, what: 'viewer time' },
    ],
    { summary, caption: 'Chart data: livestream sessions, ingest and viewer time per day, oldest first', rowHeader: 'Day (UTC)' },
  );
}

export function totalTiles(totals: AppAnalytics, days: RangeDays): StatTile[] {
  return [
    { label: 'Livestreams', value: String(totals.count), tooltip: `What the overall analytics report for the last ${days} days (documented as the count of livestreams)` },
    { label: 'Ingest time', value: formatSeconds(totals.totalIngestSeconds), tooltip: 'How long input was received, all livestreams of the app' },
    { label: 'Viewer time', value: formatSeconds(totals.totalViewerSeconds), tooltip: 'Total watch time of all viewers, all livestreams of the app' },
  ];
}

function part<T, V>(loadable: Loadable<T>, build: (value: T) => V): Part<V> {
  if (loadable.value !== undefined) return { state: 'loaded', ...build(loadable.value) };
  if (loadable.error) return { state: 'error', message: loadable.error.message };
  return { state: 'loading' };
}

function links(list: LivestreamList, now: number): LinkList {
  return { links: sortNewestFirst(list.items).map((l) => livestreamLink(l, now)), total: list.totalCount };
}

function firstError(...loadables: Array<Loadable<unknown>>): ApiError | undefined {
  return loadables.find((l) => l.error && l.value === undefined)?.error;
}

export function buildDashboardView(input: DashboardInput): DashboardView {
  const { daywise, totals, live, errored, now, days } = input;
  const range = daywise.value?.range ?? totals.value?.range;
  const loadedAt = [daywise, totals].map((l) => l.loadedAt).filter((t): t is number => t !== undefined);
  const error = firstError(daywise, totals);
  const notice = input.notice;
  return {
    title: input.app?.name ?? `App ${input.ref.appId}`,
    appId: input.ref.appId,
    days,
    rangeLabel: range ? rangeLabel(range) : '',
    fetch: {
      loading: [daywise, totals, live, errored].some((l) => l.loading),
      error: error ? { message: error.message, action: fixFor(error) ?? null } : null,
      ageMs: loadedAt.length ? Math.max(0, now - Math.min(...loadedAt)) : null,
    },
    notice: notice
      ? notice.kind === 'signedOut'
        ? { message: 'Sign in to RealtimeKit to see this app’s analytics.', action: 'setApiToken', actionLabel: 'Set API Token' }
        : { message: `This app belongs to Cloudflare account ${notice.accountId}, which is not the account selected now.`, action: 'selectAccount', actionLabel: 'Select Account' }
      : null,
    totals: part(totals, (t) => ({ tiles: totalTiles(t.value, days) })),
    chart: part(daywise, (d) => {
      const all = everyDay(d.range, d.value);
      return { model: dayChart(all), activeDays: all.filter((x) => x.count > 0).length };
    }),
    live: part(live, (l) => links(l, now)),
    errored: part(errored, (l) => links(l, now)),
  };
}
