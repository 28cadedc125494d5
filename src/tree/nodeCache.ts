// One node instance per app, livestream and Load-more row, for as long as the account's store
// lives: change events and reveal() must name the very element VS Code already knows.
import type { App, Livestream } from '../api/types';
import type { ItemDescription } from './model';
import { AppNode, LivestreamNode, LoadMoreNode } from './nodes';

export class NodeCache {
  private apps = new Map<string, AppNode>();
  private livestreams = new Map<string, LivestreamNode>();
  private loadMores = new Map<string, LoadMoreNode>();

  app(accountId: string, app: App): AppNode {
    let node = this.apps.get(app.id);
    if (!node || node.accountId !== accountId) {
      node = new AppNode(accountId, app);
      this.apps.set(app.id, node);
    }
    node.app = app;
    return node;
  }

  /** The node VS Code knows for an app, if it has seen one. */
  knownApp(appId: string): AppNode | undefined {
    return this.apps.get(appId);
  }

  livestream(parent: AppNode, livestream: Livestream): LivestreamNode {
    let node = this.livestreams.get(livestream.id);
    if (!node || node.parent !== parent) {
      node = new LivestreamNode(parent, livestream);
      this.livestreams.set(livestream.id, node);
    }
    node.livestream = livestream;
    return node;
  }

  loadMore(parent: AppNode, item: ItemDescription): LoadMoreNode {
    let node = this.loadMores.get(parent.appId);
    if (!node || node.parent !== parent) {
      node = new LoadMoreNode(parent, item);
      this.loadMores.set(parent.appId, node);
    }
    node.item = item;
    return node;
  }

  clear(): void {
    this.apps.clear();
    this.livestreams.clear();
    this.loadMores.clear();
  }
}
