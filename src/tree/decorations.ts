// What the tree shows beyond its items: the LIVE and ERRORED label colours (a TreeItem label has
// no colour of its own, so a FileDecoration paints it) and the view's badge, description and
// message (the LIVE count and the active filter).
import * as vscode from 'vscode';
import type { Connection } from '../connection/connection';
import { presentStatus } from '../shared/status';
import type { TreeFilter } from './filter';
import * as model from './model';
import type { TreeNode } from './nodes';

/** The scheme of the resourceUri that lets LivestreamDecorations colour a livestream's label. */
export const STATUS_SCHEME = 'realtimekit-status';

export function statusUri(status: string, livestreamId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: STATUS_SCHEME, path: `/${encodeURIComponent(status)}/${encodeURIComponent(livestreamId)}` });
}

export class LivestreamDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== STATUS_SCHEME) {
      return undefined;
    }
    const color = presentStatus(decodeURIComponent(uri.path.split('/')[1] ?? '')).labelColor;
    return color ? new vscode.FileDecoration(undefined, undefined, new vscode.ThemeColor(color)) : undefined;
  }
}

/** Keeps the view's badge, description and message in step with the LIVE count and the filter. */
export function bindViewDecorations(
  view: vscode.TreeView<TreeNode>,
  liveCount: () => number,
  onDidChange: vscode.Event<void>,
  connection: Connection,
  filter: TreeFilter,
): vscode.Disposable {
  const update = (): void => {
    view.badge = model.viewBadge(liveCount());
    view.description = model.viewDescription(filter.current);
    view.message = connection.state === 'ready' ? model.viewMessage(filter.current) : undefined;
  };
  update();
  return onDidChange(update);
}
