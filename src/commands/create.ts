// Create Livestream...: the app (from the node, or a quick pick), a name, a POST; then the app's
// list reloads and the new node is revealed. A POST that timed out may still have created the
// livestream: the list is read again and what appeared is shown, instead of inviting a duplicate.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import type { App, Livestream } from '../api/types';
import { Commands } from '../shared/commandIds';
import { presentStatus } from '../shared/status';
import { createdSince, type LivestreamStore } from '../store/store';
import { confirm, registerCommand, reportError, type CommandContext } from './commandContext';
import { validateLivestreamName } from './inputs';
import { resolveApp, revealLivestream } from './livestreamTarget';


export function registerCreateCommands(ctx: CommandContext): vscode.Disposable[] {
  return [registerCommand(ctx, Commands.createLivestream, (arg) => createLivestream(ctx, arg))];
}

async function createLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const title = l10n.t('RealtimeKit: Create Livestream');
  const app = await resolveApp(ctx, arg, title);
  const store = ctx.connection.store;
  if (!app || !store) {
    return;
  }
  const input = await vscode.window.showInputBox({
    title,
    prompt: l10n.t({ message: 'Name of the new livestream in “{0}”', args: [app.name], comment: ['{0} is the name of a RealtimeKit app'] }),
    placeHolder: l10n.t({ message: 'e.g. Friday Town Hall', comment: ['An example livestream name'] }),
    ignoreFocusOut: true,
    validateInput: validateLivestreamName,
  });
  if (input === undefined) {
    return;
  }
  const name = input.trim();
  const started = Date.now();
  let created: Livestream;
  try {
    created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Creating livestream “{0}”…', name) },
      () => store.createLivestream(app.id, name, ctx.filter.current),
    );
  } catch (err) {
    if (isApiError(err) && err.kind === 'timeout') {
      await afterTimeout(ctx, store, app, name, started);
      return;
    }
    reportError(ctx, `Couldn't create livestream “${name}”`, err);
    return;
  }
  ctx.logger.info(`Created livestream ${created.id} in app ${app.id}.`);
  await showCreated(ctx, store, app, created);
  ctx.watcher.watch({ accountId: store.accountId, appId: app.id, livestreamId: created.id }, created.name);
}

/** Reads the app's newest livestreams again: the POST may have worked although no answer came. */
async function afterTimeout(ctx: CommandContext, store: LivestreamStore, app: App, name: string, started: number): Promise<void> {
  ctx.logger.warn(`Creating livestream “${name}” in app ${app.id} got no answer in time; checking whether it was created.`);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t({ message: 'Checking whether “{0}” was created…', args: [name], comment: ['{0} is the name of a livestream'] }) }, () =>
    store.loadLivestreams(app.id, { fresh: true }),
  );
  const found = createdSince(store.getLivestreams(app.id).value?.items ?? [], name, started);
  if (found) {
    ctx.logger.info(`Livestream ${found.id} (“${name}”) was created although the API did not answer in time.`);
    void vscode.window.showInformationMessage(
      l10n.t({
        message: 'The API did not answer in time, but livestream “{0}” was created in “{1}”.',
        args: [found.name, app.name],
        comment: ['{0} is the name of a livestream, {1} the name of its app'],
      }),
    );
    await showCreated(ctx, store, app, found);
    ctx.watcher.watch({ accountId: store.accountId, appId: app.id, livestreamId: found.id }, found.name);
    return;
  }
  const refresh = l10n.t('Refresh');
  const choice = await vscode.window.showWarningMessage(
    l10n.t({
      message: 'The API did not answer in time: livestream “{0}” may have been created anyway. It is not in “{1}” yet; refresh in a moment before creating it again.',
      args: [name, app.name],
      comment: ['{0} is the name of a livestream, {1} the name of its app'],
    }),
    refresh,
  );
  if (choice === refresh) {
    await store.loadLivestreams(app.id, { filter: ctx.filter.current, fresh: true });
  }
}

async function showCreated(ctx: CommandContext, store: LivestreamStore, app: App, created: Livestream): Promise<void> {
  const ref = { accountId: store.accountId, appId: app.id, livestreamId: created.id };
  if (await revealLivestream(ctx, ref, { focus: true })) {
    confirm(l10n.t({ message: 'Created livestream “{0}” in “{1}”', args: [created.name, app.name], comment: ['{0} is the name of a livestream, {1} the name of its app'] }));
    return;
  }
  const filter = ctx.filter.current;
  void vscode.window.showInformationMessage(
    filter
      ? l10n.t({
          message: 'Created livestream “{0}”. It is {1}, so the {2} filter hides it.',
          args: [created.name, presentStatus(created.status).label, presentStatus(filter).label],
          comment: ['{0} is the name of a livestream; {1} its status and {2} the status the tree shows, e.g. LIVE or IDLE'],
        })
      : l10n.t({ message: 'Created livestream “{0}” in “{1}”.', args: [created.name, app.name], comment: ['{0} is the name of a livestream, {1} the name of its app'] }),
  );
}
