// Set API Token, Select Account, Sign Out: the connect flow. The token is verified before it is
// stored, and stored only in SecretStorage; the account goes to the `realtimekit.accountId` setting.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { RealtimeKitApi } from '../api/api';
import { isApiError } from '../api/errors';
import type { Account, TokenInfo } from '../api/types';
import { chooseAccount, cleanToken, envCredentials, validateAccountIdInput, validateTokenInput } from '../connection/validate';
import { CONFIG_SECTION, SettingKeys } from '../shared/config';
import { confirm, registerCommand, reportError, type CommandContext } from './commandContext';
import { Commands } from '../shared/commandIds';
import { accountPickItems, tokenSourceItems } from './quickPickItems';
import { toQuickPickItems } from './livestreamTarget';

export const TOKEN_DOCS_URL = 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/';

export function registerConnectCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.setApiToken, () => setApiToken(ctx)),
    registerCommand(ctx, Commands.selectAccount, () => selectAccount(ctx)),
    registerCommand(ctx, Commands.signOut, () => signOut(ctx)),
  ];
}

async function setApiToken(ctx: CommandContext): Promise<void> {
  const env = envCredentials(ctx.env);
  const stored = await ctx.tokens.get();
  const configured = ctx.connection.settings.accountId;
  let token: string | undefined;
  let preferredAccount: string | undefined;

  // Wrangler's variables, offered only while nothing is stored.
  if (env.token && !stored) {
    const source = await vscode.window.showQuickPick(toQuickPickItems(tokenSourceItems(env.accountId)), {
      title: l10n.t('RealtimeKit: Set API Token'),
      placeHolder: l10n.t('CLOUDFLARE_API_TOKEN is set in the environment. Use it?'),
      ignoreFocusOut: true,
    });
    if (!source) {
      return;
    }
    if (source.payload === 'environment') {
      preferredAccount = configured ? undefined : env.accountId;
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: l10n.t('Verifying CLOUDFLARE_API_TOKEN…') },
          () => verifyToken(ctx, env.token as string, configured || env.accountId),
        );
        token = env.token;
      } catch (err) {
        reportError(ctx, 'CLOUDFLARE_API_TOKEN was not accepted', new Error(l10n.t({ message: 'CLOUDFLARE_API_TOKEN from the environment: {0}', args: [verificationProblem(err)], comment: ['{0} says why the token was not accepted'] })));
        return;
      }
    }
  }

  token ??= await promptForToken(ctx, configured || env.accountId);
  if (!token) {
    return;
  }
  await ctx.tokens.set(token);
  ctx.logger.info('API token verified and stored in secret storage.');
  await settleAccount(ctx, { preferred: preferredAccount, forcePick: false });
  // The same token may be set again after an auth failure (fixed on the dashboard): start clean.
  const state = await ctx.connection.clearAuthFailure();
  if (state === 'ready') {
    confirm(l10n.t('Connected to RealtimeKit'));
  }
}

