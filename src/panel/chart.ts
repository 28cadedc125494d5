// Geometry of the bar charts, the panel's "ingest vs viewer time per session" and the dashboard's
// "count, ingest and viewer time per day": pure numbers in a fixed viewBox, so the webviews only
// turn them into <rect>/<line>/<text> elements (no chart library) and unit tests can check every
// coordinate. Colours come from CSS classes, not from here.
//
// Aligned panes (small multiples) rather than one shared axis: viewer time is summed over all
// viewers, so it is routinely hundreds of times the ingest time and would flatten the ingest bars
// to nothing. Each pane has its own axis; columns (sessions, days) line up across them.
import * as l10n from '@vscode/l10n';
import type { Box, ChartLabel, ChartModel, ChartPane, ChartTable, ChartTick, SeriesKind } from '../contract/common';
import { formatSeconds } from '../shared/format';

export interface ChartInput {
  readonly id: string;
  /** Short label under the column (e.g. "11-27"); thinned out when columns are narrow. */
  readonly label: string;
  /** Tooltip heading, e.g. the full start time. */
  readonly title: string;
  readonly ingestSeconds: number;
  readonly viewerSeconds: number;
}

export const CHART_WIDTH = 640;
const LEFT = 52;
const RIGHT = 8;
const TITLE_HEIGHT = 16;
const PANE_HEIGHT = 70;
const PANE_GAP = 14;
const LABEL_HEIGHT = 22;
/** A bar never gets wider than this, so two sessions do not become two slabs. */
const MAX_BAR_WIDTH = 28;
/** Below this column width, x labels are thinned out so they do not overlap. */
const MIN_LABEL_SPACING = 56;
/** Steps per pane axis: 0, one step, two steps (the panes are short). */
const MAX_STEPS = 2;
/** Duration steps people read easily on an axis: seconds, minutes, hours, days. */
const NICE_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 2 * 86400, 5 * 86400, 10 * 86400,
];

/** Counts people read easily on an axis. */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/**
 * The smallest "nice" step that reaches `max` in at most `maxSteps` steps. An empty series
 * (max 0) gets the axis of `emptyMax` (a minute for durations, so the chart never collapses).
 */
export function niceStep(max: number, maxSteps = MAX_STEPS, steps: readonly number[] = NICE_STEPS, emptyMax = 60): number {
  const top = max > 0 ? max : emptyMax;
  for (const step of steps) {
    if (Math.ceil(top / step) <= maxSteps) {
      return step;
    }
  }
  // Beyond the table: whole multiples of the largest step.
  const last = steps[steps.length - 1];
  return Math.ceil(top / maxSteps / last) * last;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function finite(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** One pane of a bar chart: its values (one per column), how to read them, and the word for its tooltips. */
export interface SeriesSpec {
  readonly kind: SeriesKind;
  readonly title: string;
  readonly values: readonly number[];
  readonly format: (value: number) => string;
  /** Axis steps: durations (the default) or counts (COUNT_STEPS). */
  readonly steps?: readonly number[];
  /** The axis of an empty series (60 s for durations; 1 for counts). */
  readonly emptyMax?: number;
  /**
   * Each bar's tooltip, one whole message per series: "2026-11-27 — ingest 2m" from the column's
   * title and the formatted value.
   */
  readonly barTooltip: (columnTitle: string, value: string) => string;
}

export interface Column {
  /** Short label under the column (e.g. "11-27"); thinned out when columns are narrow. */
  readonly label: string;
  /** Tooltip heading, e.g. the full start time. */
  readonly title: string;
}

function pane(spec: SeriesSpec, top: number, columns: readonly Column[], columnWidth: number, barWidth: number): ChartPane {
  const plot: Box = { left: LEFT, top: top + TITLE_HEIGHT, right: CHART_WIDTH - RIGHT, bottom: top + TITLE_HEIGHT + PANE_HEIGHT };
  const values = columns.map((_, i) => finite(spec.values[i] ?? 0));
  const largest = values.reduce((m, v) => Math.max(m, v), 0);
  const emptyMax = spec.emptyMax ?? 60;
  const step = niceStep(largest, MAX_STEPS, spec.steps ?? NICE_STEPS, emptyMax);
  const max = step * Math.max(1, Math.ceil((largest > 0 ? largest : emptyMax) / step));
  const yOf = (value: number) => round(plot.bottom - (PANE_HEIGHT * value) / max);
  const ticks: ChartTick[] = [];
  for (let v = 0; v <= max; v += step) {
    ticks.push({ y: yOf(v), value: v, label: spec.format(v) });
  }
  const bars = values.map((value, i) => {
    const y = yOf(value);
    const center = plot.left + columnWidth * (i + 0.5);
    return { x: round(center - barWidth / 2), y, width: barWidth, height: round(plot.bottom - y), value, tooltip: spec.barTooltip(columns[i].title, spec.format(value)) };
  });
  return { kind: spec.kind, title: spec.title, titleAt: { x: LEFT, y: top + TITLE_HEIGHT - 5 }, plot, max, ticks, bars };
}

/** What a chart says to screen readers: a sentence, and its data as a table (caption, what a row is). */
export interface ChartText {
  readonly summary: string;
  readonly caption: string;
  readonly rowHeader: string;
}

/** Panes stacked top to bottom, each with its own axis, columns aligned across them; left to right in input order. */
export function buildBarChart(columns: readonly Column[], series: readonly SeriesSpec[], text: ChartText): ChartModel {
  const n = columns.length;
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const columnWidth = n > 0 ? plotWidth / n : plotWidth;
  const barWidth = round(Math.min(MAX_BAR_WIDTH, columnWidth * 0.6));
  const panes = series.map((spec, i) => pane(spec, i * (TITLE_HEIGHT + PANE_HEIGHT + PANE_GAP), columns, columnWidth, barWidth));
  const height = chartHeight(series.length);
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING / columnWidth));
  const labels: ChartLabel[] = [];
  columns.forEach((c, i) => {
    // Label the newest (rightmost) column always, then every `labelEvery`-th counting back from it.
    if ((n - 1 - i) % labelEvery === 0) {
      labels.push({ x: round(LEFT + columnWidth * (i + 0.5)), y: height - 6, text: c.label });
    }
  });
  const table: ChartTable = {
    caption: text.caption,
    headers: [text.rowHeader, ...series.map((spec) => spec.title)],
    rows: columns.map((c, i) => [c.title, ...series.map((spec) => spec.format(finite(spec.values[i] ?? 0)))]),
  };
  return { width: CHART_WIDTH, height, panes, labels, summary: text.summary, table };
}

