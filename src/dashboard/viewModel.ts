// Store state -> the app dashboard's view: the range's totals as tiles, a chart of count, ingest
// time and viewer time per day (every day of the range, days without data as zero, so the
// x axis is time and gaps show), and the app's LIVE and ERRORED livestreams as links. Pure.
import * as l10n from '@vscode/l10n';
import type { ApiError } from '../api/errors';
import { fixFor } from '../api/failures';
import type { App, AppAnalytics, DayAnalytics, TimeRange } from '../api/types';
import type { DashboardView, LinkList, Part, RangeDays } from '../contract/appDashboard';
import type { ChartModel, StatTile } from '../contract/common';
import { livestreamLink } from '../panel/badges';
import { buildBarChart, COUNT_STEPS, ingestBarTooltip, viewerBarTooltip } from '../panel/chart';
import { formatSeconds } from '../shared/format';
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
  return l10n.t({ message: '{0} – {1} (UTC)', args: [isoDay(range.startMs), isoDay(range.endMs)], comment: ['A range of days, from {0} to {1}, e.g. "2026-11-26 – 2026-11-28 (UTC)"'] });
}

export function dayChart(days: readonly DayAnalytics[]): ChartModel {
  const active = days.filter((d) => d.count > 0).length;
  const busiest = days.reduce<DayAnalytics | undefined>((best, d) => (!best || d.count > best.count ? d : best), undefined);
  const summary =
    active === 0
      ? l10n.t({ message: 'No livestream sessions in these {0} days.', args: [days.length], comment: ['{0} is the number of days in the range (7 or more)'] })
      : active === 1
        ? l10n.t({
            message: 'Livestream sessions, ingest time and viewer time on each of {0} days, oldest on the left; 1 day had sessions, the most ({1}) on {2}.',
            args: [days.length, busiest?.count ?? 0, busiest?.date ?? ''],
            comment: ['{0} is the number of days in the range, {1} the sessions on the one day that had any, {2} that day, e.g. "2026-11-27"'],
          })
        : l10n.t({
            message: 'Livestream sessions, ingest time and viewer time on each of {0} days, oldest on the left; {1} days had sessions, the most ({2}) on {3}.',
            args: [days.length, active, busiest?.count ?? 0, busiest?.date ?? ''],
            comment: ['{0} is the number of days in the range, {1} how many of them had sessions, {2} the most sessions on one day, {3} that day, e.g. "2026-11-27"'],
          });
  return buildBarChart(
    days.map((d) => ({ label: d.date.slice(5), title: d.date })),
    [
      {
        kind: 'count',
        title: l10n.t('Livestream sessions'),
        values: days.map((d) => d.count),
        format: String,
        steps: COUNT_STEPS,
        emptyMax: 1,
        barTooltip: (day, count) => l10n.t({ message: '{0} — sessions {1}', args: [day, count], comment: ['{0} is a day, e.g. "2026-11-27"; {1} how many livestream sessions it had'] }),
      },
      { kind: 'ingest', title: l10n.t('Ingest time (input received)'), values: days.map((d) => d.totalIngestSeconds), format: formatSeconds, barTooltip: ingestBarTooltip },
      { kind: 'viewer', title: l10n.t('Viewer time (all viewers)'), values: days.map((d) => d.totalViewerSeconds), format: formatSeconds, barTooltip: viewerBarTooltip },
    ],
    { summary, caption: l10n.t('Chart data: livestream sessions, ingest and viewer time per day, oldest first'), rowHeader: l10n.t('Day (UTC)') },
  );
}

export function totalTiles(totals: AppAnalytics, days: RangeDays): StatTile[] {
  return [
    {
      label: l10n.t('Livestreams'),
      value: String(totals.count),
      tooltip: l10n.t({
        message: 'What the overall analytics report for the last {0} days (documented as the count of livestreams)',
        args: [days],
        comment: ['{0} is the number of days in the range (7 or more)'],
      }),
    },
    { label: l10n.t('Ingest time'), value: formatSeconds(totals.totalIngestSeconds), tooltip: l10n.t('How long input was received, all livestreams of the app') },
    { label: l10n.t('Viewer time'), value: formatSeconds(totals.totalViewerSeconds), tooltip: l10n.t('Total watch time of all viewers, all livestreams of the app') },
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
    title: input.app?.name ?? l10n.t({ message: 'App {0}', args: [input.ref.appId], comment: ["A dashboard's title before the app's name is known; {0} is its ID"] }),
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
        ? { message: l10n.t('Sign in to RealtimeKit to see this app’s analytics.'), action: 'setApiToken', actionLabel: l10n.t('Set API Token') }
        : {
            message: l10n.t({
              message: 'This app belongs to Cloudflare account {0}, which is not the account selected now.',
              args: [notice.accountId],
              comment: ['{0} is a Cloudflare account ID'],
            }),
            action: 'selectAccount',
            actionLabel: l10n.t('Select Account'),
          }
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
