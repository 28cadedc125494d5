// One presentation of a livestream's status, for every place that shows one: the tree (icon,
// icon colour, label colour, contextValue), the panel and its webview (badge tone and icon), the
// quick picks and the status bar. Unknown statuses (the legacy OFFLINE, future ones) are shown
// verbatim with a neutral look, never hidden. The words (label, meaning, the status bar's text)
// are translated when asked for, never at import: the translations are configured after load.
import * as l10n from '@vscode/l10n';

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

/** The look of each known status: no words here (those are translated per call, in `words`). */
const LOOKS: Readonly<Record<KnownStatus, Omit<StatusPresentation, 'label' | 'meaning'>>> = {
  LIVE: { key: 'live', icon: 'broadcast', spin: false, iconColor: 'charts.red', labelColor: 'charts.red' },
  IDLE: { key: 'idle', icon: 'circle-outline', spin: false, iconColor: 'disabledForeground' },
  ERRORED: { key: 'errored', icon: 'error', spin: false, iconColor: 'errorForeground', labelColor: 'list.errorForeground' },
  INVOKED: { key: 'invoked', icon: 'loading', spin: true, iconColor: 'charts.yellow' },
};


/** The label and meaning of a known status, in the current language. */
function words(status: KnownStatus): Pick<StatusPresentation, 'label' | 'meaning'> {
  switch (status) {
    case 'LIVE':
      return { label: l10n.t({ message: 'LIVE', comment: ["A livestream status as the RealtimeKit API and Cloudflare's dashboard name it (shown in capitals)"] }), meaning: l10n.t({ message: 'receiving input and playing', comment: ['What the LIVE status means'] }) };
    case 'IDLE':
      return { label: l10n.t({ message: 'IDLE', comment: ["A livestream status as the RealtimeKit API and Cloudflare's dashboard name it (shown in capitals)"] }), meaning: l10n.t({ message: 'waiting for an encoder', comment: ['What the IDLE status means'] }) };
    case 'ERRORED':
      return { label: l10n.t({ message: 'ERRORED', comment: ["A livestream status as the RealtimeKit API and Cloudflare's dashboard name it (shown in capitals)"] }), meaning: l10n.t({ message: 'the last session failed', comment: ['What the ERRORED status means'] }) };
    case 'INVOKED':
      return { label: l10n.t({ message: 'INVOKED', comment: ["A livestream status as the RealtimeKit API and Cloudflare's dashboard name it (shown in capitals)"] }), meaning: l10n.t({ message: 'starting: the encoder is connecting', comment: ['What the INVOKED status means'] }) };
  }
}

export function isKnownStatus(value: unknown): value is KnownStatus {
  return typeof value === 'string' && (KNOWN_STATUSES as readonly string[]).includes(value);
}

export function presentStatus(status: string): StatusPresentation {
  if (isKnownStatus(status)) {
    return { ...LOOKS[status], ...words(status) };
  }
  const label = status.trim() === '' ? l10n.t({ message: 'UNKNOWN', comment: ['Shown as the status of a livestream the API sent without one'] }) : status;
  return { key: 'other', label, icon: 'question', spin: false, meaning: l10n.t('a status this extension does not know') };
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
    text: `$(broadcast) ${l10n.t({ message: '{0} LIVE', args: [count], comment: ['Status bar: {0} is a number of livestreams with the LIVE status'] })}`,
    tooltip:
      count === 1
        ? l10n.t('1 RealtimeKit livestream is LIVE. Click to open one.')
        : l10n.t({ message: '{0} RealtimeKit livestreams are LIVE. Click to open one.', args: [count], comment: ['{0} is a number of livestreams (2 or more)'] }),
  };
}
