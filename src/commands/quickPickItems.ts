// Pure quick-pick item builders. Items carry their payload; the shell maps `separator` to
// QuickPickItemKind.Separator and shows them. No `vscode` here, so unit tests check the items.
import type { Account, App, Livestream } from '../api/types';
import { KNOWN_STATUSES, presentStatus, statusIconRef, type KnownStatus } from '../shared/status';
import { formatRelativeTime, pluralize, shortenName } from '../shared/format';
import type { Loadable } from '../store/loadable';
import type { LivestreamList } from '../store/store';
import { livestreamTime, sortNewestFirst } from '../tree/model';
import { shortId, sortAccounts } from '../connection/validate';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** A group heading: not selectable. */
  readonly separator?: boolean;
  readonly alwaysShow?: boolean;
  readonly picked?: boolean;
  readonly payload?: T;
}

// ---- livestreams across apps --------------------------------------------------------------------

export type LivestreamPick =
  | { readonly kind: 'livestream'; readonly appId: string; readonly livestream: Livestream }
  | { readonly kind: 'loadMore'; readonly appId: string }
  | { readonly kind: 'retry'; readonly appId: string };

export interface AppGroup {
  readonly app: App;
  readonly list: Loadable<LivestreamList>;
}

/**
 * One group per app (a separator named after it), livestreams newest first, each
 * `$(icon) name` with `app · status · time` (the description is searched too), then
 * "Load more" while the app has more, or the error that kept it from loading.
 */
export function livestreamPickItems(groups: readonly AppGroup[], now: number, only: (l: Livestream) => boolean = () => true): PickItem<LivestreamPick>[] {
  const items: PickItem<LivestreamPick>[] = [];
  for (const { app, list } of groups) {
    const matching = list.value?.items.filter(only);
    // With a filter (meeting livestreams only), an app with nothing that matches and nothing more to load is left out.
    if (matching && matching.length === 0 && list.value && list.value.items.length > 0 && list.value.totalCount <= list.value.items.length && !list.error) {
      continue;
    }
    const value = list.value;
    if (!value && !list.error) {
      items.push({ label: app.name, separator: true });
      items.push({ label: '$(loading~spin) Loading livestreams…', description: app.name, alwaysShow: true });
      continue;
    }
    items.push({ label: app.name, separator: true });
    if (!value) {
      items.push({
        label: `$(warning) Couldn't load the livestreams of ${app.name}`,
        detail: list.error?.message,
        alwaysShow: true,
        payload: { kind: 'retry', appId: app.id },
      });
      continue;
    }
    for (const livestream of sortNewestFirst(value.items.filter(only))) {
      items.push(livestreamPickItem(app, livestream, now));
    }
    if (value.totalCount > value.items.length) {
      items.push({
        label: list.loading ? '$(loading~spin) Loading more…' : '$(fold-down) Load more…',
        description: `${app.name}: ${value.items.length} of ${value.totalCount} loaded`,
        alwaysShow: true,
        payload: { kind: 'loadMore', appId: app.id },
      });
    }
    if (value.items.length === 0) {
      items.push({ label: 'No livestreams', description: app.name, alwaysShow: false });
    }
  }
  return items;
}

export function livestreamPickItem(app: App, livestream: Livestream, now: number): PickItem<LivestreamPick> {
  const when = formatRelativeTime(livestreamTime(livestream), now);
  const status = presentStatus(livestream.status).label;
  return {
    label: `${statusIconRef(livestream.status)} ${shortenName(livestream.name)}`,
    description: [app.name, livestream.disabled ? `${status} (disabled)` : status, when].filter(Boolean).join(' · '),
    payload: { kind: 'livestream', appId: app.id, livestream },
  };
}

/** The LIVE livestreams among those loaded, one item each, for the status bar's quick pick. */
export function liveLivestreamPickItems(apps: readonly App[], loaded: Iterable<Livestream>, now: number): PickItem<LivestreamPick>[] {
  const appById = new Map(apps.map((app) => [app.id, app]));
  const items: PickItem<LivestreamPick>[] = [];
  for (const livestream of sortNewestFirst([...loaded].filter((l) => l.status === 'LIVE'))) {
    const app = appById.get(livestream.appId);
    if (app) {
      items.push(livestreamPickItem(app, livestream, now));
    }
  }
  return items;
}

// ---- apps ------------------------------------------------------------------------------------------

export function appPickItems(apps: readonly App[], listOf: (appId: string) => Loadable<LivestreamList>): PickItem<App>[] {
  return apps.map((app) => {
    const total = listOf(app.id).value?.totalCount;
    return {
      label: app.name,
      description: total === undefined ? app.id : `${pluralize(total, 'livestream')} · ${app.id}`,
      payload: app,
    };
  });
}

// ---- status filter ---------------------------------------------------------------------------------

/** `null` payload = show all. The current choice is marked. */
export function statusFilterItems(current: KnownStatus | undefined): PickItem<KnownStatus | null>[] {
  const mark = (active: boolean): string => (active ? ' $(check)' : '');
  return [
    { label: `All statuses${mark(current === undefined)}`, description: 'no filter', payload: null, picked: current === undefined },
    ...KNOWN_STATUSES.map((status) => ({
      label: `${statusIconRef(status)} ${status}${mark(current === status)}`,
      description: presentStatus(status).meaning,
      payload: status,
      picked: current === status,
    })),
  ];
}

// ---- accounts and tokens --------------------------------------------------------------------------

export function accountPickItems(accounts: readonly Account[], current: string): PickItem<string>[] {
  return sortAccounts(accounts).map((account) => ({
    label: account.name || account.id,
    description: `${account.id}${account.id === current ? ' (current)' : ''}`,
    payload: account.id,
    picked: account.id === current,
  }));
}

export type TokenSource = 'environment' | 'input';

export function tokenSourceItems(envAccountId: string | undefined): PickItem<TokenSource>[] {
  return [
    {
      label: '$(terminal) Use CLOUDFLARE_API_TOKEN from the environment',
      description: envAccountId ? `with CLOUDFLARE_ACCOUNT_ID ${shortId(envAccountId)}` : undefined,
      detail: 'The token is verified, then stored in VS Code’s secret storage.',
      payload: 'environment',
    },
    { label: '$(key) Paste a token…', detail: 'A Cloudflare API token with the Realtime (or Realtime Admin) permission.', payload: 'input' },
  ];
}
