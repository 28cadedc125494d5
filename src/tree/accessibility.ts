// What a screen reader says for each tree row (TreeItem.accessibilityInformation). Without it a
// row reads as its label and description run together ("Keynote LIVE · 👁 watching · 4 min ago"):
// capitals, a middle dot, an emoji and unit abbreviations. Each sentence here starts with what the
// row shows as its label, so a row is still found by its name, then says the rest in words.
// Pure: no `vscode`, unit-tested on plain Node.
import type { App, Livestream } from '../api/types';
import { formatAbsoluteTime, formatRelativeTime, pluralize, shortenName } from '../shared/format';
import { isKnownStatus, presentStatus, type KnownStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';

/** How a status is said: words, not the API's capitals (INVOKED means nothing to a listener). */
const SPOKEN_STATUS: Readonly<Record<KnownStatus, string>> = {
  LIVE: 'live',
  IDLE: 'idle',
  ERRORED: 'errored',
  INVOKED: 'starting',
};

export function spokenStatus(status: string): string {
  return isKnownStatus(status) ? SPOKEN_STATUS[status] : `status ${presentStatus(status).label}`;
}

/**
 * "Keynote, live, started 4 minutes ago", "Town Hall, idle, disabled, updated 2 days ago, watching
 * for status changes until 14:05 UTC". A LIVE livestream's last update is its going live, hence
 * "started"; without an update time, its creation is said.
 */
export function livestreamSentence(livestream: Livestream, now: number, watchingUntil?: number): string {
  const parts = [livestream.unnamed ? `unnamed livestream ${livestream.id}` : shortenName(livestream.name), spokenStatus(livestream.status)];
  if (livestream.status === 'INVOKED') parts.push('the encoder is connecting');
  if (livestream.disabled) parts.push('disabled');
  const when = formatRelativeTime(livestream.updatedAt ?? livestream.createdAt, now, 'spoken');
  if (when) {
    const verb = !livestream.updatedAt ? 'created' : livestream.status === 'LIVE' ? 'started' : 'updated';
    parts.push(`${verb} ${when}`);
  }
  if (watchingUntil !== undefined) {
    parts.push(`watching for status changes until ${formatAbsoluteTime(new Date(watchingUntil).toISOString()).slice(11, 16)} UTC`);
  }
  return parts.join(', ');
}

/**
 * "Production, app, 12 livestreams, 2 live". The live count is of the livestreams loaded so far
 * (the first page, more after Load more), as in the row's description; when some are not loaded
 * yet the sentence says so rather than claim a total.
 */
export function appSentence(app: App, list: Loadable<LivestreamList>, filter: KnownStatus | undefined): string {
  const parts = [shortenName(app.name), 'app'];
  const value = list.value;
  if (!value) {
    if (list.error) parts.push("couldn't load its livestreams");
    else if (list.loading) parts.push('loading its livestreams');
    return parts.join(', ');
  }
  if (filter) {
    parts.push(`${value.totalCount} ${SPOKEN_STATUS[filter]} ${value.totalCount === 1 ? 'livestream' : 'livestreams'}, filtered by status`);
    return parts.join(', ');
  }
  if (value.totalCount === 0) {
    parts.push('no livestreams');
    return parts.join(', ');
  }
  parts.push(pluralize(value.totalCount, 'livestream'));
  const live = value.items.filter((l) => l.status === 'LIVE').length;
  const partly = value.items.length < value.totalCount ? ` of the ${value.items.length} loaded` : '';
  parts.push(live > 0 ? `${live} live${partly}` : `none live${partly}`);
  return parts.join(', ');
}

/** "Load more livestreams, 25 of 260 shown" (or "Loading more livestreams, ..." while it runs). */
export function loadMoreSentence(list: LivestreamList, loading: boolean): string {
  return `${loading ? 'Loading' : 'Load'} more livestreams, ${list.items.length} of ${list.totalCount} shown`;
}

/** An error row: its label, then what the row does when chosen (the label alone says "click"). */
export function errorSentence(label: string, refresh: boolean): string {
  return `${label}${refresh ? ', showing what was loaded before' : ''}; press Enter to retry`;
}

export const LOADING_SENTENCE = 'Loading livestreams';
