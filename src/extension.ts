// activate(): builds the pieces and wires them together. No logic of its own and no network:
// the token is read from SecretStorage (local) so the context keys are right, and the API is
// first called when the view asks for its children or a command runs.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { RealtimeKitApi } from './api/api';
import { RealtimeKitClient } from './api/client';
import { Connection } from './connection/connection';
import { TokenStore } from './connection/tokenStore';
import { envCredentials } from './connection/validate';
import { registerConnectCommands } from './commands/connect';
import type { CommandContext } from './commands/commandContext';
import { registerCopyCommands } from './commands/copy';
import { registerCreateCommands } from './commands/create';
import { registerDashboardCommands } from './commands/dashboard';
import { registerMeetingCommands } from './commands/meetings';
import { AppDashboards } from './dashboard/dashboards';
import { insecureUrlApprover } from './commands/insecureUrls';
import { OBS_PASSWORD_SECRET, OBS_TARGET_KEY, registerObsCommands, setPassword as setObsPassword } from './commands/obs';
import { registerTestPatternCommands } from './commands/testPattern';
import { ObsSession } from './connection/obsSession';
import { registerWatchCommands } from './commands/watch';
import { ContextKeys, TREE_VIEW_ID } from './shared/commandIds';
import { registerOpenCommands } from './commands/open';
import { registerViewCommands } from './commands/view';
import { CONFIG_SECTION, readSettings, SettingKeys } from './shared/config';
import { redactingLogger } from './shared/log';
import { LivestreamPanelManager } from './panel/manager';
import { PlaybackPreviews } from './preview/manager';
import { LiveStatusBarItem } from './statusBar';
import type { LivestreamStore } from './store/store';
import { LivestreamWatcher } from './store/watcher';
import { AutoRefresh } from './tree/autoRefresh';
import type { TreeNode } from './tree/nodes';
import { bindViewDecorations, LivestreamDecorations } from './tree/decorations';
import { TreeFilter } from './tree/filter';
import { LivestreamTreeProvider } from './tree/provider';

/**
 * What activate() returns while the extension runs in development or test mode, for the
 * extension-host tests; nothing in production, where other extensions could reach the connection.
 */
