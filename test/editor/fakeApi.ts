// How the runners hand the fake RealtimeKit API (test/fake-api/server.ts) to the editor and the
// tests: user settings for the extension, environment variables for test code.
import { startFakeApi, type FakeApi } from '../fake-api/server';

export { startFakeApi, type FakeApi };

/** Environment the tests read (integration tests inside the extension host, e2e in the runner). */
export function fakeApiEnv(api: FakeApi): Record<string, string> {
  return {
    RTK_TEST_API_BASE_URL: api.baseUrl,
    RTK_TEST_API_ORIGIN: api.origin,
    RTK_TEST_TOKEN: api.token,
    RTK_TEST_ACCOUNT_ID: api.accountId,
    // Only when the runner started the fake with its ingest: where a test's encoder publishes.
    ...(api.ingest ? { RTK_TEST_RTMP_BASE: api.ingest.rtmpBase } : {}),
  };
}

/** User settings that point the extension at the fake API. */
export function apiSettings(api: FakeApi): Record<string, unknown> {
  return { 'realtimekit.apiBaseUrl': api.baseUrl };
}
