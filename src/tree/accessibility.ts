// What a screen reader says for each tree row (TreeItem.accessibilityInformation). Without it a
// row reads as its label and description run together ("Keynote LIVE · 👁 watching · 4 min ago"):
// capitals, a middle dot, an emoji and unit abbreviations. Each sentence here starts with what the
// row shows as its label, so a row is still found by its name, then says the rest in words.
// Pure: no `vscode`, unit-tested on plain Node.
import * as l10n from '@vscode/l10n';
import type { App, Livestream } from '../api/types';
import { formatAbsoluteTime, formatRelativeTime, shortenName } from '../shared/format';
import { isKnownStatus, presentStatus, type KnownStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';

/** How a status is said: words, not the API's capitals (INVOKED means nothing to a listener). */
function spokenKnownStatus(status: KnownStatus): string {
  switch (status) {
    case 'LIVE':
      return l10n.t({ message: 'live', comment: ['A livestream status, spoken: "Keynote, live, started 4 minutes ago"'] });
    case 'IDLE':
      return l10n.t({ message: 'idle', comment: ['A livestream status, spoken: "Keynote, idle, updated 2 days ago"'] });
    case 'ERRORED':
      return l10n.t({ message: 'errored', comment: ['A livestream status, spoken: "Keynote, errored, updated 2 days ago"'] });
    case 'INVOKED':
      return l10n.t({ message: 'starting', comment: ['A livestream status (the encoder is connecting), spoken: "Keynote, starting, the encoder is connecting"'] });
  }
}

export function spokenStatus(status: string): string {
  return isKnownStatus(status)
    ? spokenKnownStatus(status)
    : l10n.t({ message: 'status {0}', args: [presentStatus(status).label], comment: ['{0} is a livestream status the extension does not know, as the API names it'] });
}

/**
 * "Keynote, live, started 4 minutes ago", "Town Hall, idle, disabled, updated 2 days ago, watching
 * for status changes until 14:05 UTC". A LIVE livestream's last update is its going live, hence
 * "started"; without an update time, its creation is said. Each clause is one whole message; the
 * clauses are said one after another, separated by commas.
 */
export function livestreamSentence(livestream: Livestream, now: number, watchingUntil?: number): string {
  const parts = [
    livestream.unnamed
      ? l10n.t({ message: 'unnamed livestream {0}', args: [livestream.id], comment: ['{0} is the livestream ID (it has no name)'] })
      : shortenName(livestream.name),
    spokenStatus(livestream.status),
  ];
  if (livestream.status === 'INVOKED') parts.push(l10n.t('the encoder is connecting'));
  if (livestream.disabled) parts.push(l10n.t({ message: 'disabled', comment: ['Spoken about a livestream that is disabled'] }));
  const when = formatRelativeTime(livestream.updatedAt ?? livestream.createdAt, now, 'spoken');
  if (when) {
    parts.push(
      !livestream.updatedAt
        ? l10n.t({ message: 'created {0}', args: [when], comment: ['{0} is a relative time, e.g. "4 minutes ago"'] })
        : livestream.status === 'LIVE'
          ? l10n.t({ message: 'started {0}', args: [when], comment: ['{0} is a relative time, e.g. "4 minutes ago"'] })
          : l10n.t({ message: 'updated {0}', args: [when], comment: ['{0} is a relative time, e.g. "4 minutes ago"'] }),
    );
  }
  if (watchingUntil !== undefined) {
    parts.push(
      l10n.t({
        message: 'watching for status changes until {0} UTC',
        args: [formatAbsoluteTime(new Date(watchingUntil).toISOString()).slice(11, 16)],
        comment: ['{0} is a time of day, e.g. "14:05"'],
      }),
    );
  }
  return parts.join(', ');
}

/** "3 live livestreams, filtered by status": one whole message per status and number. */
function filteredCount(filter: KnownStatus, n: number): string {
  const one = n === 1;
  switch (filter) {
    case 'LIVE':
      return one ? l10n.t('1 live livestream, filtered by status') : l10n.t('{0} live livestreams, filtered by status', n);
    case 'IDLE':
      return one ? l10n.t('1 idle livestream, filtered by status') : l10n.t('{0} idle livestreams, filtered by status', n);
    case 'ERRORED':
      return one ? l10n.t('1 errored livestream, filtered by status') : l10n.t('{0} errored livestreams, filtered by status', n);
    case 'INVOKED':
      return one ? l10n.t('1 starting livestream, filtered by status') : l10n.t('{0} starting livestreams, filtered by status', n);
  }
}

/**
 * "Production, app, 12 livestreams, 2 live". The live count is of the livestreams loaded so far
 * (the first page, more after Load more), as in the row's description; when some are not loaded
 * yet the sentence says so rather than claim a total.
 */
export function appSentence(app: App, list: Loadable<LivestreamList>, filter: KnownStatus | undefined): string {
  const parts = [shortenName(app.name), l10n.t({ message: 'app', comment: ['Spoken after an app\'s name: "Production, app, 12 livestreams, 2 live"'] })];
  const value = list.value;
  if (!value) {
    if (list.error) parts.push(l10n.t("couldn't load its livestreams"));
    else if (list.loading) parts.push(l10n.t('loading its livestreams'));
    return parts.join(', ');
  }
  if (filter) {
    parts.push(filteredCount(filter, value.totalCount));
    return parts.join(', ');
  }
  if (value.totalCount === 0) {
    parts.push(l10n.t('no livestreams'));
    return parts.join(', ');
  }
  parts.push(value.totalCount === 1 ? l10n.t('1 livestream') : l10n.t('{0} livestreams', value.totalCount));
  const live = value.items.filter((l) => l.status === 'LIVE').length;
  const loaded = value.items.length;
  if (loaded < value.totalCount) {
    parts.push(
      live > 0
        ? l10n.t({ message: '{0} live of the {1} loaded', args: [live, loaded], comment: ['{0} livestreams are live among the {1} loaded so far'] })
        : l10n.t({ message: 'none live of the {0} loaded', args: [loaded], comment: ['No livestream is live among the {0} loaded so far'] }),
    );
  } else {
    parts.push(live > 0 ? l10n.t({ message: '{0} live', args: [live], comment: ['{0} livestreams are live'] }) : l10n.t('none live'));
  }
  return parts.join(', ');
}

/** "Load more livestreams, 25 of 260 shown" (or "Loading more livestreams, ..." while it runs). */
export function loadMoreSentence(list: LivestreamList, loading: boolean): string {
  return loading
    ? l10n.t('Loading more livestreams, {0} of {1} shown', list.items.length, list.totalCount)
    : l10n.t('Load more livestreams, {0} of {1} shown', list.items.length, list.totalCount);
}

/** An error row: its label, then what the row does when chosen (the label alone says "click"). */
export function errorSentence(label: string, refresh: boolean): string {
  return refresh
    ? l10n.t({ message: '{0}, showing what was loaded before; press Enter to retry', args: [label], comment: ['{0} is the error row\'s label, e.g. "Couldn\'t refresh apps: server error (502)"'] })
    : l10n.t({ message: '{0}; press Enter to retry', args: [label], comment: ['{0} is the error row\'s label, e.g. "Couldn\'t load apps: server error (502)"'] });
}

/** What a screen reader says for the row shown while an app's livestreams load. */
export function loadingSentence(): string {
  return l10n.t('Loading livestreams');
}