export interface RealtimeKitExtensionApi {
  readonly treeProvider: LivestreamTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly filter: TreeFilter;
  readonly watcher: LivestreamWatcher;
  readonly panels: LivestreamPanelManager;
  readonly previews: PlaybackPreviews;
  readonly dashboards: AppDashboards;
  readonly connection: Connection;
  readonly autoRefresh: AutoRefresh;
  /** The current account's store, or undefined unless connected. */
  getStore(): LivestreamStore | undefined;
  /** Stores a token without the input box (tests): the same path as Set API Token after verification. */
  setToken(token: string): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): RealtimeKitExtensionApi | undefined {
  // First of all: every l10n.t() (the core, the shell) reads the display language's bundle from
  // here on, and the webview shells pass the same bundle to their pages. No bundle = English.
  const bundle = vscode.l10n.bundle;
  if (bundle && typeof bundle === 'object') l10n.config({ contents: bundle });
  // The product's name, as the Output view lists it (and its log file is named): not translated.
  const log = vscode.window.createOutputChannel('RealtimeKit', { log: true });
  const settings = () => readSettings(vscode.workspace.getConfiguration(CONFIG_SECTION));
  let keyringWarned = false;
  const tokens = new TokenStore(context.secrets, (error) => {
    logger.error(error.message);
    // Once per window: a broken keyring fails every read, and one message says it all.
    if (!keyringWarned) {
      keyringWarned = true;
      void vscode.window.showErrorMessage(error.message);
    }
  });
  const approveInsecure = insecureUrlApprover(context.globalState, { warn: (m) => logger.warn(m) });
  const userAgent = `realtimekit-livestreams-vscode/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`;

  // Redacts the token and every stream key loaded, whatever the caller already did.
  const logger = redactingLogger(log, function* () {
    yield tokens.peek();
    for (const livestream of connection.store?.allLoaded() ?? []) {
      yield livestream.streamKey;
    }
  });
  const connection = new Connection({
    tokens,
    settings,
    createApi: (baseUrl, getToken): RealtimeKitApi => new RealtimeKitClient({ baseUrl, getToken, logger, userAgent, approveInsecure }),
  });

  const watcher = new LivestreamWatcher({
    getStore: () => connection.store,
    settings: () => ({ seconds: settings().watchSeconds, minutes: settings().watchMinutes }),
  });
  const obsSession = new ObsSession({
    url: () => settings().obsWebSocketUrl,
    password: async () => (await Promise.resolve(context.secrets.get(OBS_PASSWORD_SECRET)).catch(() => undefined)) || undefined,
    askPassword: (reason) => setObsPassword({ secrets: context.secrets }, reason),
    log: logger,
  });
  const filter = new TreeFilter(context.workspaceState);
  const treeProvider = new LivestreamTreeProvider(connection, filter, watcher);
  const treeView = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: treeProvider, showCollapseAll: true });
  const panels = new LivestreamPanelManager({
    extensionUri: context.extensionUri,
    log: logger,
    getStore: () => connection.store,
    autoRefreshSeconds: () => settings().autoRefreshSeconds,
    onDidChangeStore: connection.onDidChange,
    watcher,
    memento: context.globalState,
    obs: { session: obsSession, lastTarget: () => context.globalState.get<string>(OBS_TARGET_KEY) },
  });
  const previews = new PlaybackPreviews({
    extensionUri: context.extensionUri,
    log: logger,
    getStore: () => connection.store,
    watcher,
    onDidChangeStore: connection.onDidChange,
  });
  const dashboards = new AppDashboards({
    extensionUri: context.extensionUri,
    log: logger,
    getStore: () => connection.store,
    onDidChangeStore: connection.onDidChange,
    openLivestream: (ref, title) => panels.open(ref, title),
  });
  const autoRefresh = new AutoRefresh({
    connection,
    filter: () => filter.current,
    intervalSeconds: () => settings().autoRefreshSeconds,
    visible: () => treeView.visible,
    focused: () => vscode.window.state.focused,
  });

  const ctx: CommandContext = {
    connection,
    tokens,
    tree: treeProvider,
    view: treeView,
    panels,
    previews,
    dashboards,
    autoRefresh,
    log,
    logger,
    env: process.env,
    filter,
    watcher,
  };

  const setContext = (key: string, value: unknown): void => void vscode.commands.executeCommand('setContext', key, value);
  setContext(ContextKeys.envToken, envCredentials(process.env).token !== undefined);
  setContext(ContextKeys.filtered, filter.current !== undefined);

  context.subscriptions.push(
    log,
    tokens,
    connection,
    treeProvider,
    treeView,
    filter,
    watcher,
    panels,
    previews,
    dashboards,
    autoRefresh,
    panels.register(),
    dashboards.register(),
    vscode.window.registerFileDecorationProvider(new LivestreamDecorations()),
    bindViewDecorations(treeView, () => treeProvider.liveCount(), treeProvider.onDidChangeView, connection, filter),
    new LiveStatusBarItem(() => treeProvider.liveCount(), treeProvider.onDidChangeView),
    filter,
    watcher,
    obsSession,
    connection.onDidChange(() => {
      setContext(ContextKeys.state, connection.state);
      watcher.storeChanged();
    }),
    filter.onDidChange((status) => {
      setContext(ContextKeys.filtered, status !== undefined);
      autoRefresh.update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CONFIG_SECTION)) {
        void connection.settingsChanged();
        autoRefresh.update();
      }
      // A new store reaches open panels through onDidChangeStore; a new interval does not.
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${SettingKeys.autoRefreshSeconds}`)) {
        panels.hostChanged();
      }
    }),
    treeProvider.onDidChangeView(() => autoRefresh.update()),
    treeView.onDidChangeVisibility(() => autoRefresh.update()),
    vscode.window.onDidChangeWindowState(() => autoRefresh.update()),
    ...registerConnectCommands(ctx),
    ...registerViewCommands(ctx),
    ...registerCopyCommands(ctx),
    ...registerOpenCommands(ctx),
    ...registerCreateCommands(ctx),
    ...registerMeetingCommands(ctx),
    ...registerDashboardCommands(ctx),
    ...registerWatchCommands(ctx),
    ...registerTestPatternCommands(ctx),
    ...registerObsCommands(ctx, { session: obsSession, secrets: context.secrets, state: context.globalState }),
  );

  // Local only (SecretStorage and settings): sets the context keys for the welcome content and menus.
  void connection.resolve();

  if (context.extensionMode === vscode.ExtensionMode.Production) {
    return undefined;
  }
  return {
    treeProvider,
    treeView,
    filter,
    watcher,
    panels,
    previews,
    dashboards,
    connection,
    autoRefresh,
    getStore: () => connection.store,
    setToken: async (token) => {
      await tokens.set(token);
      await connection.clearAuthFailure();
    },
  };
}

export function deactivate(): void {}
