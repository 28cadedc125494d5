// What one playback preview shows and does, without `vscode` (unit tests drive it on plain Node).
// The preview learns the livestream's status from every load that brings a fresher copy of it
// (the watcher's polls, the tree, a panel), and keeps the livestream watched while it waits for
// LIVE, so a go-live starts the video at once rather than at the next manifest retry.
import * as l10n from '@vscode/l10n';
import type { Livestream } from '../api/types';
import { parsePreviewMessage, type PreviewMessage, type PreviewUpdate } from '../contract/preview';
import type { Logger } from '../shared/log';
import type { LivestreamRef } from '../shared/ref';
import type { LivestreamStore, StoreChange } from '../store/store';
import type { LivestreamWatcher } from '../store/watcher';

export interface PreviewControllerHost {
  getStore(): LivestreamStore | undefined;
  readonly watcher: Pick<LivestreamWatcher, 'info' | 'watch'>;
  post(update: PreviewUpdate): void;
  setTitle(title: string): void;
  openInBrowser(): void;
  copyUrl(): void;
  playbackUrlChanged(): void;
  readonly log: Logger;
  now?(): number;
}

/** The preview's tab title, "Preview: Keynote". */
export function previewTitle(name: string): string {
  return l10n.t({ message: 'Preview: {0}', args: [name], comment: ["The playback preview's tab title; {0} is the livestream's name"] });
}

export class PreviewController {
  private livestream: Livestream;
  private lastPosted = '';
  private readonly openedAt: number;

  constructor(
    readonly ref: LivestreamRef,
    livestream: Livestream,
    private readonly host: PreviewControllerHost,
  ) {
    this.livestream = livestream;
    this.openedAt = this.now();
    host.watcher.watch(ref, livestream.name);
  }

  /** The playback URL the page was built for (its CSP allows that origin only). */
  get playbackUrl(): string | null {
    return this.livestream.playbackUrl;
  }

  get name(): string {
    return this.livestream.name;
  }

  receive(raw: unknown): void {
    const message = parsePreviewMessage(raw);
    if (!message) {
      this.host.log.warn(`Preview of livestream ${this.ref.livestreamId}: ignored a message it does not understand.`);
      return;
    }
    this.handle(message);
  }

  /** A load finished somewhere: take the livestream's fresher copy, if it brought one. */
  storeChanged(change: StoreChange): void {
    const store = this.host.getStore();
    if (!store || store.accountId !== this.ref.accountId) return;
    const { appId, livestreamId } = this.ref;
    let fresh: Livestream | undefined;
    if (change.kind === 'details' && change.appId === appId && change.livestreamId === livestreamId) {
      fresh = store.getDetails(appId, livestreamId, change.page).value?.livestream;
    } else if (change.kind === 'activeSession' && change.appId === appId && change.livestreamId === livestreamId) {
      fresh = store.getActiveSession(appId, livestreamId).value?.livestream;
    } else if (change.kind === 'livestreams' && change.appId === appId) {
      fresh = store.find(livestreamId);
    }
    if (fresh && fresh.id === livestreamId) {
      const urlChanged = fresh.playbackUrl !== this.livestream.playbackUrl;
      this.livestream = fresh;
      if (urlChanged) {
        this.lastPosted = '';
        this.host.playbackUrlChanged();
      }
      this.host.setTitle(previewTitle(fresh.name));
      this.postUpdate();
    }
  }

  /** Watching started or ended, or the watcher saw a new status. */
  watchChanged(): void {
    this.postUpdate();
  }

  private handle(message: PreviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.lastPosted = '';
        this.postUpdate();
        return;
      case 'openInBrowser':
        this.host.openInBrowser();
        return;
      case 'copyUrl':
        this.host.copyUrl();
        return;
      case 'watch':
        this.host.watcher.watch(this.ref, this.livestream.name);
        return;
      case 'phase':
        this.host.log.info(`Preview of livestream ${this.ref.livestreamId}: ${message.phase} (${Math.round(this.now() - this.openedAt)} ms after opening). ${message.detail}`);
        return;
    }
  }

  private update(): PreviewUpdate {
    const watch = this.host.watcher.info(this.ref.livestreamId);
    return {
      type: 'update',
      name: this.livestream.name,
      // The freshest copy a load brought (the watcher's polls among them).
      status: this.livestream.status,
      playbackUrl: this.livestream.playbackUrl,
      watching: !!watch,
    };
  }

  private postUpdate(): void {
    const update = this.update();
    const key = JSON.stringify(update);
    if (key !== this.lastPosted) {
      this.lastPosted = key;
      this.host.post(update);
    }
  }

  private now(): number {
    return this.host.now?.() ?? Date.now();
  }
}
