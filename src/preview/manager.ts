// The playback previews' VS Code shell: one preview per livestream (Preview Playback reveals an
// open one), its page built for the playback URL's origin, the extension's Open Playback URL and
// Copy Playback URL behind its buttons. No serializer and no retainContextWhenHidden: a hidden
// preview stops downloading, and a reload does not bring back a video nobody asked for again.
import * as vscode from 'vscode';
import type { Livestream } from '../api/types';
import { PREVIEW_VIEW_TYPE } from '../contract/preview';
import { Commands } from '../shared/commandIds';
import { shortenName } from '../shared/format';
import type { Logger } from '../shared/log';
import type { LivestreamRef } from '../shared/ref';
import type { LivestreamStore, StoreChange } from '../store/store';
import type { LivestreamWatcher } from '../store/watcher';
import { PreviewController, previewTitle } from './controller';
import { makeNonce, renderPreviewHtml } from './html';

export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  readonly log: Logger;
  getStore(): LivestreamStore | undefined;
  readonly watcher: Pick<LivestreamWatcher, 'info' | 'watch' | 'onDidChange'>;
  /** Fires when getStore() starts returning another store: previews of another account close. */
  readonly onDidChangeStore: vscode.Event<unknown>;
}

interface OpenPreview {
  readonly panel: vscode.WebviewPanel;
  readonly controller: PreviewController;
}

function keyOf(ref: LivestreamRef): string {
  return `${ref.accountId}/${ref.appId}/${ref.livestreamId}`;
}

export class PlaybackPreviews implements vscode.Disposable {
  private readonly previews = new Map<string, OpenPreview>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private storeSubscription: { dispose(): void } | undefined;

  constructor(private readonly host: PreviewHost) {
    this.subscriptions.push(
      host.watcher.onDidChange(() => this.previews.forEach((p) => p.controller.watchChanged())),
      host.onDidChangeStore(() => this.storeReplaced()),
    );
    this.subscribeStore();
  }

  /** Opens the livestream's preview beside the active editor, or reveals the open one. */
  show(ref: LivestreamRef, livestream: Livestream): void {
    const existing = this.previews.get(keyOf(ref));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      return;
    }
    const root = this.host.extensionUri;
    // Beside what the person is looking at (the livestream's panel, say); alone, in the editor area.
    const column = vscode.window.tabGroups.activeTabGroup.activeTab ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, shortenName(previewTitle(livestream.name)), column, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media')],
    });
    const media = (name: string) => vscode.Uri.joinPath(root, 'media', name);
    panel.iconPath = { light: media('livestream-light.svg'), dark: media('livestream-dark.svg') };
    const controller = new PreviewController(ref, livestream, {
      getStore: () => this.host.getStore(),
      watcher: this.host.watcher,
      post: (update) => void panel.webview.postMessage(update),
      setTitle: (title) => (panel.title = shortenName(title)),
      // The same commands as the tree and the palette (one way to open, copy and confirm).
      openInBrowser: () => void vscode.commands.executeCommand(Commands.openPlaybackUrl, ref),
      copyUrl: () => void vscode.commands.executeCommand(Commands.copyPlaybackUrl, ref),
      // The page's CSP names the playback URL's origin: another URL needs another page.
      playbackUrlChanged: () => (panel.webview.html = this.html(panel.webview, controller)),
      log: this.host.log,
    });
    const received = panel.webview.onDidReceiveMessage((message: unknown) => controller.receive(message));
    panel.onDidDispose(() => {
      received.dispose();
      if (this.previews.get(keyOf(ref))?.panel === panel) this.previews.delete(keyOf(ref));
    });
    this.previews.set(keyOf(ref), { panel, controller });
    panel.webview.html = this.html(panel.webview, controller);
  }

  find(ref: LivestreamRef): vscode.WebviewPanel | undefined {
    return this.previews.get(keyOf(ref))?.panel;
  }

  dispose(): void {
    [...this.previews.values()].forEach((p) => p.panel.dispose());
    this.storeSubscription?.dispose();
    this.subscriptions.forEach((d) => d.dispose());
  }

  private html(webview: vscode.Webview, controller: PreviewController): string {
    const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...path)).toString();
    return renderPreviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'preview.js'),
      styleUris: [uri('dist', 'codicons', 'codicon.css'), uri('media', 'panel.css'), uri('media', 'preview.css')],
      title: previewTitle(controller.name),
      playbackUrl: controller.playbackUrl,
      l10nBundle: vscode.l10n.bundle,
      language: vscode.env.language,
    });
  }

  private subscribeStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = this.host.getStore()?.onDidChange((change: StoreChange) => this.previews.forEach((p) => p.controller.storeChanged(change)));
  }

  /** Sign-out or another account: a preview shows one account's livestream, so it closes. */
  private storeReplaced(): void {
    this.subscribeStore();
    const account = this.host.getStore()?.accountId;
    for (const open of [...this.previews.values()]) {
      if (open.controller.ref.accountId !== account) open.panel.dispose();
    }
  }
}
