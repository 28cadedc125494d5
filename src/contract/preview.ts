// The playback preview's messages, both ways. The preview webview plays the livestream's HLS with
// hls.js; the extension tells it what to play and the livestream's status (which it learns by
// watching the livestream), and acts on the buttons. Inbound messages are validated here: a
// webview is a web page, and its messages are input like any other.
import { isObject } from '../shared/json';

export const PREVIEW_VIEW_TYPE = 'realtimekit.preview';

/** Extension -> preview: everything the preview shows that is not the video itself. */
export interface PreviewUpdate {
  readonly type: 'update';
  readonly name: string;
  /** The livestream's status as Cloudflare last reported it (LIVE, IDLE, ...), null before any. */
  readonly status: string | null;
  /** The HLS manifest; null when the livestream has none (the preview says so). */
  readonly playbackUrl: string | null;
  /** Whether the livestream is watched (so a go-live will be seen without the preview asking). */
  readonly watching: boolean;
}

/** What the preview is doing, reported for the log and for the tests that read it. */
export const PREVIEW_PHASES = ['checking', 'unsupported', 'noUrl', 'waiting', 'loading', 'playing', 'stopped', 'refused', 'failed'] as const;
export type PreviewPhase = (typeof PREVIEW_PHASES)[number];

/** Preview -> extension. */
export type PreviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openInBrowser' }
  | { readonly type: 'copyUrl' }
  /** "Watch Until Live": the preview wants to be told when the livestream goes LIVE again. */
  | { readonly type: 'watch' }
  | { readonly type: 'phase'; readonly phase: PreviewPhase; readonly detail: string };

const SIMPLE = ['ready', 'openInBrowser', 'copyUrl', 'watch'] as const;
/** Phase details are for a log line: anything longer is not from our script. */
const MAX_DETAIL = 500;

export function parsePreviewMessage(raw: unknown): PreviewMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') {
    return undefined;
  }
  const type = raw.type;
  if ((SIMPLE as readonly string[]).includes(type)) {
    return { type } as PreviewMessage;
  }
  if (type === 'phase' && (PREVIEW_PHASES as readonly unknown[]).includes(raw.phase) && typeof raw.detail === 'string' && raw.detail.length <= MAX_DETAIL) {
    return { type, phase: raw.phase as PreviewPhase, detail: raw.detail };
  }
  return undefined;
}
