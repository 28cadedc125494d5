// VS Code's SecretStorage in memory, for the TokenStore and the Connection: reads are counted,
// `external()` changes a value the way another window would, `failure` makes every call reject
// the way a missing or locked keyring does.
import type { SecretStorageLike } from '../../src/connection/tokenStore';
import { Emitter } from '../../src/shared/emitter';

export class MemorySecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  readonly reads: string[] = [];
  /** Set to make every call reject the way a missing or locked keyring does. */
  failure: Error | undefined;
  private readonly changed = new Emitter<{ key: string }>();
  readonly onDidChange = this.changed.event;

  async get(key: string): Promise<string | undefined> {
    this.reads.push(key);
    if (this.failure) throw this.failure;
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.values.set(key, value);
    this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.values.delete(key);
    this.changed.fire({ key });
  }

  /** Another window wrote (or deleted, with undefined) the secret. */
  external(key: string, value: string | undefined): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.changed.fire({ key });
  }
}
