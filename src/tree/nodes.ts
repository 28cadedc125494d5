// The tree's elements. Plain classes (no `vscode`), kept as stable instances by the provider so
// that change events and reveal() find the element VS Code already knows. Commands accept them
// as arguments (`instanceof`), beside LivestreamRefs.
import type { App, Livestream } from '../api/types';
import type { LivestreamRef } from '../shared/ref';
import type { ItemDescription, MessageAction } from './model';

export class AppNode {
  readonly kind = 'app';
  constructor(
    readonly accountId: string,
    public app: App,
  ) {}

  get appId(): string {
    return this.app.id;
  }

  get id(): string {
    return `app/${this.accountId}/${this.app.id}`;
  }
}

export class LivestreamNode {
  readonly kind = 'livestream';
  constructor(
    readonly parent: AppNode,
    public livestream: Livestream,
  ) {}

  get ref(): LivestreamRef {
    return { accountId: this.parent.accountId, appId: this.parent.appId, livestreamId: this.livestream.id };
  }

  get id(): string {
    return `livestream/${this.parent.accountId}/${this.parent.appId}/${this.livestream.id}`;
  }
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly parent: AppNode,
    public item: ItemDescription,
  ) {}

  get id(): string {
    return `loadMore/${this.parent.accountId}/${this.parent.appId}`;
  }
}

/** Errors and empty states shown in place of children. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly parent: AppNode | undefined,
    readonly key: string,
    readonly item: ItemDescription,
    readonly action: MessageAction | undefined,
  ) {}

  get id(): string {
    return `message/${this.key}`;
  }
}

export type TreeNode = AppNode | LivestreamNode | LoadMoreNode | MessageNode;