/** A password input box that verifies the token against the API before accepting it. */
function promptForToken(ctx: CommandContext, accountHint: string | undefined): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = l10n.t('RealtimeKit: Set API Token');
  box.prompt = l10n.t('Paste a Cloudflare API token with the Realtime (read) or Realtime Admin (read and write) permission.');
  box.placeholder = l10n.t('API token');
  box.password = true;
  box.ignoreFocusOut = true;
  box.buttons = [{ iconPath: new vscode.ThemeIcon('link-external'), tooltip: l10n.t('How to create an API token') }];

  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidTriggerButton(() => void vscode.env.openExternal(vscode.Uri.parse(TOKEN_DOCS_URL)));
    box.onDidChangeValue((value) => {
      // Only complain about what is there; an empty box is not an error until Enter.
      box.validationMessage = value === '' ? undefined : validateTokenInput(value);
    });
    box.onDidAccept(async () => {
      if (box.busy) return;
      const problem = validateTokenInput(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      const token = cleanToken(box.value);
      box.busy = true;
      box.enabled = false;
      box.validationMessage = undefined;
      try {
        await verifyToken(ctx, token, accountHint);
        finish(token);
      } catch (err) {
        box.validationMessage = verificationProblem(err);
        box.busy = false;
        box.enabled = true;
      }
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/**
 * GET /user/tokens/verify, then /accounts/{id}/tokens/verify (the client does both, given an
 * account). An account-owned token fails the first; without a known account, its own
 * /accounts listing names the account to verify against.
 */
async function verifyToken(ctx: CommandContext, token: string, accountHint: string | undefined): Promise<TokenInfo> {
  const api = ctx.connection.apiWithToken(token);
  let info: TokenInfo;
  try {
    info = await api.verifyToken(accountHint || undefined);
  } catch (err) {
    const fallback = !accountHint && isApiError(err) && ['auth', 'permission', 'notFound'].includes(err.kind) ? await firstAccount(api) : undefined;
    if (!fallback) {
      throw err;
    }
    info = await api.verifyToken(fallback.id);
  }
  if (info.status !== 'active') {
    throw new Error(
      l10n.t({
        message: 'Cloudflare says this token is {0}. Create a new one or re-enable it in the dashboard.',
        args: [info.status],
        comment: ['{0} is the token status as Cloudflare sends it, e.g. "disabled" or "expired"'],
      }),
    );
  }
  return info;
}

async function firstAccount(api: RealtimeKitApi): Promise<Account | undefined> {
  try {
    return (await api.listAccounts())[0];
  } catch {
    return undefined;
  }
}

async function selectAccount(ctx: CommandContext): Promise<void> {
  if (!(await ctx.tokens.get())) {
    await vscode.commands.executeCommand(Commands.setApiToken);
    return;
  }
  await settleAccount(ctx, { forcePick: true });
}

/**
 * One account reachable: take it. Several: pick (unless the configured or preferred one is among
 * them and the user did not ask to choose). None listable (narrow token, 403): type the id.
 */
async function settleAccount(ctx: CommandContext, options: { preferred?: string; forcePick: boolean }): Promise<void> {
  const configured = ctx.connection.settings.accountId;
  let accounts: Account[] | undefined;
  try {
    accounts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: l10n.t('RealtimeKit: listing accounts') },
      () => ctx.connection.currentApi().listAccounts(),
    );
  } catch (err) {
    if (isApiError(err) && err.kind === 'auth') {
      throw err;
    }
    ctx.logger.warn(`Couldn't list accounts (${describe(err)}); asking for the account ID.`);
  }
  const choice = chooseAccount(accounts, configured, options.preferred, options.forcePick);
  switch (choice.kind) {
    case 'keep':
      return;
    case 'use':
      await writeAccountId(ctx, choice.account.id, choice.account.name);
      return;
    case 'pick': {
      const picked = await vscode.window.showQuickPick(toQuickPickItems(accountPickItems(choice.accounts, configured)), {
        title: l10n.t('RealtimeKit: Select Account'),
        placeHolder: l10n.t('Which account’s RealtimeKit livestreams should the sidebar show?'),
        matchOnDescription: true,
        ignoreFocusOut: true,
      });
      if (picked?.payload) {
        await writeAccountId(ctx, picked.payload, picked.label);
      }
      return;
    }
    case 'ask': {
      const id = await vscode.window.showInputBox({
        title: l10n.t('RealtimeKit: Select Account'),
        prompt:
          accounts === undefined
            ? l10n.t('This token cannot list accounts. Enter the account ID (32 hexadecimal characters, in the dashboard URL).')
            : l10n.t('No accounts are listed for this token. Enter the account ID (32 hexadecimal characters, in the dashboard URL).'),
        value: configured || options.preferred || '',
        placeHolder: '0123456789abcdef0123456789abcdef',
        ignoreFocusOut: true,
        validateInput: validateAccountIdInput,
      });
      if (id) {
        await writeAccountId(ctx, id.trim().toLowerCase());
      }
      return;
    }
  }
}

/** Writes where the effective value comes from (a workspace setting would shadow a global one). */
async function writeAccountId(ctx: CommandContext, accountId: string, name?: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const inspected = config.inspect<string>(SettingKeys.accountId);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(SettingKeys.accountId, accountId, target);
  ctx.logger.info(`Account set to ${name ? `${name} (${accountId})` : accountId}.`);
  await ctx.connection.settingsChanged();
}

async function signOut(ctx: CommandContext): Promise<void> {
  await ctx.tokens.delete();
  await ctx.connection.resolve();
  ctx.logger.info('Signed out: the API token was deleted from secret storage.');
  confirm(l10n.t('Signed out of RealtimeKit'));
}

/** Why a pasted token was not accepted, in the input box's words (the API's 401 text points at this very box). */
export function verificationProblem(err: unknown): string {
  if (isApiError(err) && err.kind === 'auth') {
    return l10n.t('Cloudflare rejected this token (401): check that it was copied completely and is not expired or revoked.');
  }
  return l10n.t({ message: "Couldn't verify the token: {0}", args: [describe(err)], comment: ['{0} is the error that kept the token from being verified'] });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
