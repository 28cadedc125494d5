// The livestream panels' VS Code shell, after microsoft/vscode-extension-samples' webview-sample:
// one panel per livestream (open reveals an existing one), localResourceRoots limited to the
// bundle and media/, a CSP'd HTML shell, a WebviewPanelSerializer that restores panels after a
// window reload, and no retainContextWhenHidden (the webview repaints from getState() instead).
// Behaviour lives in PanelController; this file only connects it to `vscode`.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from '../shared/commandIds';
import { COPY_SPECS } from '../shared/credentials';
import { shortenName } from '../shared/format';
import type { Logger } from '../shared/log';
import type { LivestreamStore } from '../store/store';
import type { LivestreamRef } from '../shared/ref';
import { PanelController } from './controller';
import type { CopiedValue } from './panelEnv';
import { makeNonce, renderShellHtml } from './html';
import { DEFAULT_PER_PAGE, LIVESTREAM_COMMANDS, VIEW_TYPE, parsePanelState, type PanelCommand, type PanelState } from '../contract/livestreamPanel';
import type { LivestreamWatcher } from '../store/watcher';
import type { Livestream } from '../api/types';
import type { ObsSession } from '../connection/obsSession';
import { obsTargets, obsView } from './obsView';

export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** The redacting logger (token and stream keys removed), never the raw channel. */
  readonly log: Logger;
  /** The current account's store, or undefined while signed out. */
  getStore(): LivestreamStore | undefined;
  /** `realtimekit.autoRefreshSeconds`, read each time. */
  autoRefreshSeconds(): number;
  /**
   * Optional: fires when getStore() starts returning another store (sign in, sign out, account
   * switch), so open panels follow at once. Without it they follow when next shown or messaged.
   */
  readonly onDidChangeStore?: vscode.Event<unknown>;
  /** Watching livestreams until they go LIVE: panels show it and reveal starts it. */
  readonly watcher?: Pick<LivestreamWatcher, 'info' | 'watch' | 'onDidChange'>;
  /** Where the encoder checklist's open/closed state is remembered (global state). */
  readonly memento?: vscode.Memento;
  /** OBS Studio: the session, and the livestream OBS was last set up for by Send to OBS. */
  readonly obs?: { readonly session: ObsSession; lastTarget(): string | undefined };
}

const CHECKLIST_KEY = 'realtimekit.panel.checklistOpen';
/** As long as the copy commands' confirmations stay. */
const COPY_CONFIRMATION_MS = 4000;

/** What the manager keeps per open panel; tests reach it through `find()`. */
export interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  readonly controller: PanelController;
}

/** The status bar's confirmation once a value the panel loaded is on the clipboard (never the value). */
function copiedConfirmation(what: CopiedValue): string {
  switch (what) {
    case 'session ID':
      return l10n.t('Copied the session ID');
  }
}

function keyOf(ref: LivestreamRef): string {
  return `${ref.accountId}/${ref.appId}/${ref.livestreamId}`;
}

