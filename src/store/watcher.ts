// Watching a livestream until its encoder goes LIVE: after someone copies its credentials, starts
// a test pattern or asks to, the livestream is polled (whether or not any view is visible: that is
// the point) every `watchSeconds`, for at most `watchMinutes` or until it went LIVE and stopped.
// Each poll is one request without retries (a failed poll is the next poll's job), so a watched
// livestream never costs more than one request per interval; failures back off.
//
// Polls go through the store, so the tree and any open panel see the new status the moment the
// watcher does. Transitions come out as events; wording and toasts are the shell's.
import type { Livestream, Session } from '../api/types';
import { MIN_WATCH_SECONDS } from '../shared/config';
import { Emitter, type Event } from '../shared/emitter';
import type { LivestreamRef } from '../shared/ref';
import { isActiveStatus } from '../shared/status';
import { Poller, type Timers } from './poller';
import type { LivestreamStore } from './store';

/** Failures double the wait, up to this. */
const MAX_BACKOFF_SECONDS = 60;
/** One session is enough for a status and its error message: the smallest details page. */
export const WATCH_PAGE = { pageNo: 1, perPage: 1 } as const;

export interface WatchInfo {
  readonly ref: LivestreamRef;
  readonly name: string;
  /** Date.now() when watching started (or was last extended). */
  readonly since: number;
  /** Date.now() when watching ends unless something happens. */
  readonly until: number;
  /** The last status a poll saw; undefined before the first answer. */
  readonly status: string | undefined;
}

export type Transition =
  | { readonly kind: 'connecting'; readonly watch: WatchInfo }
  | { readonly kind: 'live'; readonly watch: WatchInfo; readonly livestream: Livestream }
  | { readonly kind: 'errored'; readonly watch: WatchInfo; readonly livestream: Livestream; readonly errMessage: string | null }
  | { readonly kind: 'stopped'; readonly watch: WatchInfo; readonly livestream: Livestream; readonly durationSeconds: number | null }
  | { readonly kind: 'deleted'; readonly watch: WatchInfo }
  | { readonly kind: 'expired'; readonly watch: WatchInfo };

export interface WatcherOptions {
  readonly getStore: () => LivestreamStore | undefined;
  /** `realtimekit.watchSeconds` and `realtimekit.watchMinutes`, read at each scheduling. */
  readonly settings: () => { readonly seconds: number; readonly minutes: number };
  readonly now?: () => number;
  readonly timers?: Timers;
}

class Watch {
  status: string | undefined;
  liveSince: number | undefined;
  readonly requests = new AbortController();
  poller: Poller | undefined;

  constructor(
    readonly ref: LivestreamRef,
    public name: string,
    public since: number,
  ) {}
}

export class LivestreamWatcher {
  private readonly watches = new Map<string, Watch>();
  private readonly transitioned = new Emitter<Transition>();
  private readonly changed = new Emitter<void>();
  /** Once per transition, with the tree and panels already showing the new status. */
  readonly onDidTransition: Event<Transition> = this.transitioned.event;
  /** The set of watched livestreams (or what is known about one) changed. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly now: () => number;

  constructor(private readonly options: WatcherOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts watching (polling at once), or extends a watch already running. */
  watch(ref: LivestreamRef, name: string): void {
    const existing = this.watches.get(ref.livestreamId);
    if (existing && sameRef(existing.ref, ref)) {
      existing.since = this.now();
      existing.name = name;
      this.changed.fire();
      return;
    }
    if (existing) {
      this.end(existing);
    }
    const watch = new Watch(ref, name, this.now());
    watch.poller = new Poller({
      intervalSeconds: () => this.intervalSeconds(),
      shouldPoll: () => this.watches.get(ref.livestreamId) === watch,
      tick: () => this.poll(watch),
      maxBackoffSeconds: MAX_BACKOFF_SECONDS,
      ...(this.options.timers ? { timers: this.options.timers } : {}),
    });
    this.watches.set(ref.livestreamId, watch);
    this.changed.fire();
    void watch.poller.runNow();
  }

  unwatch(livestreamId: string): void {
    const watch = this.watches.get(livestreamId);
    if (watch) {
      this.end(watch);
      this.changed.fire();
    }
  }

  isWatching(livestreamId: string): boolean {
    return this.watches.has(livestreamId);
  }

  info(livestreamId: string): WatchInfo | undefined {
    const watch = this.watches.get(livestreamId);
    return watch && this.infoOf(watch);
  }

  list(): WatchInfo[] {
    return [...this.watches.values()].map((w) => this.infoOf(w));
  }

