// The tree's children, as descriptions: the apps under the root, an app's livestreams newest
// first, and the rows that stand in for them (Load more, Loading, an empty app, an error that
// retries on click). Pure, like model.ts.
import type { ApiError } from '../api/errors';
import { shortReason } from '../api/failures';
import type { App } from '../api/types';
import type { KnownStatus } from '../shared/status';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';
import { errorSentence, LOADING_SENTENCE, loadMoreSentence } from './accessibility';
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
        label: 'No RealtimeKit apps in this account',
        icon: { id: 'info' },
        contextValue: ContextValues.empty,
        tooltip: 'Create a RealtimeKit app in the Cloudflare dashboard (Realtime → RealtimeKit), then refresh.',
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
        label: filter ? `No ${filter} livestreams` : 'No livestreams yet',
        icon: { id: 'info' },
        contextValue: ContextValues.empty,
        tooltip: filter ? `No livestream in this app is ${filter}. Clear the filter to see all of them.` : 'This app has no livestreams. Click to create one.',
        collapsible: 'none',
        ...(filter ? {} : { accessibilityLabel: 'No livestreams yet; press Enter to create one' }),
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
    label: loading ? 'Loading more…' : 'Load more…',
    description: `${list.items.length} of ${list.totalCount}`,
    icon: { id: loading ? 'loading~spin' : 'fold-down' },
    contextValue: ContextValues.loadMore,
    tooltip: `Showing ${list.items.length} of ${list.totalCount} livestreams. Click to load the next page.`,
    collapsible: 'none',
    accessibilityLabel: loadMoreSentence(list, loading),
  };
}

export function errorLabel(what: 'apps' | 'livestreams', error: ApiError, refresh = false): string {
  return `Couldn't ${refresh ? 'refresh' : 'load'} ${what}: ${shortReason(error)}`;
}

function loadingMessage(appId: string): ChildDescription {
  return {
    kind: 'message',
    key: `${appId}/loading`,
    appId,
    item: { label: 'Loading livestreams…', icon: { id: 'loading~spin' }, contextValue: ContextValues.loading, collapsible: 'none', accessibilityLabel: LOADING_SENTENCE },
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
      description: 'click to retry',
      icon: { id: 'warning', color: 'list.warningForeground' },
      contextValue: ContextValues.error,
      tooltip: `${escapeMarkdown(error.message)}${refresh ? '  \nShowing what was loaded before.' : ''}  \n\nClick to retry.`,
      collapsible: 'none',
      accessibilityLabel: errorSentence(errorLabel(what, error, refresh), refresh),
    },
  };
}

