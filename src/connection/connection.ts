// The connection: token + settings -> a state the UI shows (welcome content, the tree) and, when
// ready, the one LivestreamStore for the account. Pure TypeScript over injected pieces, so unit
// tests drive it with a fake API and an in-memory secret store.
//
//   signedOut     no token stored
//   needsAccount  a token, but no (valid) account id in settings
//   authFailed    the API answered 401 with the stored token: welcome content asks for a new one
//   ready         a store exists and the tree shows apps
import type { RealtimeKitApi } from '../api/api';
import type { ApiError } from '../api/errors';
import type { Settings } from '../shared/config';
import { LivestreamStore, type StoreChange } from '../store/store';
import { Emitter, type Disposable, type Event } from '../shared/emitter';
import type { TokenStore } from './tokenStore';

export type ConnectionState = 'signedOut' | 'needsAccount' | 'authFailed' | 'ready';

export interface ConnectionOptions {
  readonly tokens: TokenStore;
  /** Current settings, read on each resolution. */
  readonly settings: () => Settings;
  /** Builds an API client; `getToken` is read on every request. */
  readonly createApi: (baseUrl: string, getToken: () => Promise<string | undefined>) => RealtimeKitApi;
  readonly now?: () => number;
}

export class Connection implements Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when the state or the store instance changes. */
  readonly onDidChange: Event<void> = this.changed.event;

  private _state: ConnectionState | undefined;
  private _store: LivestreamStore | undefined;
  private storeKey = '';
  private storeSubscription: Disposable | undefined;
  private api: RealtimeKitApi | undefined;
  private apiBaseUrl = '';
  private authFailed = false;
  private resolving: Promise<ConnectionState> | undefined;
  private dirty = false;
  private readonly tokenSubscription: Disposable;

  constructor(private readonly options: ConnectionOptions) {
    this.tokenSubscription = options.tokens.onDidChange((token) => {
      // A new token (here or in another window) may see other data: start clean, and stop every
      // request still carrying the old one. Signed out, the store goes altogether.
      this.authFailed = false;
      if (token) {
        this._store?.reset();
      } else {
        this.dropStore();
      }
      void this.resolve();
    });
  }

  /** Undefined until the first `resolve()` finishes. */
  get state(): ConnectionState | undefined {
    return this._state;
  }

  /** The account's store while ready; undefined otherwise. */
  get store(): LivestreamStore | undefined {
    return this._state === 'ready' ? this._store : undefined;
  }

  get settings(): Settings {
    return this.options.settings();
  }

  /**
   * Works out the state from the token and settings (no network) and creates or updates the
   * store. Concurrent calls share one run; a call made during a run schedules one more.
   */
  resolve(): Promise<ConnectionState> {
    if (this.resolving) {
      this.dirty = true;
      return this.resolving;
    }
    const run = async (): Promise<ConnectionState> => {
      try {
        let state: ConnectionState;
        do {
          this.dirty = false;
          state = await this.compute();
        } while (this.dirty);
        return state;
      } finally {
        // Cleared in the same turn as the last check of `dirty`: a later call starts a new run
        // instead of joining one that has already decided.
        this.resolving = undefined;
      }
    };
    this.resolving = run();
    return this.resolving;
  }

  /** Settings changed: re-resolve (a new account or base URL gets a new store). */
  settingsChanged(): Promise<ConnectionState> {
    return this.resolve();
  }

  /** An API call answered 401: stop showing data and ask for a token again. */
  reportAuthFailure(): void {
    if (this.authFailed) {
      return;
    }
    this.authFailed = true;
    void this.resolve();
  }

  /** "Retry" after an auth failure (the token may have been fixed on the dashboard side). */
  clearAuthFailure(): Promise<ConnectionState> {
    this.authFailed = false;
    return this.resolve();
  }

  /** A client for the current base URL and the stored token: for the connect flow's account listing. */
  currentApi(): RealtimeKitApi {
    this.ensureApi(this.options.settings().apiBaseUrl);
    return this.api as RealtimeKitApi;
  }

  /** A client that uses a token not stored yet: to verify a candidate before storing it. */
  apiWithToken(token: string): RealtimeKitApi {
    return this.options.createApi(this.options.settings().apiBaseUrl, () => Promise.resolve(token));
  }

  dispose(): void {
    this.tokenSubscription.dispose();
    this.dropStore();
    this.changed.dispose();
  }

  /** Disposes the store: its requests in flight are aborted, nothing more is sent for it. */
  private dropStore(): void {
    this.storeSubscription?.dispose();
    this.storeSubscription = undefined;
    this._store?.dispose();
    this._store = undefined;
    this.storeKey = '';
  }

  private async compute(): Promise<ConnectionState> {
    const token = await this.options.tokens.get();
    const settings = this.options.settings();
    let state: ConnectionState;
    if (!token) {
      state = 'signedOut';
    } else if (!settings.accountId) {
      state = 'needsAccount';
    } else if (this.authFailed) {
      state = 'authFailed';
    } else {
      state = 'ready';
    }
    // Only a ready connection keeps a store: otherwise nothing may be sent on its behalf.
    const hadStore = this._store !== undefined;
    if (state !== 'ready') this.dropStore();
    const storeChanged = state === 'ready' ? this.ensureStore(settings) : hadStore;
    if (state !== this._state || storeChanged) {
      this._state = state;
      this.changed.fire();
    }
    return state;
  }

  private ensureApi(baseUrl: string): boolean {
    if (this.api && this.apiBaseUrl === baseUrl) {
      return false;
    }
    this.apiBaseUrl = baseUrl;
    this.api = this.options.createApi(baseUrl, () => this.options.tokens.get());
    return true;
  }

  /** Returns true when a new store instance was created. */
  private ensureStore(settings: Settings): boolean {
    const apiChanged = this.ensureApi(settings.apiBaseUrl);
    const key = `${settings.apiBaseUrl}|${settings.accountId}`;
    const storeSettings = {
      accountId: settings.accountId,
      pageSize: settings.pageSize,
      includeMeetingLivestreams: settings.includeMeetingLivestreams,
    };
    if (this._store && !apiChanged && key === this.storeKey) {
      this._store.updateSettings(storeSettings);
      return false;
    }
    this.dropStore();
    this.storeKey = key;
    const store = new LivestreamStore(this.api as RealtimeKitApi, storeSettings, this.options.now);
    this._store = store;
    this.storeSubscription = store.onDidChange((change) => this.watchForAuthErrors(store, change));
    return true;
  }

  private watchForAuthErrors(store: LivestreamStore, change: StoreChange): void {
    if (errorOf(store, change)?.kind === 'auth') {
      this.reportAuthFailure();
    }
  }

}

/** The error (if any) of the slot a store change is about. */
function errorOf(store: LivestreamStore, change: StoreChange): ApiError | undefined {
  switch (change.kind) {
    case 'apps':
      return store.getApps().error;
    case 'livestreams':
      return store.getLivestreams(change.appId, change.filter).error;
    case 'details':
      return store.getDetails(change.appId, change.livestreamId, change.page).error;
    case 'analytics':
      return store.getAnalytics(change.appId).error;
    case 'activeSession':
      return store.getActiveSession(change.appId, change.livestreamId).error;
    case 'session':
      return store.getSession(change.appId, change.sessionId).error;
    case 'meetingActive':
      return store.meetings.active(change.appId, change.meetingId).error;
    case 'meetingLivestreams':
      return store.meetings.livestreams(change.appId, change.meetingId, change.page).error;
    case 'meetingSession':
      return store.meetings.sessionLivestreams(change.appId, change.sessionId, change.page).error;
    case 'dashboard':
      return store.dashboard.days(change.appId, change.days).error ?? store.dashboard.totals(change.appId, change.days).error;
    case 'reset':
      return undefined;
  }
}