  /** The connection's store changed (sign out, another account): watches of another store end. */
  storeChanged(): void {
    const store = this.options.getStore();
    const ended = [...this.watches.values()].filter((w) => !store || store.accountId !== w.ref.accountId);
    ended.forEach((w) => this.end(w));
    if (ended.length > 0) this.changed.fire();
  }

  dispose(): void {
    [...this.watches.values()].forEach((w) => this.end(w));
    this.transitioned.dispose();
    this.changed.dispose();
  }

  // ---- polling --------------------------------------------------------------------------------

  private intervalSeconds(): number {
    return Math.max(MIN_WATCH_SECONDS, this.options.settings().seconds);
  }

  private infoOf(watch: Watch): WatchInfo {
    return { ref: watch.ref, name: watch.name, since: watch.since, until: watch.since + this.options.settings().minutes * 60_000, status: watch.status };
  }

  /** One poll. True when it got an answer (the poller backs off otherwise). */
  private async poll(watch: Watch): Promise<boolean> {
    const store = this.options.getStore();
    const { appId, livestreamId } = watch.ref;
    if (!store || store.accountId !== watch.ref.accountId || this.watches.get(livestreamId) !== watch) {
      return true;
    }
    if (this.now() >= this.infoOf(watch).until) {
      this.end(watch);
      this.emit({ kind: 'expired', watch: this.infoOf(watch) });
      this.changed.fire();
      return true;
    }
    await store.loadDetails(appId, livestreamId, WATCH_PAGE, { signal: watch.requests.signal, retry: false });
    if (this.watches.get(livestreamId) !== watch) {
      return true;
    }
    const details = store.getDetails(appId, livestreamId, WATCH_PAGE);
    if (details.error && !details.loading) {
      if (details.error.kind === 'notFound') {
        this.end(watch);
        this.emit({ kind: 'deleted', watch: this.infoOf(watch) });
        this.changed.fire();
        return true;
      }
      // auth: the connection signs out and storeChanged() ends the watch; the rest back off.
      return false;
    }
    const fresh = details.value;
    if (fresh) {
      this.observe(watch, fresh.livestream, fresh.latestSession ?? fresh.sessions[0] ?? null);
    }
    return true;
  }

  /** Compares what a poll saw with what the previous one did, and tells once per transition. */
  private observe(watch: Watch, livestream: Livestream, session: Session | null): void {
    const before = watch.status;
    const now = livestream.status;
    watch.name = livestream.name;
    watch.status = now;
    if (before === now) {
      return;
    }
    this.changed.fire();
    if (now === 'LIVE') {
      watch.liveSince ??= this.now();
    }
    if (before === undefined) {
      // The first answer is the starting point, not news.
      return;
    }
    const info = this.infoOf(watch);
    if (now === 'INVOKED') {
      this.emit({ kind: 'connecting', watch: info });
    } else if (now === 'LIVE') {
      this.emit({ kind: 'live', watch: info, livestream });
    } else if (now === 'ERRORED') {
      this.emit({ kind: 'errored', watch: info, livestream, errMessage: session?.errMessage ?? null });
    } else if (before === 'LIVE' && !isActiveStatus(now)) {
      this.end(watch);
      this.emit({ kind: 'stopped', watch: this.infoOf(watch), livestream, durationSeconds: sessionSeconds(session) ?? this.secondsSince(watch.liveSince) });
      this.changed.fire();
    }
  }

  private secondsSince(since: number | undefined): number | null {
    return since === undefined ? null : Math.max(0, Math.round((this.now() - since) / 1000));
  }

  private emit(transition: Transition): void {
    this.transitioned.fire(transition);
  }

  private end(watch: Watch): void {
    watch.requests.abort();
    watch.poller?.dispose();
    if (this.watches.get(watch.ref.livestreamId) === watch) {
      this.watches.delete(watch.ref.livestreamId);
    }
  }
}

function sameRef(a: LivestreamRef, b: LivestreamRef): boolean {
  return a.accountId === b.accountId && a.appId === b.appId && a.livestreamId === b.livestreamId;
}

/** How long a finished session ran, from the API's own times. */
function sessionSeconds(session: Session | null): number | null {
  const start = session?.startedTime ? Date.parse(session.startedTime) : NaN;
  const stop = session?.stoppedTime ? Date.parse(session.stoppedTime) : NaN;
  return Number.isFinite(start) && Number.isFinite(stop) ? Math.max(0, Math.round((stop - start) / 1000)) : null;
}
