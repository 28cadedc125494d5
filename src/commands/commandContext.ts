// What every command group gets from activate(), and the few helpers they share: registering
// with one error policy, making sure the connection is ready, and reporting an error in words.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import type { Livestream } from '../api/types';
import type { Connection } from '../connection/connection';
import type { TokenStore } from '../connection/tokenStore';
import type { Logger } from '../shared/log';
import type { AppRef, LivestreamRef } from '../shared/ref';
import type { LivestreamStore } from '../store/store';
import type { AutoRefresh } from '../tree/autoRefresh';
import type { TreeFilter } from '../tree/filter';
import type { LivestreamWatcher } from '../store/watcher';
import type { TreeNode } from '../tree/nodes';
import type { LivestreamTreeProvider } from '../tree/provider';
import { Commands } from '../shared/commandIds';

/** The part of the panel manager the commands use. */
export interface PanelOpener {
  /** `session`: open (or switch) the panel to that session's view. */
  open(ref: LivestreamRef, title?: string, options?: { readonly session?: string }): void;
  /** Reloads every open panel (the Refresh command without a target). */
  refreshAll(): Promise<void>;
}

/** The part of the playback previews the commands use. */
export interface PreviewOpener {
  show(ref: LivestreamRef, livestream: Livestream): void;
}

/** The part of the dashboard manager the commands use. */
export interface DashboardOpener {
  open(ref: AppRef, title?: string): void;
  refreshAll(): Promise<void>;
}

export interface CommandContext {
  readonly connection: Connection;
  readonly tokens: TokenStore;
  readonly tree: LivestreamTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly panels: PanelOpener;
  readonly previews: PreviewOpener;
  readonly dashboards: DashboardOpener;
  readonly autoRefresh: AutoRefresh;
  readonly log: vscode.LogOutputChannel;
  /** Redacting logger over `log`. */
  readonly logger: Logger;
  /** process.env, injectable for tests. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The tree's status filter. */
  readonly filter: TreeFilter;
  /** Watches livestreams until they go LIVE (copying credentials starts it). */
  readonly watcher: LivestreamWatcher;
}

/** How long a status-bar confirmation stays. */
export const CONFIRMATION_MS = 4000;

export function confirm(message: string): void {
  vscode.window.setStatusBarMessage(`$(check) ${message}`, CONFIRMATION_MS);
}

/** Registers a command whose failures end as a message (with "Show Logs"), never as an unhandled rejection. */
export function registerCommand(
  ctx: CommandContext,
  id: string,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (err) {
      reportError(ctx, `${id} failed`, err);
      return undefined;
    }
  });
}

/**
 * Logs the error (redacted by the logger) and shows it without blocking the command. `what` goes to
 * the log only (English, for developers); the user sees the error's own, translated, message.
 */
export function reportError(ctx: CommandContext, what: string, err: unknown): void {
  const message = isApiError(err) ? err.message : err instanceof Error ? err.message : String(err);
  ctx.logger.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(message, l10n.t('Show Logs')).then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand(Commands.showLogs);
    }
  });
}

/**
 * The store when the connection is ready. Otherwise says what to do (set a token, select an
 * account) with a button that does it, and returns undefined.
 */
export async function readyStore(ctx: CommandContext): Promise<LivestreamStore | undefined> {
  const state = await ctx.connection.resolve();
  const store = ctx.connection.store;
  if (state === 'ready' && store) {
    return store;
  }
  const [message, action, command] =
    state === 'needsAccount'
      ? [l10n.t('Select the Cloudflare account whose RealtimeKit livestreams you want to see.'), l10n.t('Select Account'), Commands.selectAccount]
      : state === 'authFailed'
        ? [l10n.t('Cloudflare rejected the stored API token (expired or revoked?). Set a new one.'), l10n.t('Set API Token'), Commands.setApiToken]
        : [l10n.t('Connect to RealtimeKit first: set an API token with the Realtime permission.'), l10n.t('Set API Token'), Commands.setApiToken];
  void vscode.window.showWarningMessage(message, action).then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand(command);
    }
  });
  return undefined;
}
