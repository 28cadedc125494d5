// Geometry of the "ingest vs viewer time per session" chart: pure numbers in a fixed viewBox, so
// the webview only turns them into <rect>/<line>/<text> elements (no chart library) and unit tests
// can check every coordinate. Colours come from CSS classes, not from here.
//
// Two aligned panes (small multiples) rather than one shared axis: viewer time is summed over all
// viewers, so it is routinely hundreds of times the ingest time and would flatten the ingest bars
// to nothing. Each pane has its own duration axis; sessions line up in columns across both.
import type { Box, ChartLabel, ChartModel, ChartPane, ChartTick, SeriesKind } from '../contract/livestreamPanel';
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
export const CHART_HEIGHT = 2 * (TITLE_HEIGHT + PANE_HEIGHT) + PANE_GAP + LABEL_HEIGHT;
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

/** The smallest "nice" step that reaches `max` in at most `maxSteps` steps (max 0 counts as 1 minute). */
export function niceStep(maxSeconds: number, maxSteps = MAX_STEPS): number {
  const max = maxSeconds > 0 ? maxSeconds : 60;
  for (const step of NICE_STEPS) {
    if (Math.ceil(max / step) <= maxSteps) {
      return step;
    }
  }
  // Beyond the table: whole multiples of the largest step.
  const last = NICE_STEPS[NICE_STEPS.length - 1];
  return Math.ceil(max / maxSteps / last) * last;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function finite(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function pane(kind: SeriesKind, top: number, sessions: readonly ChartInput[], columnWidth: number, barWidth: number): ChartPane {
  const plot: Box = { left: LEFT, top: top + TITLE_HEIGHT, right: CHART_WIDTH - RIGHT, bottom: top + TITLE_HEIGHT + PANE_HEIGHT };
  const value = (s: ChartInput) => finite(kind === 'ingest' ? s.ingestSeconds : s.viewerSeconds);
  const largest = sessions.reduce((m, s) => Math.max(m, value(s)), 0);
  const step = niceStep(largest);
  const maxSeconds = step * Math.max(1, Math.ceil((largest > 0 ? largest : 60) / step));
  const yOf = (seconds: number) => round(plot.bottom - (PANE_HEIGHT * seconds) / maxSeconds);
  const ticks: ChartTick[] = [];
  for (let v = 0; v <= maxSeconds; v += step) {
    ticks.push({ y: yOf(v), seconds: v, label: formatSeconds(v) });
  }
  const what = kind === 'ingest' ? 'ingest' : 'viewer time';
  const bars = sessions.map((s, i) => {
    const seconds = value(s);
    const y = yOf(seconds);
    const center = plot.left + columnWidth * (i + 0.5);
    return { x: round(center - barWidth / 2), y, width: barWidth, height: round(plot.bottom - y), seconds, tooltip: `${s.title} — ${what} ${formatSeconds(seconds)}` };
  });
  return {
    kind,
    title: kind === 'ingest' ? 'Ingest time (input received)' : 'Viewer time (all viewers)',
    titleAt: { x: LEFT, y: top + TITLE_HEIGHT - 5 },
    plot,
    maxSeconds,
    ticks,
    bars,
  };
}

/** Sessions in the order they should appear left to right (oldest first reads naturally). */
export function buildChart(sessions: readonly ChartInput[]): ChartModel {
  const n = sessions.length;
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const columnWidth = n > 0 ? plotWidth / n : plotWidth;
  const barWidth = round(Math.min(MAX_BAR_WIDTH, columnWidth * 0.6));
  const panes = [pane('ingest', 0, sessions, columnWidth, barWidth), pane('viewer', TITLE_HEIGHT + PANE_HEIGHT + PANE_GAP, sessions, columnWidth, barWidth)];
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING / columnWidth));
  const labels: ChartLabel[] = [];
  sessions.forEach((s, i) => {
    // Label the newest (rightmost) column always, then every `labelEvery`-th counting back from it.
    if ((n - 1 - i) % labelEvery === 0) {
      labels.push({ x: round(LEFT + columnWidth * (i + 0.5)), y: CHART_HEIGHT - 6, text: s.label });
    }
  });
  const summary =
    n === 0
      ? 'No sessions to chart.'
      : `Ingest time and viewer time of ${n} ${n === 1 ? 'session' : 'sessions'}, oldest on the left; ` +
        `the most ingest is ${formatSeconds(panes[0].bars.reduce((m, b) => Math.max(m, b.seconds), 0))}, ` +
        `the most viewer time ${formatSeconds(panes[1].bars.reduce((m, b) => Math.max(m, b.seconds), 0))}.`;
  const rows = sessions.map((s) => ({ when: s.title, ingest: formatSeconds(finite(s.ingestSeconds)), viewer: formatSeconds(finite(s.viewerSeconds)) }));
  return { width: CHART_WIDTH, height: CHART_HEIGHT, panes, labels, summary, rows };
}
