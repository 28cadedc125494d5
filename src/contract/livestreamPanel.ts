// The one definition of what the livestream panel and its webview say to each other, in both
// directions, plus the persisted state. Everything that arrives from the webview is `unknown`
// until `parseInboundMessage` / `parsePanelState` accept it: the webview runs API-supplied text,
// so the extension treats it like any other untrusted input.
//
// Secrets: no outbound message carries the API token, ever. The stream key travels only in a
// `secret` message, sent in reply to a validated `reveal`, and the webview keeps it in memory
// only (never in setState), dropping it on Hide.
import type { LivestreamRef } from '../shared/ref';
import { COPY_KINDS } from '../shared/credentials';
import { isObject, type JsonObject } from '../shared/json';
import type { StatusKey } from '../shared/status';

export const VIEW_TYPE = 'realtimekit.livestream';

/** Sessions per page the table offers; the API takes any per_page, these keep the UI simple. */
export const PAGE_SIZES = [5, 10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PER_PAGE: PageSize = 10;
/** Far beyond any real session count; bounds what a message may ask for. */
export const MAX_PAGE_NO = 100_000;

export interface SessionsPage {
  readonly pageNo: number;
  readonly perPage: PageSize;
}

/** What survives a window reload (the serializer's state) and a hide/show of the panel. */
export interface PanelState {
  readonly version: 1;
  readonly ref: LivestreamRef;
  readonly page: SessionsPage;
}

/** What the webview stores with setState: the panel state, and the last view to paint at once. */
export interface WebviewState extends PanelState {
  /** The account the view was saved under: it is painted again only under the same account. */
  readonly account?: string;
  readonly view?: PanelView;
  /** Webview-clock time the view's data was loaded, for "Updated Ns ago" after a re-show. */
  readonly loadedAt?: number;
}

export const COPY_FIELDS = COPY_KINDS;
export type CopyField = (typeof COPY_FIELDS)[number];

/** Commands a panel's buttons run; those of LIVESTREAM_COMMANDS get the panel's livestream. */
export const PANEL_COMMANDS = [
  'setApiToken',
  'selectAccount',
  'watchLivestream',
  'stopWatching',
  'streamTestPattern',
  'stopTestPattern',
  'sendToObs',
  'obsStartStreaming',
  'obsStopStreaming',
  'setObsPassword',
] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];
export const LIVESTREAM_COMMANDS: readonly PanelCommand[] = ['watchLivestream', 'stopWatching', 'streamTestPattern', 'stopTestPattern', 'sendToObs', 'obsStartStreaming', 'obsStopStreaming'];

/** Webview -> extension. */
export type InboundMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'reveal' }
  | { readonly type: 'copy'; readonly field: CopyField }
  | { readonly type: 'openPlayback' }
  | { readonly type: 'page'; readonly page: SessionsPage }
  | { readonly type: 'command'; readonly command: PanelCommand }
  /** The encoder checklist was opened or closed: remembered for every panel. */
  | { readonly type: 'checklist'; readonly open: boolean };

/** The values behind the masks, sent only in reply to `reveal`. */
export interface RevealedSecret {
  readonly streamKey: string;
  readonly rtmpUrl: string | null;
  readonly ffmpegCommand: string | null;
}

/** Extension -> webview. */
export type OutboundMessage =
  | { readonly type: 'update'; readonly view: PanelView; readonly state: PanelState }
  | { readonly type: 'secret'; readonly secret: RevealedSecret };

// ---- the view (built by panel/viewModel.ts, rendered by webview/render.ts) --------------------------
// Plain JSON with every string already formatted. Nothing secret: the stream key is only a mask.

export interface TimeText {
  /** "5 min ago"; "" when the time is missing. */
  readonly relative: string;
  /** "2026-11-28 04:22:44 UTC", or "—". */
  readonly absolute: string;
  /** "2026-11-28 04:22" (UTC, to the minute) for table cells; "" when the time is missing. */
  readonly short: string;
}

export interface HeaderView {
  readonly name: string;
  readonly unnamed: boolean;
  /** Label, tone (`tone-live`...) and codicon from the one status presentation (shared/status.ts). */
  readonly status: { readonly label: string; readonly tone: StatusKey; readonly icon: string; readonly spin: boolean };
  readonly disabled: boolean;
  readonly livestreamId: string;
  readonly meetingId: string | null;
  readonly created: TimeText;
  readonly updated: TimeText;
}

