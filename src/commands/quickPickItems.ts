// Pure quick-pick item builders. Items carry their payload; the shell maps `separator` to
// QuickPickItemKind.Separator and shows them. No `vscode` here, so unit tests check the items.
import * as l10n from '@vscode/l10n';
import type { Account, App, Livestream } from '../api/types';
import { KNOWN_STATUSES, presentStatus, statusIconRef, type KnownStatus } from '../shared/status';
import { formatRelativeTime, shortenName } from '../shared/format';
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
      items.push({ label: `$(loading~spin) ${l10n.t('Loading livestreams…')}`, description: app.name, alwaysShow: true });
      continue;
    }
    items.push({ label: app.name, separator: true });
    if (!value) {
      items.push({
        label: `$(warning) ${l10n.t({ message: "Couldn't load the livestreams of {0}", args: [app.name], comment: ['{0} is the name of a RealtimeKit app'] })}`,
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
        label: list.loading ? `$(loading~spin) ${l10n.t('Loading more…')}` : `$(fold-down) ${l10n.t('Load more…')}`,
        description: l10n.t({
          message: '{0}: {1} of {2} loaded',
          args: [app.name, value.items.length, value.totalCount],
          comment: ['{0} is the name of a RealtimeKit app; {1} livestreams of its {2} are loaded'],
        }),
        alwaysShow: true,
        payload: { kind: 'loadMore', appId: app.id },
      });
    }
    if (value.items.length === 0) {
      items.push({ label: l10n.t('No livestreams'), description: app.name, alwaysShow: false });
    }
  }
  return items;
}

export function livestreamPickItem(app: App, livestream: Livestream, now: number): PickItem<LivestreamPick> {
  const when = formatRelativeTime(livestreamTime(livestream), now);
  const status = presentStatus(livestream.status).label;
  return {
    label: `${statusIconRef(livestream.status)} ${shortenName(livestream.name)}`,
    description: [app.name, livestream.disabled ? l10n.t({ message: '{0} (disabled)', args: [status], comment: ['{0} is a livestream status, e.g. IDLE'] }) : status, when].filter(Boolean).join(' · '),
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
      description:
        total === undefined
          ? app.id
          : total === 1
            ? l10n.t({ message: '1 livestream · {0}', args: [app.id], comment: ['{0} is a RealtimeKit app ID'] })
            : l10n.t({ message: '{0} livestreams · {1}', args: [total, app.id], comment: ['{0} is a number of livestreams, {1} a RealtimeKit app ID'] }),
      payload: app,
    };
  });
}

// ---- status filter ---------------------------------------------------------------------------------

/** `null` payload = show all. The current choice is marked. */
export function statusFilterItems(current: KnownStatus | undefined): PickItem<KnownStatus | null>[] {
  const mark = (active: boolean): string => (active ? ' $(check)' : '');
  return [
    { label: `${l10n.t('All statuses')}${mark(current === undefined)}`, description: l10n.t('no filter'), payload: null, picked: current === undefined },
    ...KNOWN_STATUSES.map((status) => ({
      label: `${statusIconRef(status)} ${presentStatus(status).label}${mark(current === status)}`,
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
    description: account.id === current ? l10n.t({ message: '{0} (current)', args: [account.id], comment: ['{0} is a Cloudflare account ID: the account selected now'] }) : account.id,
    payload: account.id,
    picked: account.id === current,
  }));
}

export type TokenSource = 'environment' | 'input';

export function tokenSourceItems(envAccountId: string | undefined): PickItem<TokenSource>[] {
  return [
    {
      label: `$(terminal) ${l10n.t('Use CLOUDFLARE_API_TOKEN from the environment')}`,
      description: envAccountId ? l10n.t({ message: 'with CLOUDFLARE_ACCOUNT_ID {0}', args: [shortId(envAccountId)], comment: ['{0} is a shortened Cloudflare account ID'] }) : undefined,
      detail: l10n.t('The token is verified, then stored in VS Code’s secret storage.'),
      payload: 'environment',
    },
    {
      label: `$(key) ${l10n.t('Paste a token…')}`,
      detail: l10n.t('A Cloudflare API token with the Realtime (or Realtime Admin) permission.'),
      payload: 'input',
    },
  ];
}