/** Height of a chart of `panes` panes and the label row. */
export function chartHeight(panes: number): number {
  return panes * (TITLE_HEIGHT + PANE_HEIGHT) + Math.max(0, panes - 1) * PANE_GAP + LABEL_HEIGHT;
}

/** Sessions in the order they should appear left to right (oldest first reads naturally). */
export function buildChart(sessions: readonly ChartInput[]): ChartModel {
  const most = (pick: (s: ChartInput) => number) => formatSeconds(sessions.reduce((m, s) => Math.max(m, finite(pick(s))), 0));
  const n = sessions.length;
  const mostIngest = most((s) => s.ingestSeconds);
  const mostViewer = most((s) => s.viewerSeconds);
  const summary =
    n === 0
      ? l10n.t('No sessions to chart.')
      : n === 1
        ? l10n.t({
            message: 'Ingest time and viewer time of {0} session, oldest on the left; the most ingest is {1}, the most viewer time {2}.',
            args: [n, mostIngest, mostViewer],
            comment: ['{0} is 1; {1} is the most ingest time of one session, {2} the most viewer time, e.g. "1h 2m"'],
          })
        : l10n.t({
            message: 'Ingest time and viewer time of {0} sessions, oldest on the left; the most ingest is {1}, the most viewer time {2}.',
            args: [n, mostIngest, mostViewer],
            comment: ['{0} is a number of sessions; {1} is the most ingest time of one session, {2} the most viewer time, e.g. "1h 2m"'],
          });
  return buildBarChart(
    sessions.map((s) => ({ label: s.label, title: s.title })),
    [
      {
        kind: 'ingest',
        title: l10n.t('Ingest time (input received)'),
        values: sessions.map((s) => s.ingestSeconds),
        format: formatSeconds,
        barTooltip: ingestBarTooltip,
      },
      {
        kind: 'viewer',
        title: l10n.t('Viewer time (all viewers)'),
        values: sessions.map((s) => s.viewerSeconds),
        format: formatSeconds,
        barTooltip: viewerBarTooltip,
      },
    ],
    { summary, caption: l10n.t('Chart data: ingest and viewer time per session, oldest first'), rowHeader: l10n.t('Session started') },
  );
}

/** "2026-11-27 — ingest 2m": a bar's tooltip in an ingest time pane (the panel's and the dashboard's). */
export function ingestBarTooltip(when: string, value: string): string {
  return l10n.t({ message: '{0} — ingest {1}', args: [when, value], comment: ['{0} is when (a session\'s start or a day), {1} the ingest time, e.g. "2m"'] });
}

/** "2026-11-27 — viewer time 2h": a bar's tooltip in a viewer time pane. */
export function viewerBarTooltip(when: string, value: string): string {
  return l10n.t({ message: '{0} — viewer time {1}', args: [when, value], comment: ['{0} is when (a session\'s start or a day), {1} the viewer time, e.g. "2h"'] });
}
