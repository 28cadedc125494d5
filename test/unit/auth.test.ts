import assert from 'node:assert/strict';
import {
  chooseAccount,
  cleanToken,
  envCredentials,
  shortId,
  validateAccountIdInput,
  validateTokenInput,
} from '../../src/connection/validate';
import { isInsecureBaseUrl, readSettings, type ConfigSource } from '../../src/shared/config';
import { redactingLogger, type Logger } from '../../src/shared/log';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);

function source(values: Record<string, unknown>): ConfigSource {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('auth: validation', () => {
  it('trims the token and rejects empty ones or ones with spaces', () => {
    assert.equal(cleanToken('  tok_123\n'), 'tok_123');
    assert.equal(validateTokenInput('  tok_123\n'), undefined);
    assert.equal(validateTokenInput(''), 'Paste an API token.');
    assert.equal(validateTokenInput('   '), 'Paste an API token.');
    assert.match(validateTokenInput('tok 123') ?? '', /no spaces/);
    assert.match(validateTokenInput('tok\t123') ?? '', /no spaces/);
    assert.match(validateTokenInput('Bearer tok_123') ?? '', /without the "Bearer " prefix/);
  });

  it('refuses a character that cannot travel in an HTTP header, by position, without echoing the token', () => {
    assert.equal(
      validateTokenInput('  secret€token  '),
      'The token has a non-ASCII character at position 7: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.',
    );
    assert.match(validateTokenInput('“secret”') ?? '', /a typographic quote at position 1/);
    assert.match(validateTokenInput('sec\u0000ret') ?? '', /a NUL character at position 4/);
    assert.match(validateTokenInput('sec\u0007ret') ?? '', /a control character at position 4/);
    for (const bad of ['secret€token', '“secret”', 'sec\u0000ret']) {
      assert.ok(!(validateTokenInput(bad) ?? '').includes('secret'), 'the message never shows the token');
    }
  });

  it('accepts a 32-hex account id, with a message that says what is wrong otherwise', () => {
    assert.equal(validateAccountIdInput(A), undefined);
    assert.equal(validateAccountIdInput(` ${A.toUpperCase()} `), undefined);
    assert.match(validateAccountIdInput('') ?? '', /32 hexadecimal/);
    assert.equal(validateAccountIdInput('abc'), 'An account ID is 32 hexadecimal characters; this is 3 characters.');
    assert.equal(validateAccountIdInput('g'.repeat(32)), 'An account ID is 32 hexadecimal characters; this is 32 characters with other characters.');
  });

  it('offers only usable environment credentials', () => {
    assert.deepEqual(envCredentials({}), {});
    assert.deepEqual(envCredentials({ CLOUDFLARE_API_TOKEN: ' tok_1 \n', CLOUDFLARE_ACCOUNT_ID: A.toUpperCase() }), { token: 'tok_1', accountId: A });
    assert.deepEqual(envCredentials({ CLOUDFLARE_API_TOKEN: 'two words', CLOUDFLARE_ACCOUNT_ID: 'nope' }), {});
    assert.deepEqual(envCredentials({ CLOUDFLARE_API_TOKEN: '' }), {});
  });

  describe('chooseAccount', () => {
    const acme = { id: A, name: 'Acme' };
    const beta = { id: B, name: 'Beta' };

    it('one account: chosen without asking', () => {
      assert.deepEqual(chooseAccount([acme], ''), { kind: 'use', account: acme });
      assert.deepEqual(chooseAccount([acme], C), { kind: 'use', account: acme });
      assert.deepEqual(chooseAccount([acme], '', undefined, true), { kind: 'use', account: acme });
    });

    it('several: a pick sorted by name, unless the configured or preferred one is among them', () => {
      assert.deepEqual(chooseAccount([beta, acme], ''), { kind: 'pick', accounts: [acme, beta] });
      assert.deepEqual(chooseAccount([beta, acme], B), { kind: 'keep', accountId: B });
      assert.deepEqual(chooseAccount([beta, acme], '', A), { kind: 'use', account: acme });
      assert.deepEqual(chooseAccount([beta, acme], C), { kind: 'pick', accounts: [acme, beta] });
      // Select Account always lets the user choose.
      assert.deepEqual(chooseAccount([beta, acme], B, undefined, true), { kind: 'pick', accounts: [acme, beta] });
    });

    it('none listable (empty or forbidden): ask, or keep what is configured', () => {
      assert.deepEqual(chooseAccount([], ''), { kind: 'ask' });
      assert.deepEqual(chooseAccount(undefined, ''), { kind: 'ask' });
      assert.deepEqual(chooseAccount(undefined, A), { kind: 'keep', accountId: A });
      assert.deepEqual(chooseAccount([], A, undefined, true), { kind: 'ask' });
    });
  });

  it('shortId', () => {
    assert.equal(shortId('0123456789abcdef0123456789abcdef'), '0123…cdef');
    assert.equal(shortId('short'), 'short');
  });
});

describe('config', () => {
  it('plain http is insecure unless it goes to this machine', () => {
    for (const url of ['http://api.example.com/client/v4', 'http://10.0.0.5:8080', 'http://192.168.1.2/']) assert.equal(isInsecureBaseUrl(url), true, url);
    for (const url of ['https://api.cloudflare.com/client/v4', 'http://127.0.0.1:8787/client/v4', 'http://localhost:3000', 'http://[::1]:80/', 'http://dev.localhost/', 'not a url']) {
      assert.equal(isInsecureBaseUrl(url), false, url);
    }
  });

  it('reads defaults', () => {
    assert.deepEqual(readSettings(source({})), {
      apiBaseUrl: 'https://api.cloudflare.com/client/v4',
      accountId: '',
      autoRefreshSeconds: 15,
      pageSize: 25,
      includeMeetingLivestreams: true,
      watchSeconds: 5,
      watchMinutes: 15,
      notifications: 'all',
      obsWebSocketUrl: 'ws://127.0.0.1:4455',
    });
  });

  it('bounds the watch interval (at least 2 s: it polls while nothing is visible) and knows the notification levels', () => {
    assert.equal(readSettings(source({ watchSeconds: 1 })).watchSeconds, 2);
    assert.equal(readSettings(source({ watchSeconds: 9.6 })).watchSeconds, 10);
    assert.equal(readSettings(source({ watchMinutes: 0 })).watchMinutes, 1);
    assert.equal(readSettings(source({ notifications: 'errors' })).notifications, 'errors');
    assert.equal(readSettings(source({ notifications: 'loud' })).notifications, 'all');
  });

  it('normalises and bounds what users type', () => {
    const s = readSettings(
      source({ apiBaseUrl: ' http://127.0.0.1:8787/client/v4/ ', accountId: ` ${A.toUpperCase()} `, autoRefreshSeconds: 2, pageSize: 500, includeMeetingLivestreams: false }),
    );
    assert.deepEqual(s, { apiBaseUrl: 'http://127.0.0.1:8787/client/v4', accountId: A, autoRefreshSeconds: 5, pageSize: 100, includeMeetingLivestreams: false, watchSeconds: 5, watchMinutes: 15, notifications: 'all', obsWebSocketUrl: 'ws://127.0.0.1:4455' });
    assert.equal(readSettings(source({ autoRefreshSeconds: 0 })).autoRefreshSeconds, 0);
    assert.equal(readSettings(source({ autoRefreshSeconds: -3 })).autoRefreshSeconds, 0);
    assert.equal(readSettings(source({ autoRefreshSeconds: 99999 })).autoRefreshSeconds, 3600);
    assert.equal(readSettings(source({ pageSize: 0 })).pageSize, 1);
    assert.equal(readSettings(source({ pageSize: 'ten' })).pageSize, 25);
    assert.equal(readSettings(source({ accountId: 'not-an-id' })).accountId, '');
    assert.equal(readSettings(source({ apiBaseUrl: 'ftp://x' })).apiBaseUrl, 'https://api.cloudflare.com/client/v4');
  });
});

describe('redacting logger', () => {
  it('removes the token and known stream keys from every level, whatever the caller did', () => {
    const lines: string[] = [];
    const sink: Logger = {
      trace: (m) => lines.push(`trace ${m}`),
      debug: (m) => lines.push(`debug ${m}`),
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
    };
    const secrets = ['tok_secret_value_123', 'streamkey0123456789'];
    const logger = redactingLogger(sink, () => [...secrets, null, undefined]);
    logger.info('GET /accounts with tok_secret_value_123 → 200');
    logger.error('echoed streamkey0123456789 in a message');
    logger.warn('Authorization: Bearer abcdefabcdefabcdefabcdef');
    logger.debug(`encoded ${encodeURIComponent('tok_secret_value_123')}`);
    logger.trace('nothing secret');
    assert.deepEqual(lines, [
      'info GET /accounts with [redacted] → 200',
      'error echoed [redacted] in a message',
      'warn Authorization: [redacted]',
      'debug encoded [redacted]',
      'trace nothing secret',
    ]);
    // The list is read at each call: a key loaded later is redacted too.
    secrets.push('laterkey98765');
    logger.info('laterkey98765');
    assert.equal(lines[lines.length - 1], 'info [redacted]');
  });
});
