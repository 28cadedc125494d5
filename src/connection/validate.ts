// Pure checks and choices of the connect flow: what a pasted token must look like, which account
// to use, and what the environment offers. No `vscode`, no I/O.
import * as l10n from '@vscode/l10n';
import { unsafeTokenCharacter, unsafeTokenMessage } from '../api/token';
import type { Account } from '../api/types';
import { isAccountId } from '../shared/config';

/** Wrangler's convention; the extension offers these when nothing is stored yet. */
export const ENV_TOKEN = 'CLOUDFLARE_API_TOKEN';
export const ENV_ACCOUNT_ID = 'CLOUDFLARE_ACCOUNT_ID';

/** People paste tokens with a trailing newline or space: trimmed, nothing else changes. */
export function cleanToken(input: string): string {
  return input.trim();
}

/** An input-box validation message, or undefined when the (cleaned) token is acceptable. */
export function validateTokenInput(input: string): string | undefined {
  const token = cleanToken(input);
  if (token === '') {
    return l10n.t('Paste an API token.');
  }
  if (/^Bearer\s/i.test(token)) {
    return l10n.t('Paste the token alone, without the "Bearer " prefix.');
  }
  if (/\s/.test(token)) {
    return l10n.t('An API token has no spaces or line breaks: copy it again from the Cloudflare dashboard.');
  }
  const unsafe = unsafeTokenCharacter(token);
  return unsafe ? unsafeTokenMessage(unsafe) : undefined;
}

export function validateAccountIdInput(input: string): string | undefined {
  const id = input.trim();
  if (id === '') {
    return l10n.t('Enter the account ID (32 hexadecimal characters, shown in the dashboard URL).');
  }
  if (!isAccountId(id)) {
    const others = /[^0-9a-f]/i.test(id);
    if (id.length === 1) {
      return others ? l10n.t('An account ID is 32 hexadecimal characters; this is 1 character with other characters.') : l10n.t('An account ID is 32 hexadecimal characters; this is 1 character.');
    }
    return others
      ? l10n.t({ message: 'An account ID is 32 hexadecimal characters; this is {0} characters with other characters.', args: [id.length], comment: ['{0} is the number of characters typed'] })
      : l10n.t({ message: 'An account ID is 32 hexadecimal characters; this is {0} characters.', args: [id.length], comment: ['{0} is the number of characters typed'] });
  }
  return undefined;
}

export interface EnvCredentials {
  readonly token?: string;
  readonly accountId?: string;
}

/** What the environment holds that is usable: a token that passes validation, a well-formed account id. */
export function envCredentials(env: Readonly<Record<string, string | undefined>>): EnvCredentials {
  const rawToken = env[ENV_TOKEN];
  const rawAccount = env[ENV_ACCOUNT_ID]?.trim();
  const token = rawToken !== undefined && validateTokenInput(rawToken) === undefined ? cleanToken(rawToken) : undefined;
  const accountId = rawAccount && isAccountId(rawAccount) ? rawAccount.toLowerCase() : undefined;
  return { ...(token ? { token } : {}), ...(accountId ? { accountId } : {}) };
}

/**
 * How to settle the account once the token is known:
 * - `keep`: the configured account is one the token can reach (or the token cannot list accounts);
 * - `use`: exactly one candidate, no need to ask;
 * - `pick`: several, ask with a quick pick;
 * - `ask`: none listable, ask for the id.
 */
export type AccountChoice =
  | { readonly kind: 'keep'; readonly accountId: string }
  | { readonly kind: 'use'; readonly account: Account }
  | { readonly kind: 'pick'; readonly accounts: readonly Account[] }
  | { readonly kind: 'ask' };

/**
 * @param accounts what GET /accounts returned, or undefined when it failed (403 for narrow tokens)
 * @param configured the account id in settings ('' when none)
 * @param preferred an id to take without asking when the token reaches it (the environment's)
 * @param forcePick the user asked to choose (Select Account), so several accounts always mean a pick
 */
export function chooseAccount(
  accounts: readonly Account[] | undefined,
  configured: string,
  preferred?: string,
  forcePick = false,
): AccountChoice {
  const list = accounts ?? [];
  if (list.length === 0) {
    if (!forcePick && configured) {
      return { kind: 'keep', accountId: configured };
    }
    return { kind: 'ask' };
  }
  if (list.length === 1) {
    return { kind: 'use', account: list[0] };
  }
  if (!forcePick) {
    const known = list.find((a) => a.id === preferred) ?? list.find((a) => a.id === configured);
    if (known) {
      return known.id === configured ? { kind: 'keep', accountId: configured } : { kind: 'use', account: known };
    }
  }
  return { kind: 'pick', accounts: sortAccounts(list) };
}

export function sortAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** "abcd…7890": enough to recognise an id in a prompt. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}