export class LivestreamPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel & { readonly subscriptions: vscode.Disposable[]; account: string }>();
  private readonly obsHolds = new Map<string, { dispose(): void }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly host: PanelHost) {
    if (host.onDidChangeStore) {
      this.subscriptions.push(host.onDidChangeStore(() => this.hostChanged()));
    }
    if (host.watcher) {
      this.subscriptions.push(host.watcher.onDidChange(() => this.panels.forEach((p) => p.controller.hostStateChanged())));
    }
    if (host.obs) {
      this.subscriptions.push(
        host.obs.session.onDidChange(() => {
          this.updateObsHolds();
          this.panels.forEach((p) => p.controller.hostStateChanged());
        }),
      );
    }
  }

  /** Opens the livestream's panel, or reveals it when already open; `session` opens that session's view in it. */
  open(ref: LivestreamRef, title?: string, options: { readonly session?: string } = {}): void {
    const existing = this.panels.get(keyOf(ref));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      if (options.session) existing.controller.showSession(options.session);
      return;
    }
    const fallback = () =>
      l10n.t({ message: 'Livestream {0}', args: [ref.livestreamId], comment: ["A panel's title before the livestream's name is known; {0} is its ID"] });
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, shortenName(title ?? fallback()), vscode.ViewColumn.Active, {
      ...this.webviewOptions(),
      enableFindWidget: true,
    });
    const session = options.session ? { session: options.session } : {};
    this.attach(panel, { version: 1, ref, page: { pageNo: 1, perPage: DEFAULT_PER_PAGE }, ...session }, title);
  }

  /** Registers the WebviewPanelSerializer for `realtimekit.livestream`. */
  register(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
    });
  }

  /** The serializer's work, public for tests: validates the saved state, then re-attaches. */
  restore(panel: vscode.WebviewPanel, rawState: unknown): void {
    const state = parsePanelState(rawState);
    if (!state) {
      this.host.log.warn('A livestream panel could not be restored: its saved state is missing or not understood. Open the livestream again.');
      panel.dispose();
      return;
    }
    const existing = this.panels.get(keyOf(state.ref));
    if (existing) {
      panel.dispose();
      existing.panel.reveal(existing.panel.viewColumn);
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, state, panel.title || undefined);
  }

  find(ref: LivestreamRef): OpenPanel | undefined {
    return this.panels.get(keyOf(ref));
  }

  get openPanels(): readonly OpenPanel[] {
    return [...this.panels.values()];
  }

  /** The store or the settings changed (auto-refresh interval, say): every panel re-reads them. */
  hostChanged(): void {
    const account = this.currentAccount();
    for (const open of this.panels.values()) {
      if (open.account !== account) {
        // A new page carries the new account: a webview restored from its saved state (now,
        // or when next shown) then drops the view it saved under the previous one.
        open.account = account;
        open.panel.webview.html = this.html(open.panel.webview, open.panel.title);
      }
      open.controller.storeChanged();
    }
  }

  /** Reloads every open panel's data (for the Refresh command). */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.panels.values()].map((p) => p.controller.refresh()));
  }

  /**
   * OBS stays connected (and its health sampled) while a visible panel shows the livestream it
   * streams to, or was last set up for; it is never connected just because a panel opened.
   */
  updateObsHolds(): void {
    const obs = this.host.obs;
    if (!obs) return;
    for (const [key, open] of this.panels) {
      const livestream = open.controller.currentLivestream();
      const connected = obs.session.state.kind === 'connected';
      const wants =
        open.panel.visible && !!livestream && (obs.lastTarget() === livestream.id || (connected && obsTargets(obs.session.target, livestream)));
      const held = this.obsHolds.get(key);
      if (wants && !held) {
        this.obsHolds.set(key, obs.session.hold());
      } else if (!wants && held) {
        held.dispose();
        this.obsHolds.delete(key);
      }
    }
  }

  dispose(): void {
    for (const open of [...this.panels.values()]) {
      open.panel.dispose();
    }
    this.obsHolds.forEach((h) => h.dispose());
    this.subscriptions.forEach((d) => d.dispose());
    this.subscriptions.length = 0;
  }

  // ---- mechanics ----------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewOptions {
    const root = this.host.extensionUri;
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  /** The account whose data panels may show now ('' while signed out). */
  private currentAccount(): string {
    return this.host.getStore()?.accountId ?? '';
  }

  private html(webview: vscode.Webview, title: string): string {
    const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...path)).toString();
    return renderShellHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      account: this.currentAccount(),
      scriptUri: uri('dist', 'webview.js'),
      styleUri: uri('media', 'panel.css'),
      codiconsUri: uri('dist', 'codicons', 'codicon.css'),
      title,
      l10nBundle: vscode.l10n.bundle,
      language: vscode.env.language,
    });
  }

  private attach(panel: vscode.WebviewPanel, state: PanelState, title: string | undefined): void {
    const { ref } = state;
    const media = (name: string) => vscode.Uri.joinPath(this.host.extensionUri, 'media', name);
    panel.iconPath = { light: media('livestream-light.svg'), dark: media('livestream-dark.svg') };
    const controller = new PanelController(
      ref,
      state.page,
      {
        getStore: () => this.host.getStore(),
        autoRefreshSeconds: () => this.host.autoRefreshSeconds(),
        post: (message) => void panel.webview.postMessage(message),
        setTitle: (t) => (panel.title = shortenName(t)),
        // The same commands as the tree and the palette: one way to write the clipboard and confirm.
        copy: (field) => void vscode.commands.executeCommand(COPY_SPECS[field].command, ref),
        openPlayback: () => void vscode.commands.executeCommand(Commands.openPlaybackUrl, ref),
        runCommand: (command: PanelCommand) =>
          void (LIVESTREAM_COMMANDS.includes(command) ? vscode.commands.executeCommand(Commands[command], ref) : vscode.commands.executeCommand(Commands[command])),
        watching: () => this.host.watcher?.info(ref.livestreamId),
        startWatching: (name) => this.host.watcher?.watch(ref, name),
        checklistOpen: () => this.host.memento?.get<boolean>(CHECKLIST_KEY),
        ...(this.host.obs
          ? {
              obs: (l: Livestream) =>
                obsView({ state: this.host.obs!.session.state, target: this.host.obs!.session.target, samples: this.host.obs!.session.health, settings: this.host.obs!.session.encoderSettings }, l),
            }
          : {}),
        viewBuilt: () => this.updateObsHolds(),
        copyText: (text, what) =>
          void vscode.env.clipboard.writeText(text).then(() => vscode.window.setStatusBarMessage(`$(check) ${copiedConfirmation(what)}`, COPY_CONFIRMATION_MS)),
        openLivestream: (livestreamId, name) => this.open({ ...ref, livestreamId }, name),
        setChecklistOpen: (open) => {
          void this.host.memento?.update(CHECKLIST_KEY, open).then(() => this.panels.forEach((p) => p.controller.hostStateChanged()));
        },
        log: this.host.log,
      },
      title,
      state.session,
    );
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => controller.receive(message)),
      panel.onDidChangeViewState((e) => {
        controller.setVisible(e.webviewPanel.visible);
        this.updateObsHolds();
      }),
    ];
    subscriptions.push(
      panel.onDidDispose(() => {
        this.obsHolds.get(keyOf(ref))?.dispose();
        this.obsHolds.delete(keyOf(ref));
        controller.dispose();
        subscriptions.forEach((d) => d.dispose());
        if (this.panels.get(keyOf(ref))?.panel === panel) {
          this.panels.delete(keyOf(ref));
        }
      }),
    );
    this.panels.set(keyOf(ref), { panel, controller, subscriptions, account: this.currentAccount() });
    panel.webview.html = this.html(panel.webview, panel.title);
    controller.setVisible(panel.visible);
  }
}
