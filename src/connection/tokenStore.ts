// The API token lives only in SecretStorage (`context.secrets`). This wraps it with a cache, so
// the HTTP client can ask for the token on every request without a round trip to the keyring:
// loaded lazily on first need, refreshed when another window changes it (secrets are shared).
// Structural types keep it free of `vscode`; `context.secrets` satisfies `SecretStorageLike`.
import * as l10n from '@vscode/l10n';
import { Emitter, type Disposable, type Event } from '../shared/emitter';

export const TOKEN_SECRET_KEY = 'realtimekit.apiToken';

/**
 * SecretStorage itself failed (on Linux: no keyring, or a locked one). The message says so and
 * what to do; the keyring's own text is kept after it, since it names the backend's problem.
 */
export class SecretStorageError extends Error {
  constructor(action: 'read' | 'save' | 'delete', cause: unknown) {
    super(secretStorageMessage(action, cause instanceof Error ? cause.message : String(cause)));
    this.name = 'SecretStorageError';
  }
}

function secretStorageMessage(action: 'read' | 'save' | 'delete', detail: string): string {
  switch (action) {
    case 'read':
      return l10n.t({
        message: 'VS Code could not read the RealtimeKit API token in its secret storage ({0}). On Linux this needs a running, unlocked keyring such as GNOME Keyring or KWallet; start or unlock it, then try again.',
        args: [detail],
        comment: ["{0} is the keyring's own error text"],
      });
    case 'save':
      return l10n.t({
        message: 'VS Code could not save the RealtimeKit API token in its secret storage ({0}). On Linux this needs a running, unlocked keyring such as GNOME Keyring or KWallet; start or unlock it, then try again.',
        args: [detail],
        comment: ["{0} is the keyring's own error text"],
      });
    case 'delete':
      return l10n.t({
        message: 'VS Code could not delete the RealtimeKit API token in its secret storage ({0}). On Linux this needs a running, unlocked keyring such as GNOME Keyring or KWallet; start or unlock it, then try again.',
        args: [detail],
        comment: ["{0} is the keyring's own error text"],
      });
  }
}

export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  readonly onDidChange: (listener: (e: { readonly key: string }) => unknown) => Disposable;
}

const FAILED = Symbol('failed');

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

  /**
   * `onReadError` hears about reads that failed: they count as "no token" (the welcome content
   * offers to set one) and are tried again on the next `get()`, instead of rejecting callers.
   */
  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly onReadError: (error: SecretStorageError) => void = () => undefined,
  ) {
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

  /** Rejects with a SecretStorageError when the keyring refuses; the cached token is then unchanged. */
  async set(token: string): Promise<void> {
    try {
      await this.secrets.store(TOKEN_SECRET_KEY, token);
    } catch (err) {
      throw new SecretStorageError('save', err);
    }
    this.apply(token);
  }

  async delete(): Promise<void> {
    try {
      await this.secrets.delete(TOKEN_SECRET_KEY);
    } catch (err) {
      throw new SecretStorageError('delete', err);
    }
    this.apply(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The stored token, or FAILED after telling `onReadError`. */
  private async readSecret(): Promise<string | undefined | typeof FAILED> {
    try {
      return (await this.secrets.get(TOKEN_SECRET_KEY)) || undefined;
    } catch (err) {
      this.onReadError(new SecretStorageError('read', err));
      return FAILED;
    }
  }

  private async read(): Promise<string | undefined> {
    const version = this.version;
    const value = await this.readSecret();
    if (value === FAILED) {
      // Not marked loaded: the next get() asks the keyring again.
      return this.cached;
    }
    if (version === this.version) {
      this.cached = value;
      this.loaded = true;
    }
    return this.cached;
  }

  /** Another window (or this one) changed the secret: read it again and tell listeners if it differs. */
  private async reload(): Promise<void> {
    const version = ++this.version;
    const value = await this.readSecret();
    if (value !== FAILED && version === this.version) {
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
