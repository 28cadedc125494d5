// What the panel's live region says when the livestream's status changes: "Product Launch is
// LIVE", once per change. The status shown first (opening the panel) is on screen to be read, and
// every re-render with the same status says nothing. Pure, so unit tests run it on plain Node.
import * as l10n from '@vscode/l10n';
import type { PanelView, StatusBadge } from '../contract/livestreamPanel';

export interface ShownStatus {
  readonly livestreamId: string;
  /** Which status, never its (translated) label: the same status after a language change is no news. */
  readonly status: string;
}

/** A known status by its key; an unknown one (shown as the API's own word) by that word. */
function statusOf(badge: StatusBadge): string {
  return badge.tone === 'other' ? `other:${badge.label}` : badge.tone;
}

/** The status a view shows, or undefined when it shows none (loading, a notice). */
export function shownStatus(view: PanelView): ShownStatus | undefined {
  const header = view.details?.header;
  return header ? { livestreamId: view.livestreamId, status: statusOf(header.status) } : undefined;
}

/** The sentence to announce when `view` shows another status than `before`, else undefined. */
export function statusAnnouncement(before: ShownStatus | undefined, view: PanelView): string | undefined {
  const header = view.details?.header;
  if (!header || !before || before.livestreamId !== view.livestreamId || before.status === statusOf(header.status)) {
    return undefined;
  }
  // INVOKED is the API's word; a listener needs to know what it means.
  return header.status.tone === 'invoked'
    ? l10n.t({ message: '{0} is starting: the encoder is connecting', args: [header.name], comment: ['{0} is the livestream\'s name'] })
    : l10n.t({ message: '{0} is {1}', args: [header.name, header.status.label], comment: ['Said by a screen reader when a livestream\'s status changes. {0} is its name, {1} its status as the panel shows it (e.g. LIVE, IDLE)'] });
}
