// Keeps the tree fresh while something is happening: while any loaded livestream is LIVE or
// INVOKED and the view is visible in a focused window, the lists holding them reload every
// `autoRefreshSeconds` (up to the last page holding one). The Poller supplies the discipline (no
// overlapping ticks, backoff after failures); the store shares a reload already in flight, so a
// manual refresh and a tick never fetch the same list twice at once. Visibility and focus come in
// as functions: no `vscode` here.
import type { Connection } from '../connection/connection';
import type { ListFilter } from '../store/store';
import { Poller, type Timers } from '../store/poller';
import type { Disposable } from '../shared/emitter';

export interface AutoRefreshOptions {
  readonly connection: Connection;
  /** The tree's filter: the lists it shows are the ones worth polling. */
  readonly filter: () => ListFilter;
  readonly intervalSeconds: () => number;
  readonly visible: () => boolean;
  readonly focused: () => boolean;
  readonly timers?: Timers;
}

export class AutoRefresh implements Disposable {
  private readonly poller: Poller;

  constructor(private readonly options: AutoRefreshOptions) {
    this.poller = new Poller({
      intervalSeconds: options.intervalSeconds,
      shouldPoll: () => this.shouldPoll(),
      tick: () => this.tick(),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  shouldPoll(): boolean {
    const store = this.options.connection.store;
    return !!store && this.options.visible() && this.options.focused() && store.activeAppIds(this.options.filter()).length > 0;
  }

  /** Call on any change of visibility, focus, settings or data. */
  update(): void {
    this.poller.update();
  }

  /** After a manual refresh: the next automatic one waits a full interval. */
  restart(): void {
    this.poller.restart();
  }

  get consecutiveFailures(): number {
    return this.poller.consecutiveFailures;
  }

  /** Reloads the lists that hold something active. True when every reload succeeded. */
  async tick(): Promise<boolean> {
    const store = this.options.connection.store;
    if (!store) {
      return true;
    }
    const filter = this.options.filter();
    const appIds = store.activeAppIds(filter);
    await Promise.all(appIds.map((appId) => store.refreshActiveLivestreams(appId, filter)));
    return appIds.every((appId) => !store.getLivestreams(appId, filter).error);
  }

  dispose(): void {
    this.poller.dispose();
  }
}
