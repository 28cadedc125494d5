// Sign Out stops every request of the account, in the real extension host against the fake API:
// loads in flight are aborted (the fake records the closed connection) and none of their retries
// reaches the server once Sign Out has resolved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RealtimeKitExtensionApi } from '../../src/extension';
import { SEED_IDS } from '../fake-api/seed';
import { clearFaults, connect, control, disconnect, extensionApi, requests, requireFakeApi, resetFakeApi, setFault, waitFor } from './sidebarSupport';

describe('cancellation', function () {
  let api: RealtimeKitExtensionApi;

  before(async () => {
    requireFakeApi();
    api = await extensionApi();
    await resetFakeApi();
  });

  afterEach(async () => {
    await clearFaults();
  });

  after(async () => {
    if (api) await disconnect(api);
  });

  it('after Sign Out resolves, no request reaches the API: loads in flight are aborted, their retries never sent', async () => {
    await connect(api);
    const store = api.getStore()!;
    await control('DELETE', 'requests');
    // Reads that fail and would be retried a second later, and reads that hang: both kinds must stop.
    await setFault('livestreams', { status: 503, retryAfter: 1 });
    await setFault('livestream', { hang: true });
    void store.loadLivestreams(SEED_IDS.productionApp);
    void store.loadLivestreams(SEED_IDS.stagingApp);
    void store.loadDetails(SEED_IDS.productionApp, SEED_IDS.liveStream, { pageNo: 1, perPage: 10 });
    await waitFor('loads in flight and failing', async () => {
      const seen = await requests();
      return seen.filter((r) => r.route === 'livestreams' && r.status === 503).length >= 2 && seen.some((r) => r.route === 'livestream');
    });

    await vscode.commands.executeCommand('realtimekit.signOut');
    const signedOut = Date.now();
    assert.equal(api.connection.state, 'signedOut');

    await waitFor('the hanging request to be aborted', async () => (await requests()).find((r) => r.route === 'livestream')?.aborted);
    // The 503s asked for a retry after 1 s: wait past it (the only way to see that nothing comes).
    await new Promise((r) => setTimeout(r, 1600));
    const late = (await requests()).filter((r) => r.time >= signedOut);
    assert.deepEqual(late.map((r) => `${r.method} ${r.path}`), [], 'requests that reached the API after Sign Out');
  });
});
