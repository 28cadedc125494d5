// What the livestream panel's and the app dashboard's contracts share: formatted times, stat
// tiles, status badges, the bar chart's geometry, and the checks every inbound message goes
// through. Plain types and pure checks, imported by both webviews and the extension.
import type { JsonObject } from '../shared/json';
import type { StatusKey } from '../shared/status';

export interface TimeText {
  /** "5 min ago"; "" when the time is missing. */
  readonly relative: string;
  /** "2026-11-28 04:22:44 UTC", or "—". */
  readonly absolute: string;
  /** "2026-11-28 04:22" (UTC, to the minute) for table cells; "" when the time is missing. */
  readonly short: string;
}

export interface StatTile {
  readonly label: string;
  readonly value: string;
  readonly tooltip?: string;
}

/** A status as a badge: label, tone (`tone-live`...) and codicon, from the one status presentation (shared/status.ts). */
export interface StatusBadge {
  readonly label: string;
  readonly tone: StatusKey;
  readonly icon: string;
  readonly spin: boolean;
}

/** A livestream shown as a link (it opens its panel): the dashboard's lists, a meeting's livestreams. */
export interface LivestreamLink {
  readonly id: string;
  readonly name: string;
  readonly unnamed: boolean;
  readonly status: StatusBadge;
  /** Last updated (else created). */
  readonly time: TimeText;
  /** A short note beside it ("this livestream", "2 sessions", an error). */
  readonly note: string | null;
}

// ---- the bar chart (geometry computed by panel/chart.ts, drawn by the webviews) -----------------

/** Which series a pane shows; also its CSS class (`bar-ingest`). */
export type SeriesKind = 'ingest' | 'viewer' | 'count';

export interface ChartBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
  /** Tooltip, e.g. "2026-11-27 14:05:00 UTC — ingest 1h 2m". */
  readonly tooltip: string;
}

export interface ChartTick {
  readonly y: number;
  readonly value: number;
  readonly label: string;
}

export interface ChartLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface ChartPane {
  readonly kind: SeriesKind;
  readonly title: string;
  /** Where the title is drawn (above the plot, left-aligned). */
  readonly titleAt: { readonly x: number; readonly y: number };
  readonly plot: Box;
  /** Top of the y axis (a "nice" step at or above the largest value). */
  readonly max: number;
  readonly ticks: readonly ChartTick[];
  /** One bar per column, in input order. */
  readonly bars: readonly ChartBar[];
}

export interface ChartModel {
  readonly width: number;
  readonly height: number;
  /** Top to bottom, columns aligned across panes. */
  readonly panes: readonly ChartPane[];
  /** Column labels under the lowest pane. */
  readonly labels: readonly ChartLabel[];
  /** One sentence for screen readers. */
  readonly summary: string;
  /** The data as a table: the chart's text alternative, and its values without a mouse. */
  readonly table: ChartTable;
}

export interface ChartTable {
  readonly caption: string;
  /** What a row is ("Session started", "Day"), then each pane's title. */
  readonly headers: readonly string[];
  /** One per column of the chart, in its order: the column's title, then a value per pane. */
  readonly rows: readonly (readonly string[])[];
}

// ---- validation ---------------------------------------------------------------------------

/** True when `value` has exactly these keys (no extras: a message is either known or refused). */
export function hasOnlyKeys(value: JsonObject, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Ids go into API paths: non-empty, bounded, and no characters that could change the path. */
export const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}