export interface EncoderView {
  readonly ingestServer: string | null;
  /** "RTMPS (encrypted)", "RTMP (not encrypted)" or null when the scheme is something else. */
  readonly transport: string | null;
  readonly hasStreamKey: boolean;
  /** MASK when there is a key, "" otherwise. */
  readonly streamKeyMasked: string;
  /** The joined URL with the key masked, or null without server or key. */
  readonly rtmpUrlMasked: string | null;
  /** The ffmpeg test-pattern command with the key masked, or null without server or key. */
  readonly ffmpegMasked: string | null;
}

export interface PlaybackView {
  readonly url: string | null;
  readonly hint: string;
}

export interface StatTile {
  readonly label: string;
  readonly value: string;
  readonly tooltip?: string;
}

export type AppTotalsView =
  | { readonly state: 'loaded'; readonly tiles: readonly StatTile[] }
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string };

export interface StatsView {
  readonly tiles: readonly StatTile[];
  /** Says which sessions the ingest/viewer sums cover. */
  readonly scope: string;
  readonly latest: SessionRow | null;
  /** Why `latest` is missing ("No sessions yet", "Loading…"). */
  readonly latestNote: string;
  readonly app: AppTotalsView;
}

export interface SessionRow {
  readonly id: string;
  readonly started: TimeText;
  readonly stopped: TimeText;
  readonly duration: string;
  readonly running: boolean;
  readonly ingest: string;
  readonly viewer: string;
  readonly error: string | null;
}

export interface PagingView {
  readonly pageNo: number;
  readonly perPage: number;
  readonly totalCount: number;
  readonly totalPages: number;
  /** 1-based index of the first row shown, 0 when none. */
  readonly from: number;
  readonly to: number;
  readonly hasPrev: boolean;
  readonly hasNext: boolean;
  readonly label: string;
  readonly pageSizes: readonly number[];
}

export interface SessionsView {
  readonly rows: readonly SessionRow[];
  readonly paging: PagingView;
  readonly chart: ChartModel;
}

export interface DetailsView {
  readonly header: HeaderView;
  /** Watched until it goes LIVE (store/watcher.ts), or null. */
  readonly watch: WatchView | null;
  /** The session in progress of a LIVE or INVOKED livestream, or null. */
  readonly live: LiveView | null;
  /** An ERRORED livestream: its error and what to check; null otherwise. */
  readonly trouble: TroubleView | null;
  readonly encoder: EncoderView;
  /** OBS Studio over obs-websocket: the encoder's own view of the stream. */
  readonly obs: ObsView;
  readonly checklist: ChecklistView;
  readonly playback: PlaybackView;
  readonly stats: StatsView;
  readonly sessions: SessionsView;
}

export type ObsView =
  /** Not connected: OBS is used only when asked (Send to OBS), or for a livestream it was set up for. */
  | { readonly state: 'idle' }
  | { readonly state: 'connecting' }
  | { readonly state: 'error'; readonly message: string; readonly needsPassword: boolean }
  | {
      readonly state: 'connected';
      /** "OBS 32.0.1 (obs-websocket 5.6.3)" */
      readonly version: string;
      /** Whether OBS's stream settings point at this livestream (server and key). */
      readonly target: 'this' | 'other';
      readonly health: ObsHealthView | null;
    };

export interface ObsHealthView {
  readonly active: boolean;
  readonly reconnecting: boolean;
  /** "0:04:12" */
  readonly duration: string;
  /** "4.6 Mbps", from the byte counter between two samples; "—" before the second. */
  readonly bitrate: string;
  readonly dropped: string;
  readonly congestion: string;
  readonly warnings: readonly string[];
  readonly checks: readonly ObsCheck[];
}

export interface ObsCheck {
  readonly label: string;
  /** null: OBS does not expose it. */
  readonly ok: boolean | null;
  readonly detail: string;
}

export interface WatchView {
  /** "until 14:05 UTC" */
  readonly until: string;
}

export interface LiveView {
  /** False while the session in progress is being read (or has just ended). */
  readonly known: boolean;
  readonly sessionId: string | null;
  readonly started: TimeText;
  /** How long it had run when this view was built; the webview ticks on from there, no requests. */
  readonly runningMs: number | null;
  readonly ingest: string;
  readonly viewer: string;
  /** Why the ingest and viewer figures lag. */
  readonly note: string;
  readonly error: string | null;
}

export interface TroubleView {
  readonly message: string;
  readonly checks: readonly string[];
}

export interface ChecklistItem {
  readonly label: string;
  /** Where it is set, in OBS's own words. */
  readonly detail: string;
}

export interface ChecklistView {
  readonly open: boolean;
  readonly items: readonly ChecklistItem[];
}

export interface ErrorView {
  readonly message: string;
  /** A command that fixes it (sign in again), besides Retry. */
  readonly action: PanelCommand | null;
}

