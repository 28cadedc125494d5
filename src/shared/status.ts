// One presentation of a livestream's status, for every place that shows one: the tree (icon,
// icon colour, label colour, contextValue), the panel and its webview (badge tone and icon), the
// quick picks and the status bar. Unknown statuses (the legacy OFFLINE, future ones) are shown
// verbatim with a neutral look, never hidden.

/** The four documented statuses, in the order filters and legends list them. */
export const KNOWN_STATUSES = ['LIVE', 'IDLE', 'ERRORED', 'INVOKED'] as const;
export type KnownStatus = (typeof KNOWN_STATUSES)[number];

/** `live`, `idle`, ...: CSS classes (`tone-live`) and contextValue segments (`livestream:live`). */
export type StatusKey = 'live' | 'idle' | 'errored' | 'invoked' | 'other';

export interface StatusPresentation {
  readonly key: StatusKey;
  /** As shown: the known ones verbatim, an unknown one as sent, `UNKNOWN` for an empty one. */
  readonly label: string;
  /** A codicon name without the `codicon-` prefix. */
  readonly icon: string;
  /** Whether the icon spins (INVOKED: the encoder is connecting). */
  readonly spin: boolean;
  /** Theme colour id of the icon in the tree. */
  readonly iconColor?: string;
  /** Theme colour id of the tree label itself (only the statuses that must stand out). */
  readonly labelColor?: string;
  /** What the status means, in a few words (the filter's quick pick). */
  readonly meaning: string;
}

const PRESENTATIONS: Readonly<Record<KnownStatus, StatusPresentation>> = {
  LIVE: { key: 'live', label: 'LIVE', icon: 'broadcast', spin: false, iconColor: 'charts.red', labelColor: 'charts.red', meaning: 'receiving input and playing' },
  IDLE: { key: 'idle', label: 'IDLE', icon: 'circle-outline', spin: false, iconColor: 'disabledForeground', meaning: 'waiting for an encoder' },
  ERRORED: { key: 'errored', label: 'ERRORED', icon: 'error', spin: false, iconColor: 'errorForeground', labelColor: 'list.errorForeground', meaning: 'the last session failed' },
  INVOKED: { key: 'invoked', label: 'INVOKED', icon: 'loading', spin: true, iconColor: 'charts.yellow', meaning: 'starting: the encoder is connecting' },
};

export function isKnownStatus(value: unknown): value is KnownStatus {
  return typeof value === 'string' && (KNOWN_STATUSES as readonly string[]).includes(value);
}

export function presentStatus(status: string): StatusPresentation {
  if (isKnownStatus(status)) {
    return PRESENTATIONS[status];
  }
  const label = status.trim() === '' ? 'UNKNOWN' : status;
  return { key: 'other', label, icon: 'question', spin: false, meaning: 'a status this extension does not know' };
}

/** A codicon reference for labels that render `$(name)` (tree, quick picks, status bar). */
export function statusIconRef(status: string): string {
  const p = presentStatus(status);
  return `$(${p.icon}${p.spin ? '~spin' : ''})`;
}

/** LIVE or INVOKED: something is happening, worth polling. */
export function isActiveStatus(status: string): boolean {
  return status === 'LIVE' || status === 'INVOKED';
}

/** The status bar text and tooltip for `count` LIVE livestreams; undefined hides the item. */
export function liveCountText(count: number): { readonly text: string; readonly tooltip: string } | undefined {
  if (count <= 0) {
    return undefined;
  }
  return {
    text: `$(broadcast) ${count} LIVE`,
    tooltip: `${count === 1 ? '1 RealtimeKit livestream is' : `${count} RealtimeKit livestreams are`} LIVE. Click to open one.`,
  };
}
