import assert from 'node:assert/strict';
import { Connection, type ConnectionState } from '../../src/connection/connection';
import { SecretStorageError, TOKEN_SECRET_KEY, TokenStore } from '../../src/connection/tokenStore';
import type { Settings } from '../../src/shared/config';
import type { LivestreamStore } from '../../src/store/store';
import { ACCOUNT_ID, app, FakeApi, MemorySecrets, OTHER_ACCOUNT_ID, settings, until } from './treeFixtures';

describe('auth: TokenStore', () => {
  it('reads SecretStorage once, lazily, and serves the cache after', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(TOKEN_SECRET_KEY, 'tok_1');
    const tokens = new TokenStore(secrets);
    assert.equal(secrets.reads.length, 0, 'constructing must not read the keyring');
    assert.equal(tokens.peek(), undefined);
    const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
    assert.equal(a, 'tok_1');
    assert.equal(b, 'tok_1');
    assert.equal(await tokens.get(), 'tok_1');
    assert.equal(secrets.reads.length, 1, 'concurrent and later reads share the first');
    assert.equal(tokens.peek(), 'tok_1');
  });

  it('stores and deletes only under its key, firing a change', async () => {
    const secrets = new MemorySecrets();
    const tokens = new TokenStore(secrets);
    const seen: Array<string | undefined> = [];
    tokens.onDidChange((t) => seen.push(t));
    await tokens.set('tok_2');
    assert.equal(secrets.values.get(TOKEN_SECRET_KEY), 'tok_2');
    assert.equal(await tokens.get(), 'tok_2');
    await tokens.delete();
    assert.equal(secrets.values.has(TOKEN_SECRET_KEY), false);
    assert.equal(await tokens.get(), undefined);
    await until(() => seen.length >= 2);
    assert.deepEqual(seen, ['tok_2', undefined]);
  });

  it('follows changes made by another window', async () => {
    const secrets = new MemorySecrets();
    const tokens = new TokenStore(secrets);
    assert.equal(await tokens.get(), undefined);
    const seen: Array<string | undefined> = [];
    tokens.onDidChange((t) => seen.push(t));
    secrets.external(TOKEN_SECRET_KEY, 'from-other-window');
    await until(() => seen.length === 1);
    assert.equal(tokens.peek(), 'from-other-window');
    secrets.external('some.other.key', 'x');
    secrets.external(TOKEN_SECRET_KEY, undefined);
    await until(() => seen.length === 2);
    assert.deepEqual(seen, ['from-other-window', undefined]);
  });

  it('a failing keyring: reads count as no token, are reported and retried; writes reject with a message that says what to do', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(TOKEN_SECRET_KEY, 'tok_kept');
    secrets.failure = new Error('Cannot create an item in a locked collection');
    const reported: SecretStorageError[] = [];
    const tokens = new TokenStore(secrets, (e) => reported.push(e));
    assert.equal(await tokens.get(), undefined, 'a failed read resolves, it does not reject');
    assert.equal(reported.length, 1);
    assert.match(reported[0]!.message, /could not read the RealtimeKit API token.*locked collection.*keyring/);

    // Another window's change while the keyring fails: reported, nothing fires, nothing rejects.
    const seen: Array<string | undefined> = [];
    tokens.onDidChange((t) => seen.push(t));
    secrets.external(TOKEN_SECRET_KEY, 'tok_other');
    await until(() => reported.length === 2);
    assert.deepEqual(seen, []);

    await assert.rejects(tokens.set('tok_new'), (e: unknown) => e instanceof SecretStorageError && /could not save .*unlock it, then try again/.test(e.message));
    await assert.rejects(tokens.delete(), SecretStorageError);
    assert.equal(secrets.values.get(TOKEN_SECRET_KEY), 'tok_other', 'nothing written while failing');

    // The keyring comes back: the next read asks it again.
    secrets.failure = undefined;
    assert.equal(await tokens.get(), 'tok_other');
  });

  it('a Connection over a failing keyring resolves to signedOut instead of rejecting', async () => {
    const secrets = new MemorySecrets();
    secrets.failure = new Error('no keyring');
    const connection = new Connection({
      tokens: new TokenStore(secrets),
      settings: () => settings(),
      createApi: () => {
        throw new Error('no client without a token');
      },
    });
    assert.equal(await connection.resolve(), 'signedOut');
    connection.dispose();
  });
});

