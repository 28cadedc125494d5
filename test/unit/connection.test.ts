import assert from 'node:assert/strict';
import { Connection, type ConnectionState } from '../../src/connection/connection';
import { SecretStorageError, TOKEN_SECRET_KEY, TokenStore } from '../../src/connection/tokenStore';
import type { RealtimeKitApi } from '../../src/api/api';
import { readSettings, type Settings } from '../../src/shared/config';
import type { LivestreamStore } from '../../src/store/store';
import { FAKE_SECOND_ACCOUNT_ID, FAKE_TOKENS, SEED_APP_NAMES, SEED_IDS, startFakeApi, type FakeApi } from '../fake-api/server';
import { MemorySecrets } from './memorySecrets';
import { clientOn, requestsTo, until } from './onFakeApi';

/** Settings for a Connection; the API base URL is never reached unless a test sets a real one. */
function settings(over: Partial<Settings> = {}): Settings {
  // Every other setting at its default (what readSettings gives for an empty configuration).
  return { ...readSettings({ get: () => undefined }), apiBaseUrl: 'http://127.0.0.1:1/client/v4', accountId: 'a'.repeat(32), ...over };
}

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
    await until('two changes', () => seen.length >= 2);
    assert.deepEqual(seen, ['tok_2', undefined]);
  });

  it('follows changes made by another window', async () => {
    const secrets = new MemorySecrets();
    const tokens = new TokenStore(secrets);
    assert.equal(await tokens.get(), undefined);
    const seen: Array<string | undefined> = [];
    tokens.onDidChange((t) => seen.push(t));
    secrets.external(TOKEN_SECRET_KEY, 'from-other-window');
    await until('the change from the other window', () => seen.length === 1);
    assert.equal(tokens.peek(), 'from-other-window');
    secrets.external('some.other.key', 'x');
    secrets.external(TOKEN_SECRET_KEY, undefined);
    await until('the deletion from the other window', () => seen.length === 2);
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
    await until('the failed read to be reported', () => reported.length === 2);
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

describe('auth: Connection (against the fake API)', () => {
  let api: FakeApi;
  /** A second API server: a base URL change must reach it, and only it. */
  let other: FakeApi;
  before(async () => {
    [api, other] = await Promise.all([startFakeApi(), startFakeApi()]);
  });
  after(() => Promise.all([api.close(), other.close()]));
  beforeEach(() => {
    api.reset();
    other.reset();
  });
  const connections: Connection[] = [];
  afterEach(() => {
    for (const c of connections.splice(0)) c.dispose();
  });

  function setup(initial: { token?: string; settings?: Partial<Settings> } = {}) {
    const secrets = new MemorySecrets();
    if (initial.token) secrets.values.set(TOKEN_SECRET_KEY, initial.token);
    const tokens = new TokenStore(secrets);
    let current = settings({ apiBaseUrl: api.baseUrl, accountId: api.accountId, ...initial.settings });
    /** Base URLs of the clients the connection built. */
    const clients: string[] = [];
    const connection = new Connection({
      tokens,
      settings: () => current,
      createApi: (baseUrl, getToken): RealtimeKitApi => {
        clients.push(baseUrl);
        return clientOn(api, { baseUrl, getToken });
      },
    });
    connections.push(connection);
    const states: Array<ConnectionState | undefined> = [];
    connection.onDidChange(() => states.push(connection.state));
    return {
      secrets,
      tokens,
      connection,
      clients,
      states,
      setSettings: (over: Partial<Settings>) => {
        current = { ...current, ...over };
      },
    };
  }

  it('is signedOut without a token, and creates no client', async () => {
    const { connection, clients } = setup();
    assert.equal(connection.state, undefined);
    assert.equal(await connection.resolve(), 'signedOut');
    assert.equal(connection.store, undefined);
    assert.deepEqual(clients, []);
  });

  it('needs an account when the setting is empty', async () => {
    const { connection } = setup({ token: api.token, settings: { accountId: '' } });
    assert.equal(await connection.resolve(), 'needsAccount');
    assert.equal(connection.store, undefined);
  });

  it('is ready with token and account: one store whose client reads the stored token', async () => {
    const { connection } = setup({ token: FAKE_TOKENS.readOnly });
    assert.equal(await connection.resolve(), 'ready');
    const store = connection.store;
    assert.ok(store);
    assert.equal(store.accountId, api.accountId);
    await store.loadApps();
    assert.deepEqual(
      api.requests.map((r) => [r.route, r.auth]),
      [['apps', 'readOnly']],
      'the request carried the stored token (the fake names it, never shows it)',
    );
    assert.equal(await connection.resolve(), 'ready');
    assert.equal(connection.store, store, 'resolving again keeps the store');
  });

  it('follows the token: set in another window -> ready; deleted -> signedOut', async () => {
    const { connection, secrets, states } = setup();
    await connection.resolve();
    secrets.external(TOKEN_SECRET_KEY, api.token);
    await until('ready', () => connection.state === 'ready');
    secrets.external(TOKEN_SECRET_KEY, undefined);
    await until('signed out', () => connection.state === 'signedOut');
    assert.deepEqual(states, ['signedOut', 'ready', 'signedOut']);
  });

  it('a 401 from any list turns the state to authFailed; a new token clears it', async () => {
    const { connection, tokens } = setup({ token: FAKE_TOKENS.expired });
    await connection.resolve();
    const store = connection.store;
    assert.ok(store);
    await store.loadApps();
    assert.deepEqual(
      api.requests.map((r) => [r.route, r.status]),
      [['apps', 401]],
    );
    await until('authFailed', () => connection.state === 'authFailed');
    assert.equal(connection.store, undefined, 'no data is shown while the token is rejected');
    await tokens.set(api.token);
    await until('ready', () => connection.state === 'ready');
    const fresh = connection.store as LivestreamStore | undefined;
    assert.equal(fresh?.getApps().value, undefined, 'the new token starts with a clean cache');
  });

  it('a 401 from a panel details load counts too (the token was rolled while only a panel was open)', async () => {
    const { connection } = setup({ token: FAKE_TOKENS.expired });
    await connection.resolve();
    await connection.store?.loadDetails(SEED_IDS.productionApp, SEED_IDS.liveStream, { pageNo: 1, perPage: 10 });
    assert.deepEqual(
      api.requests.map((r) => [r.route, r.status]),
      [['livestream', 401]],
    );
    await until('authFailed', () => connection.state === 'authFailed');
  });

  it('clearAuthFailure retries with the same token', async () => {
    const { connection } = setup({ token: api.token });
    await connection.resolve();
    api.setFault('apps', { status: 401, times: 1 });
    await connection.store?.loadApps();
    await until('authFailed', () => connection.state === 'authFailed');
    assert.equal(await connection.clearAuthFailure(), 'ready');
    await connection.store?.loadApps();
    assert.equal(connection.store?.getApps().value?.length, 4, 'the same token works again');
    assert.deepEqual(
      api.requests.map((r) => [r.route, r.status, r.auth]),
      [
        ['apps', 401, 'admin'],
        ['apps', 200, 'admin'],
      ],
    );
  });

  it('a permission error (403) is not an auth failure: it stays an error value', async () => {
    const { connection } = setup({ token: FAKE_TOKENS.noRealtime });
    await connection.resolve();
    await connection.store?.loadApps();
    assert.deepEqual(
      api.requests.map((r) => [r.route, r.status]),
      [['apps', 403]],
    );
    assert.equal(connection.state as ConnectionState, 'ready');
    assert.equal(connection.store?.getApps().error?.kind, 'permission');
  });

  it('a new account or base URL gets a new store; a new page size resets the same one', async () => {
    const { connection, setSettings, clients } = setup({ token: api.token });
    await connection.resolve();
    const first = connection.store;
    assert.ok(first);
    setSettings({ accountId: FAKE_SECOND_ACCOUNT_ID });
    await connection.settingsChanged();
    const second = connection.store;
    assert.notEqual(second, first);
    assert.equal(second?.accountId, FAKE_SECOND_ACCOUNT_ID);
    assert.deepEqual(clients, [api.baseUrl], 'same base URL, same client');

    setSettings({ apiBaseUrl: other.baseUrl });
    await connection.settingsChanged();
    assert.notEqual(connection.store, second);
    assert.deepEqual(clients, [api.baseUrl, other.baseUrl], 'a new base URL gets a new client');

    const third = connection.store;
    await third?.loadApps();
    assert.deepEqual(
      third?.getApps().value?.map((a) => a.name),
      [SEED_APP_NAMES.secondAccountApp],
    );
    assert.deepEqual(
      [api.requests.length, requestsTo(other, 'apps').length],
      [0, 1],
      'only the new base URL was asked',
    );
    setSettings({ pageSize: 7 });
    await connection.settingsChanged();
    assert.equal(connection.store, third);
    assert.equal(third?.pageSize, 7);
    assert.ok(third?.getApps().value, 'a page size changes the lists only: the apps stay');
    assert.equal(requestsTo(other, 'apps').length, 1, 'and they were not asked for again');
  });

  it('concurrent resolves share one run', async () => {
    const { connection, secrets } = setup({ token: api.token });
    const results = await Promise.all([connection.resolve(), connection.resolve(), connection.resolve()]);
    assert.deepEqual(results, ['ready', 'ready', 'ready']);
    assert.equal(secrets.reads.length, 1);
  });
});
