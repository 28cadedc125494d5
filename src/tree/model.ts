// The tree's functional core: store state in, node descriptions out (label, description, icon
// and colour ids, contextValue, tooltip Markdown, collapsible state, the sentence a screen reader
// says). No `vscode`: the provider turns these into TreeItems, and unit tests check them directly.
import * as l10n from '@vscode/l10n';
import type { App, Livestream } from '../api/types';
import { formatAbsoluteTime, formatRelativeTime, parseTime, shortenName } from '../shared/format';
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
export function watchingMark(): string {
  return `👁 ${l10n.t({ message: 'watching', comment: ["Beside a livestream's status while the extension watches it for status changes"] })}`;
}
/** A livestream started from a meeting says so beside its status (its icon is the status's). */
export function meetingMark(): string {
  return l10n.t({ message: 'meeting', comment: ["Beside a livestream's status when it was started from a meeting"] });
}

function disabledMark(): string {
  return l10n.t({ message: 'disabled', comment: ["Beside a livestream's status when the livestream is disabled"] });
}

export function livestreamDescription(livestream: Livestream, now: number, watching?: Watching): string {
  const parts = [presentStatus(livestream.status).label];
  if (livestream.meetingId) parts.push(meetingMark());
  if (watching) parts.push(watchingMark());
  if (livestream.disabled) parts.push(disabledMark());
  const when = formatRelativeTime(livestreamTime(livestream), now);
  if (when) parts.push(when);
  return parts.join(' · ');
}

/**
 * Id, meeting, times and ingest server. Never the stream key (nor the full RTMP URL). The wording
 * is translated; API text goes in as arguments, already inert (escapeMarkdown, code).
 */
export function livestreamTooltip(livestream: Livestream, now: number, watching?: Watching): string {
  const lines = [
    `**${escapeMarkdown(livestream.name)}** · ${code(presentStatus(livestream.status).label)}${livestream.disabled ? ` · ${disabledMark()}` : ''}`,
    '',
    l10n.t({ message: 'ID: {0}', args: [code(livestream.id)], comment: ["{0} is the livestream's ID"] }),
    livestream.meetingId
      ? l10n.t({ message: 'Meeting: {0} (livestreamed from a meeting)', args: [code(livestream.meetingId)], comment: ["{0} is the meeting's ID"] })
      : l10n.t('Meeting: none (independent livestream)'),
    l10n.t({ message: 'Created: {0}', args: [timeWithRelative(livestream.createdAt, now)], comment: ['{0} is a date and time, e.g. "2026-11-28 04:22:44 UTC (5 min ago)"'] }),
    l10n.t({ message: 'Updated: {0}', args: [timeWithRelative(livestream.updatedAt, now)], comment: ['{0} is a date and time, e.g. "2026-11-28 04:22:44 UTC (5 min ago)"'] }),
    livestream.ingestServer
      ? l10n.t({ message: 'Ingest server: {0}', args: [code(livestream.ingestServer)], comment: ["{0} is the ingest server's URL"] })
      : l10n.t('Ingest server: none'),
    livestream.streamKey ? l10n.t('Stream key: available (copy it from the context menu)') : l10n.t('Stream key: none'),
  ];
  if (livestream.unnamed) {
    lines.splice(1, 0, '', `_${l10n.t('This livestream has no name; its ID is shown instead.')}_`);
  }
  if (watching) {
    const until = formatAbsoluteTime(new Date(watching.until).toISOString()).slice(11, 16);
    lines.push('', `$(eye) ${l10n.t({ message: 'Watching for status changes until {0} UTC.', args: [until], comment: ['{0} is a time of day, e.g. "14:05"'] })}`);
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
    if (list.error) return l10n.t({ message: "couldn't load", comment: ["An app's description when its livestreams could not be loaded"] });
    return list.loading ? l10n.t({ message: 'loading…', comment: ["An app's description while its livestreams load"] }) : undefined;
  }
  if (filter) {
    return l10n.t({ message: '{0} {1}', args: [value.totalCount, presentStatus(filter).label], comment: ['{0} livestreams whose status is {1} (as the tree shows it: LIVE, IDLE, ERRORED or INVOKED), e.g. "3 LIVE"'] });
  }
  const live = countLive(value.items);
  const count = livestreamCount(value.totalCount);
  // LIVE first: a narrow sidebar truncates the end.
  return live > 0 ? l10n.t({ message: '{0} LIVE · {1}', args: [live, count], comment: ['{0} livestreams are LIVE; {1} is the count of all, e.g. "12 livestreams"'] }) : count;
}

/** "1 livestream", "12 livestreams". */
function livestreamCount(n: number): string {
  return n === 1 ? l10n.t('1 livestream') : l10n.t('{0} livestreams', n);
}

export function appItem(app: App, list: Loadable<LivestreamList>, filter: KnownStatus | undefined, onlyApp: boolean): ItemDescription {
  const description = appDescription(list, filter);
  const lines = [`**${escapeMarkdown(app.name)}**`, '', l10n.t({ message: 'App ID: {0}', args: [code(app.id)], comment: ["{0} is the app's ID"] })];
  if (app.createdAt) lines.push(l10n.t({ message: 'Created: {0}', args: [formatAbsoluteTime(app.createdAt)], comment: ['{0} is a date and time, e.g. "2026-11-28 04:22:44 UTC (5 min ago)"'] }));
  if (list.value) {
    const total = list.value.totalCount;
    const live = countLive(list.value.items);
    lines.push(
      filter
        ? l10n.t({ message: '{0} livestreams: {1}', args: [presentStatus(filter).label, total], comment: ['{0} is a status as the tree shows it (LIVE, IDLE, ERRORED, INVOKED); {1} how many livestreams have it'] })
        : live > 0
          ? l10n.t({ message: 'Livestreams: {0} ({1} LIVE)', args: [total, live], comment: ['{0} livestreams in all, {1} of them LIVE'] })
          : l10n.t('Livestreams: {0}', total),
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
  return filter ? l10n.t({ message: '{0} only', args: [presentStatus(filter).label], comment: ['{0} is a status as the tree shows it: LIVE, IDLE, ERRORED or INVOKED'] }) : undefined;
}

/**
 * The message above the tree while a filter is active. The description alone is not enough: in a
 * container with one view, VS Code hides the view's header, and its description with it.
 */
export function viewMessage(filter: KnownStatus | undefined): string | undefined {
  return filter
    ? l10n.t({
        message: 'Showing only {0} livestreams. Clear the filter (filled filter icon) to see all.',
        args: [presentStatus(filter).label],
        comment: ['{0} is a status as the tree shows it: LIVE, IDLE, ERRORED or INVOKED'],
      })
    : undefined;
}

export function viewBadge(liveCount: number): { value: number; tooltip: string } | undefined {
  if (liveCount <= 0) return undefined;
  return { value: liveCount, tooltip: liveCount === 1 ? l10n.t('1 livestream LIVE') : l10n.t('{0} livestreams LIVE', liveCount) };
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
