import assert from 'node:assert/strict';
import { apiErrorMessage, fixFor, readAnswer, shortReason, type Reading } from '../../src/api/failures';
import { isTransientNetworkError, networkCode, networkReason } from '../../src/api/socketErrors';
import { unsafeTokenCharacter, unsafeTokenMessage } from '../../src/api/token';

const target = { host: 'api.example.test', label: 'GET /accounts/acc1/realtime/kit/apps?page_no=1' };

function answer(status: number, body: unknown, contentType = 'application/json'): Reading {
  return readAnswer({ status, statusText: '', contentType, retryAfterSeconds: undefined, text: typeof body === 'string' ? body : JSON.stringify(body) }, target);
}

function failureOf(reading: Reading): { kind: string; message: string } {
  assert.equal(reading.ok, false, 'expected a failure');
  return (reading as Extract<Reading, { ok: false }>).failure;
}

describe('failures', () => {
  describe('error bodies', () => {
    it('reads all three error shapes', () => {
      assert.equal(apiErrorMessage({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }), 'Authentication error (code 10000)');
      assert.equal(apiErrorMessage({ success: false, error: { code: 400, message: 'BAD_REQUEST: name is required' } }), 'BAD_REQUEST: name is required');
      assert.equal(apiErrorMessage({ message: 'Unauthorized' }), 'Unauthorized');
      assert.equal(apiErrorMessage({ success: false, errors: [] }), undefined);
      assert.equal(apiErrorMessage('<html>'), undefined);
    });
  });

  describe('answers', () => {
    it('a success answer is its JSON object', () => {
      assert.deepEqual(answer(200, { success: true, data: [] }), { ok: true, body: { success: true, data: [] } });
    });

    it('success:false under 200 is classified by the HTTP status its body names', () => {
      const f = failureOf(answer(200, { success: false, error: { code: 404, message: 'no such app' } }));
      assert.equal(f.kind, 'notFound');
      assert.match(f.message, /no such app/);
    });

    it('success:false under 200 with a Cloudflare authentication code is auth', () => {
      for (const code of [10000, 9109, 1000]) {
        const f = failureOf(answer(200, { success: false, errors: [{ code, message: 'Authentication error' }] }));
        assert.equal(f.kind, 'auth', `code ${code}`);
        assert.match(f.message, /The API token was rejected/);
      }
    });

    it('success:false under 200 with another code is badResponse with the API text', () => {
      const f = failureOf(answer(200, { success: false, errors: [{ code: 1234, message: 'Something odd' }] }));
      assert.equal(f.kind, 'badResponse');
      assert.equal(f.message, 'The API reported a failure: Something odd (code 1234)');
    });

    it('HTML, empty, malformed and non-object bodies under 200 are badResponse', () => {
      assert.match(failureOf(answer(200, '<html>portal</html>', 'text/html')).message, /HTML instead of JSON/);
      assert.match(failureOf(answer(200, '')).message, /empty body/);
      assert.match(failureOf(answer(200, '{"a":')).message, /malformed JSON/);
      assert.match(failureOf(answer(200, '[1,2]')).message, /not an object/);
    });
  });

  describe('socket errors', () => {
    it('finds the code inside fetch errors and words it', () => {
      const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      assert.equal(networkReason(refused), 'connection refused');
      const both = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })]) });
      assert.equal(networkCode(both), 'ENOTFOUND');
      assert.equal(networkReason(both), 'host not found');
      assert.equal(networkReason(new TypeError('fetch failed', { cause: new Error('odd') })), 'odd');
    });

    it('retries only what a retry can fix', () => {
      const withCode = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', 'UND_ERR_SOCKET']) assert.equal(isTransientNetworkError(withCode(code)), true, code);
      for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_INVALID_CHAR']) {
        assert.equal(isTransientNetworkError(withCode(code)), false, code);
      }
      assert.equal(isTransientNetworkError(new TypeError('fetch failed', { cause: new Error('redirect count exceeded') })), false);
    });
  });

  describe('presentation', () => {
    it('a short reason for one-line labels, and the fix for auth', () => {
      assert.equal(shortReason({ kind: 'server', status: 503, retryAfterSeconds: undefined }), 'server error (503)');
      assert.equal(shortReason({ kind: 'rateLimited', status: 429, retryAfterSeconds: 30 }), 'rate limited (429), retry in 30 s');
      assert.equal(shortReason({ kind: 'timeout', status: undefined, retryAfterSeconds: undefined }), 'the API did not answer in time');
      assert.equal(fixFor({ kind: 'auth' }), 'setApiToken');
      assert.equal(fixFor({ kind: 'server' }), undefined);
    });
  });

  describe('tokens', () => {
    it('accepts a plain token and points at the first character a header cannot carry', () => {
      assert.equal(unsafeTokenCharacter('Abc_123-xyz.~'), undefined);
      assert.deepEqual(unsafeTokenCharacter('abc€def'), { position: 4, what: 'a non-ASCII character' });
      assert.deepEqual(unsafeTokenCharacter('“abc”'), { position: 1, what: 'a typographic quote' });
      assert.deepEqual(unsafeTokenCharacter('ab\u0000c'), { position: 3, what: 'a NUL character' });
      assert.deepEqual(unsafeTokenCharacter('ab\tc'), { position: 3, what: 'a control character' });
      assert.deepEqual(unsafeTokenCharacter('ab\u00a0c'), { position: 3, what: 'an invisible space' });
    });

    it('says where the character is without echoing the token', () => {
      const message = unsafeTokenMessage({ position: 12, what: 'a typographic quote' });
      assert.equal(message, 'The token has a typographic quote at position 12: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.');
    });
  });
});
