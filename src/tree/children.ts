// The tree's children, as descriptions: the apps under the root, an app's livestreams newest
// first, and the rows that stand in for them (Load more, Loading, an empty app, an error that
// retries on click). Pure, like model.ts.
import * as l10n from '@vscode/l10n';
import type { ApiError } from '../api/errors';
import { shortReason } from '../api/failures';
import type { App } from '../api/types';
import { presentStatus, type KnownStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';
import { errorSentence, loadingSentence, loadMoreSentence } from './accessibility';
import { ContextValues, escapeMarkdown, sortNewestFirst, type ChildDescription, type ItemDescription, type MessageAction } from './model';

/** The root: apps by name, or a message. Call once the apps are loaded (or failed). */
export function rootChildren(apps: Loadable<readonly App[]>): ChildDescription[] {
  if (!apps.value) {
    if (apps.error) {
      return [errorMessage('apps', 'apps', apps.error, 'retryApps')];
    }
    return [];
  }
  const children: ChildDescription[] = [];
  if (apps.error) {
    children.push(errorMessage('apps-refresh', 'apps', apps.error, 'retryApps', true));
  }
  if (apps.value.length === 0) {
    children.push({
      kind: 'message',
      key: 'no-apps',
      item: {
        label: l10n.t('No RealtimeKit apps in this account'),
        icon: { id: 'info' },
        contextValue: ContextValues.empty,
        tooltip: l10n.t('Create a RealtimeKit app in the Cloudflare dashboard (Realtime → RealtimeKit), then refresh.'),
        collapsible: 'none',
      },
    });
  }
  for (const app of apps.value) {
    children.push({ kind: 'app', app });
  }
  return children;
}

/**
 * An app's children: newest livestreams first, then "Load more" while the total exceeds what is
 * loaded. `loadingMore` is true while the user's Load more is running (a background refresh of
 * the same list is not "loading more" and changes nothing on screen).
 */
export function appChildren(appId: string, list: Loadable<LivestreamList>, filter: KnownStatus | undefined, loadingMore = false): ChildDescription[] {
  const value = list.value;
  if (!value) {
    // Shown until the first page is in: the rows then arrive in one refresh, so a click never
    // lands on a row VS Code is about to render again.
    return [list.error ? errorMessage(`${appId}/error`, 'livestreams', list.error, 'retryLivestreams', false, appId) : loadingMessage(appId)];
  }
  const children: ChildDescription[] = [];
  if (list.error) {
    children.push(errorMessage(`${appId}/refresh-error`, 'livestreams', list.error, 'retryLivestreams', true, appId));
  }
  if (value.items.length === 0) {
    children.push({
      kind: 'message',
      key: `${appId}/empty`,
      appId,
      ...(filter ? {} : { action: 'createLivestream' as const }),
      item: {
        label: filter ? l10n.t({ message: 'No {0} livestreams', args: [presentStatus(filter).label], comment: ['{0} is a livestream status as the tree shows it: LIVE, IDLE, ERRORED or INVOKED'] }) : l10n.t('No livestreams yet'),
        icon: { id: 'info' },
        contextValue: ContextValues.empty,
        tooltip: filter
          ? l10n.t({
              message: 'No livestream in this app is {0}. Clear the filter to see all of them.',
              args: [presentStatus(filter).label],
              comment: ['{0} is a livestream status as the tree shows it: LIVE, IDLE, ERRORED or INVOKED'],
            })
          : l10n.t('This app has no livestreams. Click to create one.'),
        collapsible: 'none',
        ...(filter ? {} : { accessibilityLabel: l10n.t('No livestreams yet; press Enter to create one') }),
      },
    });
  }
  for (const livestream of sortNewestFirst(value.items)) {
    children.push({ kind: 'livestream', livestream });
  }
  if (value.totalCount > value.items.length) {
    children.push({ kind: 'loadMore', appId, item: loadMoreItem(value, loadingMore) });
  }
  return children;
}

export function loadMoreItem(list: LivestreamList, loading: boolean): ItemDescription {
  return {
    label: loading ? l10n.t('Loading more…') : l10n.t('Load more…'),
    description: l10n.t({ message: '{0} of {1}', args: [list.items.length, list.totalCount], comment: ['{0} livestreams shown of {1} in all'] }),
    icon: { id: loading ? 'loading~spin' : 'fold-down' },
    contextValue: ContextValues.loadMore,
    tooltip: l10n.t('Showing {0} of {1} livestreams. Click to load the next page.', list.items.length, list.totalCount),
    collapsible: 'none',
    accessibilityLabel: loadMoreSentence(list, loading),
  };
}

export function errorLabel(what: 'apps' | 'livestreams', error: ApiError, refresh = false): string {
  const reason = shortReason(error);
  if (what === 'apps') {
    return refresh ? l10n.t({ message: "Couldn't refresh apps: {0}", args: [reason], comment: ['{0} is the short reason, e.g. "server error (502)"'] }) : l10n.t({ message: "Couldn't load apps: {0}", args: [reason], comment: ['{0} is the short reason, e.g. "server error (502)"'] });
  }
  return refresh
    ? l10n.t({ message: "Couldn't refresh livestreams: {0}", args: [reason], comment: ['{0} is the short reason, e.g. "server error (502)"'] })
    : l10n.t({ message: "Couldn't load livestreams: {0}", args: [reason], comment: ['{0} is the short reason, e.g. "server error (502)"'] });
}

function loadingMessage(appId: string): ChildDescription {
  return {
    kind: 'message',
    key: `${appId}/loading`,
    appId,
    item: {
      label: l10n.t('Loading livestreams…'),
      icon: { id: 'loading~spin' },
      contextValue: ContextValues.loading,
      collapsible: 'none',
      accessibilityLabel: loadingSentence(),
    },
  };
}

function errorMessage(
  key: string,
  what: 'apps' | 'livestreams',
  error: ApiError,
  action: MessageAction,
  refresh = false,
  appId?: string,
): ChildDescription {
  return {
    kind: 'message',
    key,
    action,
    ...(appId ? { appId } : {}),
    item: {
      label: errorLabel(what, error, refresh),
      description: l10n.t('click to retry'),
      icon: { id: 'warning', color: 'list.warningForeground' },
      contextValue: ContextValues.error,
      tooltip: errorTooltip(error, refresh),
      collapsible: 'none',
      accessibilityLabel: errorSentence(errorLabel(what, error, refresh), refresh),
    },
  };
}


/** The API's message as inert Markdown, then what the row does; "  \n" is a Markdown line break. */
function errorTooltip(error: ApiError, refresh: boolean): string {
  const lines = [escapeMarkdown(error.message)];
  if (refresh) lines.push(l10n.t('Showing what was loaded before.'));
  return `${lines.join('  \n')}  \n\n${l10n.t('Click to retry.')}`;
}
