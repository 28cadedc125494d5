// The tree's functional core: store state in, node descriptions out (label, description, icon
// and colour ids, contextValue, tooltip Markdown, collapsible state, the sentence a screen reader
// says). No `vscode`: the provider turns these into TreeItems, and unit tests check them directly.
import type { App, Livestream } from '../api/types';
import { formatAbsoluteTime, formatRelativeTime, parseTime, pluralize, shortenName } from '../shared/format';
import { presentStatus, type KnownStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';
import { appSentence, livestreamSentence } from './accessibility';

/** A codicon id and an optional theme colour id (`new ThemeIcon(id, new ThemeColor(color))`). */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface ItemDescription {
  readonly label: string;
  readonly description?: string;
  readonly icon: IconSpec;
  /** A theme colour id for the label itself (rendered through a FileDecoration). */
  readonly labelColor?: string;
  readonly contextValue: string;
  /** Markdown source. */
  readonly tooltip?: string;
  readonly collapsible: Collapsible;
  /** What a screen reader says for the row (accessibility.ts); the label alone when absent. */
  readonly accessibilityLabel?: string;
}

/** What the action of a message node does when clicked. */
export type MessageAction = 'retryApps' | 'retryLivestreams' | 'createLivestream';

/** The children of a node, before they become TreeItems. */
export type ChildDescription =
  | { readonly kind: 'app'; readonly app: App }
  | { readonly kind: 'livestream'; readonly livestream: Livestream }
  | { readonly kind: 'loadMore'; readonly appId: string; readonly item: ItemDescription }
  | { readonly kind: 'message'; readonly key: string; readonly appId?: string; readonly action?: MessageAction; readonly item: ItemDescription };

export const ContextValues = {
  app: 'app',
  loadMore: 'loadMore',
  error: 'error',
  empty: 'empty',
  loading: 'loading',
  livestreamPrefix: 'livestream',
} as const;

/** The tree's icon for a status: its codicon (spinning for INVOKED) in its colour. */
export function statusIcon(status: string): IconSpec {
  const p = presentStatus(status);
  return { id: p.spin ? `${p.icon}~spin` : p.icon, ...(p.iconColor ? { color: p.iconColor } : {}) };
}

// ---- livestreams -------------------------------------------------------------------------------

export interface LivestreamCapabilities {
  readonly hasKey: boolean;
  readonly hasIngest: boolean;
  /** Both server and key: the full RTMP URL and the ffmpeg command can be built. */
  readonly hasRtmp: boolean;
  readonly hasPlayback: boolean;
}

export function capabilities(livestream: Livestream): LivestreamCapabilities {
  const hasKey = !!livestream.streamKey;
  const hasIngest = !!livestream.ingestServer;
  return { hasKey, hasIngest, hasRtmp: hasKey && hasIngest, hasPlayback: !!livestream.playbackUrl };
}

/** Being watched until it goes LIVE (store/watcher.ts): until when. */
export interface Watching {
  readonly until: number;
}

/**
 * `livestream:<status>[:disabled][:hasKey][:hasIngest][:hasRtmp][:hasPlayback][:meeting][:watched]`,
 * e.g. `livestream:live:hasKey:hasIngest:hasRtmp:hasPlayback:meeting`. Menus match with
 * `viewItem =~ /^livestream:live\b/` or `viewItem =~ /:hasKey\b/`. `meeting`: started from a
 * meeting, so the meeting's commands (Stop Meeting Livestream, ...) apply.
 */
export function livestreamContextValue(livestream: Livestream, watching?: Watching): string {
  const caps = capabilities(livestream);
  const parts: string[] = [ContextValues.livestreamPrefix, presentStatus(livestream.status).key];
  if (livestream.disabled) parts.push('disabled');
  if (caps.hasKey) parts.push('hasKey');
  if (caps.hasIngest) parts.push('hasIngest');
  if (caps.hasRtmp) parts.push('hasRtmp');
  if (caps.hasPlayback) parts.push('hasPlayback');
  if (livestream.meetingId) parts.push('meeting');
  if (watching) parts.push('watched');
  return parts.join(':');
}

/** The time shown beside the status: the last update, else the creation. */
export function livestreamTime(livestream: Livestream): string | null {
  return livestream.updatedAt ?? livestream.createdAt;
}

/** The eye in a watched livestream's description. */
export const WATCHING_MARK = '👁 watching';
/** A livestream started from a meeting says so beside its status (its icon is the status's). */
export const MEETING_MARK = 'meeting';

export function livestreamDescription(livestream: Livestream, now: number, watching?: Watching): string {
  const parts = [presentStatus(livestream.status).label];
  if (livestream.meetingId) parts.push(MEETING_MARK);
  if (watching) parts.push(WATCHING_MARK);
  if (livestream.disabled) parts.push('disabled');
  const when = formatRelativeTime(livestreamTime(livestream), now);
  if (when) parts.push(when);
  return parts.join(' · ');
}

/** Id, meeting, times and ingest server. Never the stream key (nor the full RTMP URL). */
export function livestreamTooltip(livestream: Livestream, now: number, watching?: Watching): string {
  const lines = [
    `**${escapeMarkdown(livestream.name)}** · ${code(presentStatus(livestream.status).label)}${livestream.disabled ? ' · disabled' : ''}`,
    '',
    `ID: ${code(livestream.id)}`,
    `Meeting: ${livestream.meetingId ? `${code(livestream.meetingId)} (livestreamed from a meeting)` : 'none (independent livestream)'}`,
    `Created: ${timeWithRelative(livestream.createdAt, now)}`,
    `Updated: ${timeWithRelative(livestream.updatedAt, now)}`,
    `Ingest server: ${livestream.ingestServer ? code(livestream.ingestServer) : 'none'}`,
    `Stream key: ${livestream.streamKey ? 'available (copy it from the context menu)' : 'none'}`,
  ];
  if (livestream.unnamed) {
    lines.splice(1, 0, '', '_This livestream has no name; its ID is shown instead._');
  }
  if (watching) {
    lines.push('', `$(eye) Watching for status changes until ${formatAbsoluteTime(new Date(watching.until).toISOString()).slice(11, 16)} UTC.`);
  }
  return lines.join('  \n');
}

export function livestreamItem(livestream: Livestream, now: number, watching?: Watching): ItemDescription {
  const { labelColor } = presentStatus(livestream.status);
  return {
    label: shortenName(livestream.name),
    description: livestreamDescription(livestream, now, watching),
    icon: statusIcon(livestream.status),
    ...(labelColor ? { labelColor } : {}),
    contextValue: livestreamContextValue(livestream, watching),
    tooltip: livestreamTooltip(livestream, now, watching),
    collapsible: 'none',
    accessibilityLabel: livestreamSentence(livestream, now, watching?.until),
  };
}

/** Newest first by creation time (a stable sort: equal or missing times keep the API's order, missing last). */
export function sortNewestFirst(items: readonly Livestream[]): Livestream[] {
  return items
    .map((item, index) => ({ item, index, t: parseTime(item.createdAt) }))
    .sort((a, b) => {
      if (a.t === null || b.t === null) {
        return a.t === b.t ? a.index - b.index : a.t === null ? 1 : -1;
      }
      return b.t - a.t || a.index - b.index;
    })
    .map((e) => e.item);
}

// ---- apps --------------------------------------------------------------------------------------

export function countLive(items: readonly Livestream[]): number {
  return items.filter((l) => l.status === 'LIVE').length;
}

export function appDescription(list: Loadable<LivestreamList>, filter: KnownStatus | undefined): string | undefined {
  const value = list.value;
  if (!value) {
    if (list.error) return "couldn't load";
    return list.loading ? 'loading…' : undefined;
  }
  if (filter) {
    return `${value.totalCount} ${filter}`;
  }
  const live = countLive(value.items);
  const count = pluralize(value.totalCount, 'livestream');
  // LIVE first: a narrow sidebar truncates the end.
  return live > 0 ? `${live} LIVE · ${count}` : count;
}

export function appItem(app: App, list: Loadable<LivestreamList>, filter: KnownStatus | undefined, onlyApp: boolean): ItemDescription {
  const description = appDescription(list, filter);
  const lines = [`**${escapeMarkdown(app.name)}**`, '', `App ID: ${code(app.id)}`];
  if (app.createdAt) lines.push(`Created: ${formatAbsoluteTime(app.createdAt)}`);
  if (list.value) {
    const live = countLive(list.value.items);
    lines.push(
      `${filter ? `${filter} livestreams` : 'Livestreams'}: ${list.value.totalCount}${!filter && live > 0 ? ` (${live} LIVE)` : ''}`,
    );
  }
  return {
    label: shortenName(app.name),
    ...(description ? { description } : {}),
    icon: { id: 'project' },
    contextValue: ContextValues.app,
    tooltip: lines.join('  \n'),
    collapsible: onlyApp ? 'expanded' : 'collapsed',
    accessibilityLabel: appSentence(app, list, filter),
  };
}

// ---- view --------------------------------------------------------------------------------------

/** The view's description beside its title while a filter is active. */
export function viewDescription(filter: KnownStatus | undefined): string | undefined {
  return filter ? `${filter} only` : undefined;
}

/**
 * The message above the tree while a filter is active. The description alone is not enough: in a
 * container with one view, VS Code hides the view's header, and its description with it.
 */
export function viewMessage(filter: KnownStatus | undefined): string | undefined {
  return filter ? `Showing only ${filter} livestreams. Clear the filter (filled filter icon) to see all.` : undefined;
}

export function viewBadge(liveCount: number): { value: number; tooltip: string } | undefined {
  return liveCount > 0 ? { value: liveCount, tooltip: `${pluralize(liveCount, 'livestream')} LIVE` } : undefined;
}

// ---- helpers -----------------------------------------------------------------------------------

/**
 * API text as inert Markdown: every character Markdown could read as syntax is escaped, and
 * line breaks become spaces (a blank line would end the paragraph and start a block).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, '\\$&');
}

/**
 * An inline code span, inert whatever it holds: backticks (which would end it) are dropped and
 * line breaks become spaces, since a blank line ends a code span and what follows is Markdown.
 */
function code(text: string): string {
  return `\`${text.replace(/`/g, '').replace(/\s+/g, ' ')}\``;
}

function timeWithRelative(iso: string | null, now: number): string {
  const relative = formatRelativeTime(iso, now);
  return relative ? `${formatAbsoluteTime(iso)} (${relative})` : formatAbsoluteTime(iso);
}
