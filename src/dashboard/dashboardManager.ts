// The app dashboards' VS Code shell (loaded on demand: see dashboards.ts), the same way as the
// livestream panels (panel/manager.ts): one
// panel per app (open reveals an existing one), its own page with a fresh nonce and the same CSP
// (connect-src 'none': the extension fetches), its own script (dist/dashboard.js), a
// WebviewPanelSerializer so it comes back after a reload, and no retainContextWhenHidden (the
// webview repaints from getState()). Behaviour lives in DashboardController.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DASHBOARD_VIEW_TYPE, DEFAULT_RANGE_DAYS, parseDashboardState, type DashboardState } from '../contract/appDashboard';
import { Commands } from '../shared/commandIds';
import { shortenName } from '../shared/format';
import type { Logger } from '../shared/log';
import type { AppRef, LivestreamRef } from '../shared/ref';
import type { LivestreamStore } from '../store/store';
import { makeNonce, renderShellHtml } from '../panel/html';
import { DashboardController } from './controller';

export interface DashboardHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Logger;
  getStore(): LivestreamStore | undefined;
  /** Fires when getStore() starts returning another store (sign in, sign out, account switch). */
  readonly onDidChangeStore?: vscode.Event<unknown>;
  /** Opens a livestream's panel (the LIVE and ERRORED links). */
  openLivestream(ref: LivestreamRef, title: string): void;
}

export interface OpenDashboard {
  readonly panel: vscode.WebviewPanel;
  readonly controller: DashboardController;
}

const keyOf = (ref: AppRef): string => `${ref.accountId}/${ref.appId}`;
const titleOf = (name: string): string =>
  l10n.t({ message: 'Dashboard: {0}', args: [shortenName(name)], comment: ["The app dashboard's tab title; {0} is the app's name"] });

export class AppDashboardManager implements vscode.Disposable {
  private readonly dashboards = new Map<string, OpenDashboard & { account: string }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: DashboardHost) {
    if (host.onDidChangeStore) {
      this.subscriptions.push(host.onDidChangeStore(() => this.hostChanged()));
    }
  }

  /** Opens the app's dashboard, or reveals it when already open. */
  open(ref: AppRef, name?: string): void {
    const existing = this.dashboards.get(keyOf(ref));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, titleOf(name ?? ref.appId), vscode.ViewColumn.Active, this.webviewOptions());
    this.attach(panel, { version: 1, ref, days: DEFAULT_RANGE_DAYS });
  }

  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
    });
  }

  /** The serializer's work, public for tests: validates the saved state, then re-attaches. */
  restore(panel: vscode.WebviewPanel, rawState: unknown): void {
    const state = parseDashboardState(rawState);
    if (!state) {
      this.host.log.warn('An app dashboard could not be restored: its saved state is missing or not understood. Open it again.');
      panel.dispose();
      return;
    }
    const existing = this.dashboards.get(keyOf(state.ref));
    if (existing) {
      panel.dispose();
      existing.panel.reveal(existing.panel.viewColumn);
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, state);
  }

  find(ref: AppRef): OpenDashboard | undefined {
    return this.dashboards.get(keyOf(ref));
  }

  get openDashboards(): readonly OpenDashboard[] {
    return [...this.dashboards.values()];
  }

  async refreshAll(): Promise<void> {
    await Promise.all([...this.dashboards.values()].map((d) => d.controller.refresh()));
  }

  hostChanged(): void {
    const account = this.currentAccount();
    for (const open of this.dashboards.values()) {
      if (open.account !== account) {
        // A new page carries the new account, so a restored webview drops the view saved under the old one.
        open.account = account;
        open.panel.webview.html = this.html(open.panel.webview, open.panel.title);
      }
      open.controller.storeChanged();
    }
  }

  dispose(): void {
    for (const open of [...this.dashboards.values()]) open.panel.dispose();
    this.subscriptions.forEach((d) => d.dispose());
    this.subscriptions.length = 0;
  }

  // ---- mechanics ----------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const root = this.host.extensionUri;
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  private currentAccount(): string {
    return this.host.getStore()?.accountId ?? '';
  }

  private html(webview: vscode.Webview, title: string): string {
    const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...path)).toString();
    return renderShellHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      account: this.currentAccount(),
      scriptUri: uri('dist', 'dashboard.js'),
      styleUri: uri('media', 'panel.css'),
      codiconsUri: uri('dist', 'codicons', 'codicon.css'),
      title,
      l10nBundle: vscode.l10n.bundle,
      language: vscode.env.language,
    });
  }

  private attach(panel: vscode.WebviewPanel, state: DashboardState): void {
    const { ref } = state;
    const media = (name: string) => vscode.Uri.joinPath(this.host.extensionUri, 'media', name);
    panel.iconPath = { light: media('dashboard-light.svg'), dark: media('dashboard-dark.svg') };
    const controller = new DashboardController(ref, state.days, {
      getStore: () => this.host.getStore(),
      post: (message) => void panel.webview.postMessage(message),
      setTitle: (title) => (panel.title = titleOf(title)),
      openLivestream: (livestreamId, name) => this.host.openLivestream({ ...ref, livestreamId }, name),
      runCommand: (command) => void vscode.commands.executeCommand(Commands[command]),
      log: this.host.log,
    });
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => controller.receive(message)),
      panel.onDidChangeViewState((e) => controller.setVisible(e.webviewPanel.visible)),
    ];
    subscriptions.push(
      panel.onDidDispose(() => {
        controller.dispose();
        subscriptions.forEach((d) => d.dispose());
        if (this.dashboards.get(keyOf(ref))?.panel === panel) this.dashboards.delete(keyOf(ref));
      }),
    );
    this.dashboards.set(keyOf(ref), { panel, controller, account: this.currentAccount() });
    panel.webview.html = this.html(panel.webview, panel.title);
    controller.setVisible(panel.visible);
  }
}
