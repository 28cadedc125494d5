// The API token lives only in SecretStorage (`context.secrets`). This wraps it with a cache, so
// the HTTP client can ask for the token on every request without a round trip to the keyring:
// loaded lazily on first need, refreshed when another window changes it (secrets are shared).
// Structural types keep it free of `vscode`; `context.secrets` satisfies `SecretStorageLike`.
import { Emitter, type Disposable, type Event } from '../util/emitter';

export const TOKEN_SECRET_KEY = 'realtimekit.apiToken';

export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: (listener: (e: { readonly key: string }) => unknown) => Disposable;
}

export class TokenStore implements Disposable {
  private cached: string | undefined;
  private loaded = false;
  /** Bumped by every write and external change, so a slow read cannot overwrite a newer value. */
  private version = 0;
  private loading: Promise<string | undefined> | undefined;
  private readonly changed = new Emitter<string | undefined>();
  private readonly subscription: Disposable;
  /** Fires with the new token (or undefined when deleted), from this window or another. */
  readonly onDidChange: Event<string | undefined> = this.changed.event;

  constructor(private readonly secrets: SecretStorageLike) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === TOKEN_SECRET_KEY) {
        void this.reload();
      }
    });
  }

  /** The cached token when it has been loaded; undefined otherwise (use `get()` to load it). */
  peek(): string | undefined {
    return this.cached;
  }

  get(): Promise<string | undefined> {
    if (this.loaded) {
      return Promise.resolve(this.cached);
    }
    this.loading ??= this.read().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(TOKEN_SECRET_KEY, token);
    this.apply(token);
  }

  async delete(): Promise<void> {
    await this.secrets.delete(TOKEN_SECRET_KEY);
    this.apply(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<string | undefined> {
    const version = this.version;
    const value = (await this.secrets.get(TOKEN_SECRET_KEY)) || undefined;
    if (version === this.version) {
      this.cached = value;
      this.loaded = true;
    }
    return this.cached;
  }

  /** Another window (or this one) changed the secret: read it again and tell listeners if it differs. */
  private async reload(): Promise<void> {
    const version = ++this.version;
    const value = (await this.secrets.get(TOKEN_SECRET_KEY)) || undefined;
    if (version === this.version) {
      this.apply(value);
    }
  }

  private apply(value: string | undefined): void {
    this.version++;
    const differs = !this.loaded || value !== this.cached;
    this.cached = value;
    this.loaded = true;
    if (differs) {
      this.changed.fire(value);
    }
  }
}
