// The one definition of what the livestream panel and its webview say to each other, in both
// directions, plus the persisted state. Everything that arrives from the webview is `unknown`
// until `parseInboundMessage` / `parsePanelState` accept it: the webview runs API-supplied text,
// so the extension treats it like any other untrusted input.
//
// Secrets: no outbound message carries the API token, ever. The stream key travels only in a
// `secret` message, sent in reply to a validated `reveal`, and the webview keeps it in memory
// only (never in setState), dropping it on Hide.
import type { LivestreamRef } from '../shared/ref';
import type { PanelView } from '../panel/viewModel';

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
  readonly view?: PanelView;
  /** Webview-clock time the view's data was loaded, for "Updated Ns ago" after a re-show. */
  readonly loadedAt?: number;
}

export const COPY_FIELDS = ['livestreamId', 'meetingId', 'ingestServer', 'streamKey', 'rtmpUrl', 'ffmpegCommand', 'playbackUrl'] as const;
export type CopyField = (typeof COPY_FIELDS)[number];

export const PANEL_COMMANDS = ['setApiToken', 'selectAccount'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** Webview -> extension. */
export type InboundMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'reveal' }
  | { readonly type: 'copy'; readonly field: CopyField }
  | { readonly type: 'openPlayback' }
  | { readonly type: 'page'; readonly page: SessionsPage }
  | { readonly type: 'command'; readonly command: PanelCommand };

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

// ---- validation ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
    default:
      return undefined;
  }
}
