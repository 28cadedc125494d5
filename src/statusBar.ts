// The status bar item: how many livestreams are LIVE, visible from any view; clicking it offers
// them in a quick pick. It reads the same counts as the view badge and follows the same changes.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from './shared/commandIds';
import { liveCountText } from './shared/status';

export class LiveStatusBarItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('realtimekit.live', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly liveCount: () => number,
    onDidChange: vscode.Event<void>,
  ) {
    this.item.name = l10n.t({ message: 'RealtimeKit LIVE Livestreams', comment: ['The name of the status bar item that counts the LIVE livestreams'] });
    this.item.command = Commands.openLiveLivestream;
    this.subscription = onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const content = liveCountText(this.liveCount());
    if (!content) {
      this.item.hide();
      return;
    }
    this.item.text = content.text;
    this.item.tooltip = content.tooltip;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