export interface NoticeView {
  readonly message: string;
  readonly action: PanelCommand | null;
  readonly actionLabel: string;
}

export interface FetchView {
  readonly loading: boolean;
  readonly error: ErrorView | null;
  /** How old the shown data was when this view was built; the webview ticks on from there. */
  readonly ageMs: number | null;
  /** True while the panel refreshes itself (LIVE/INVOKED and visible). */
  readonly autoRefresh: boolean;
}

export interface PanelView {
  readonly title: string;
  readonly livestreamId: string;
  readonly fetch: FetchView;
  /** Signed out, or the panel belongs to another account: shown instead of fetching. */
  readonly notice: NoticeView | null;
  /** Null until the first successful load. */
  readonly details: DetailsView | null;
}

// ---- the chart (geometry computed by panel/chart.ts, drawn by the webview) ----------------------

export type SeriesKind = 'ingest' | 'viewer';

export interface ChartBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly seconds: number;
  /** Tooltip, e.g. "2026-11-27 14:05:00 UTC — ingest 1h 2m". */
  readonly tooltip: string;
}

export interface ChartTick {
  readonly y: number;
  readonly seconds: number;
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
  /** Top of the y axis in seconds (a "nice" duration at or above the largest value). */
  readonly maxSeconds: number;
  readonly ticks: readonly ChartTick[];
  /** One bar per session, in input order. */
  readonly bars: readonly ChartBar[];
}

export interface ChartModel {
  readonly width: number;
  readonly height: number;
  /** Ingest pane first, viewer pane below it. */
  readonly panes: readonly ChartPane[];
  /** Column labels under the lower pane. */
  readonly labels: readonly ChartLabel[];
  /** One sentence for screen readers. */
  readonly summary: string;
  /** The data as table rows (oldest first): the chart's text alternative, and its values without a mouse. */
  readonly rows: readonly ChartRow[];
}

export interface ChartRow {
  /** When the session started, e.g. "2026-11-27 14:05:00 UTC". */
  readonly when: string;
  readonly ingest: string;
  readonly viewer: string;
}


// ---- validation ---------------------------------------------------------------------------

type Json = JsonObject;

/** True when `value` has exactly these keys (no extras: a message is either known or refused). */
function hasOnlyKeys(value: Json, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isPageSize(value: unknown): value is PageSize {
  return typeof value === 'number' && (PAGE_SIZES as readonly number[]).includes(value);
}

export function parseSessionsPage(value: unknown): SessionsPage | undefined {
  if (!isObject(value) || !hasOnlyKeys(value, ['pageNo', 'perPage'])) {
    return undefined;
  }
  const { pageNo, perPage } = value;
  if (typeof pageNo !== 'number' || !Number.isInteger(pageNo) || pageNo < 1 || pageNo > MAX_PAGE_NO || !isPageSize(perPage)) {
    return undefined;
  }
  return { pageNo, perPage };
}

/** Ids go into API paths: non-empty, bounded, and no characters that could change the path. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRef(value: unknown): LivestreamRef | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const { accountId, appId, livestreamId } = value;
  for (const id of [accountId, appId, livestreamId]) {
    if (typeof id !== 'string' || !ID.test(id)) {
      return undefined;
    }
  }
  return { accountId: accountId as string, appId: appId as string, livestreamId: livestreamId as string };
}

/** Accepts a WebviewState too (the cached view is ignored: the extension rebuilds it). */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (!isObject(value) || value.version !== 1) {
    return undefined;
  }
  const ref = parseRef(value.ref);
  const page = parseSessionsPage(value.page);
  return ref && page ? { version: 1, ref, page } : undefined;
}

export function parseInboundMessage(value: unknown): InboundMessage | undefined {
  if (!isObject(value) || typeof value.type !== 'string') {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'reveal':
    case 'openPlayback':
      return hasOnlyKeys(value, ['type']) ? { type: value.type } : undefined;
    case 'copy':
      return hasOnlyKeys(value, ['type', 'field']) && oneOf(COPY_FIELDS, value.field) ? { type: 'copy', field: value.field } : undefined;
    case 'page': {
      const page = hasOnlyKeys(value, ['type', 'page']) ? parseSessionsPage(value.page) : undefined;
      return page ? { type: 'page', page } : undefined;
    }
    case 'command':
      return hasOnlyKeys(value, ['type', 'command']) && oneOf(PANEL_COMMANDS, value.command)
        ? { type: 'command', command: value.command }
        : undefined;
    case 'checklist':
      return hasOnlyKeys(value, ['type', 'open']) && typeof value.open === 'boolean' ? { type: 'checklist', open: value.open } : undefined;
    default:
      return undefined;
  }
}