describe('auth: Connection', () => {
  function setup(initial: { token?: string; settings?: Partial<Settings> } = {}) {
    const secrets = new MemorySecrets();
    if (initial.token) secrets.values.set(TOKEN_SECRET_KEY, initial.token);
    const tokens = new TokenStore(secrets);
    let current = settings(initial.settings);
    const apis: FakeApi[] = [];
    const connection = new Connection({
      tokens,
      settings: () => current,
      createApi: (_baseUrl, getToken) => {
        const api = new FakeApi(getToken);
        api.apps = [app('app-1', 'Production')];
        apis.push(api);
        return api;
      },
    });
    const states: Array<ConnectionState | undefined> = [];
    connection.onDidChange(() => states.push(connection.state));
    return {
      secrets,
      tokens,
      connection,
      apis,
      states,
      setSettings: (over: Partial<Settings>) => {
        current = { ...current, ...over };
      },
    };
  }

  it('is signedOut without a token, and creates no client', async () => {
    const { connection, apis } = setup();
    assert.equal(connection.state, undefined);
    assert.equal(await connection.resolve(), 'signedOut');
    assert.equal(connection.store, undefined);
    assert.equal(apis.length, 0);
  });

  it('needs an account when the setting is empty', async () => {
    const { connection } = setup({ token: 'tok', settings: { accountId: '' } });
    assert.equal(await connection.resolve(), 'needsAccount');
    assert.equal(connection.store, undefined);
  });

  it('is ready with token and account: one store whose client reads the stored token', async () => {
    const { connection, apis } = setup({ token: 'tok_ready' });
    assert.equal(await connection.resolve(), 'ready');
    const store = connection.store;
    assert.ok(store);
    assert.equal(store.accountId, ACCOUNT_ID);
    await store.loadApps();
    assert.deepEqual(apis[0].tokens, ['tok_ready']);
    assert.equal(await connection.resolve(), 'ready');
    assert.equal(connection.store, store, 'resolving again keeps the store');
  });

  it('follows the token: set in another window -> ready; deleted -> signedOut', async () => {
    const { connection, secrets, states } = setup();
    await connection.resolve();
    secrets.external(TOKEN_SECRET_KEY, 'tok_elsewhere');
    await until(() => connection.state === 'ready');
    secrets.external(TOKEN_SECRET_KEY, undefined);
    await until(() => connection.state === 'signedOut');
    assert.deepEqual(states, ['signedOut', 'ready', 'signedOut']);
  });

  it('a 401 from any list turns the state to authFailed; a new token clears it', async () => {
    const { connection, apis, tokens } = setup({ token: 'tok_old' });
    await connection.resolve();
    const store = connection.store;
    assert.ok(store);
    apis[0].fail('listApps', 'auth', 'The API token was rejected.');
    await store.loadApps();
    await until(() => connection.state === 'authFailed');
    assert.equal(connection.store, undefined, 'no data is shown while the token is rejected');
    await tokens.set('tok_new');
    await until(() => connection.state === 'ready');
    const fresh = connection.store as LivestreamStore | undefined;
    assert.equal(fresh?.getApps().value, undefined, 'the new token starts with a clean cache');
  });

  it('a 401 from a panel details load counts too (the token was rolled while only a panel was open)', async () => {
    const { connection, apis } = setup({ token: 'tok' });
    await connection.resolve();
    apis[0].fail('getLivestream', 'auth', 'The API token was rejected.');
    await connection.store?.loadDetails('app-1', 'ls-1', { pageNo: 1, perPage: 10 });
    await until(() => connection.state === 'authFailed');
  });

  it('clearAuthFailure retries with the same token', async () => {
    const { connection, apis } = setup({ token: 'tok' });
    await connection.resolve();
    apis[0].fail('listApps', 'auth');
    await connection.store?.loadApps();
    await until(() => connection.state === 'authFailed');
    assert.equal(await connection.clearAuthFailure(), 'ready');
  });

  it('a permission error (403) is not an auth failure: it stays an error value', async () => {
    const { connection, apis } = setup({ token: 'tok' });
    await connection.resolve();
    apis[0].fail('listApps', 'permission', 'The token lacks the Realtime permission.');
    await connection.store?.loadApps();
    assert.equal(connection.state as ConnectionState, 'ready');
    assert.equal(connection.store?.getApps().error?.kind, 'permission');
  });

  it('a new account or base URL gets a new store; a new page size resets the same one', async () => {
    const { connection, setSettings, apis } = setup({ token: 'tok' });
    await connection.resolve();
    const first = connection.store;
    assert.ok(first);
    setSettings({ accountId: OTHER_ACCOUNT_ID });
    await connection.settingsChanged();
    const second = connection.store;
    assert.notEqual(second, first);
    assert.equal(second?.accountId, OTHER_ACCOUNT_ID);
    assert.equal(apis.length, 1, 'same base URL, same client');

    setSettings({ apiBaseUrl: 'http://127.0.0.1:2/client/v4' });
    await connection.settingsChanged();
    assert.notEqual(connection.store, second);
    assert.equal(apis.length, 2, 'a new base URL gets a new client');

    const third = connection.store;
    await third?.loadApps();
    setSettings({ pageSize: 7 });
    await connection.settingsChanged();
    assert.equal(connection.store, third);
    assert.equal(third?.pageSize, 7);
    assert.ok(third?.getApps().value, 'a page size changes the lists only: the apps stay');
  });

  it('concurrent resolves share one run', async () => {
    const { connection, secrets } = setup({ token: 'tok' });
    const results = await Promise.all([connection.resolve(), connection.resolve(), connection.resolve()]);
    assert.deepEqual(results, ['ready', 'ready', 'ready']);
    assert.equal(secrets.reads.length, 1);
  });
});
