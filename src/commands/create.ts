// Create Livestream...: the app (from the node, or a quick pick), a name, a POST; then the app's
// list reloads and the new node is revealed. A POST that timed out may still have created the
// livestream: the list is read again and what appeared is shown, instead of inviting a duplicate.
import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import type { App, Livestream } from '../api/types';
import { Commands } from '../shared/commandIds';
import { createdSince, type LivestreamStore } from '../store/store';
import { confirm, registerCommand, reportError, type CommandContext } from './commandContext';
import { validateLivestreamName } from './inputs';
import { resolveApp, revealLivestream } from './livestreamTarget';


export function registerCreateCommands(ctx: CommandContext): vscode.Disposable[] {
  return [registerCommand(ctx, Commands.createLivestream, (arg) => createLivestream(ctx, arg))];
}

async function createLivestream(ctx: CommandContext, arg: unknown): Promise<void> {
  const title = 'RealtimeKit: Create Livestream';
  const app = await resolveApp(ctx, arg, title);
  const store = ctx.connection.store;
  if (!app || !store) {
    return;
  }
  const input = await vscode.window.showInputBox({
    title,
    prompt: `Name of the new livestream in “${app.name}”`,
    placeHolder: 'e.g. Friday Town Hall',
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
      { location: vscode.ProgressLocation.Notification, title: `Creating livestream “${name}”…` },
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
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking whether “${name}” was created…` }, () =>
    store.loadLivestreams(app.id, { fresh: true }),
  );
  const found = createdSince(store.getLivestreams(app.id).value?.items ?? [], name, started);
  if (found) {
    ctx.logger.info(`Livestream ${found.id} (“${name}”) was created although the API did not answer in time.`);
    void vscode.window.showInformationMessage(`The API did not answer in time, but livestream “${found.name}” was created in “${app.name}”.`);
    await showCreated(ctx, store, app, found);
    ctx.watcher.watch({ accountId: store.accountId, appId: app.id, livestreamId: found.id }, found.name);
    return;
  }
  const refresh = 'Refresh';
  const choice = await vscode.window.showWarningMessage(
    `The API did not answer in time: livestream “${name}” may have been created anyway. It is not in “${app.name}” yet; refresh in a moment before creating it again.`,
    refresh,
  );
  if (choice === refresh) {
    await store.loadLivestreams(app.id, { filter: ctx.filter.current, fresh: true });
  }
}

async function showCreated(ctx: CommandContext, store: LivestreamStore, app: App, created: Livestream): Promise<void> {
  const ref = { accountId: store.accountId, appId: app.id, livestreamId: created.id };
  if (await revealLivestream(ctx, ref, { focus: true })) {
    confirm(`Created livestream “${created.name}” in “${app.name}”`);
    return;
  }
  const filter = ctx.filter.current;
  void vscode.window.showInformationMessage(
    filter ? `Created livestream “${created.name}”. It is ${created.status}, so the ${filter} filter hides it.` : `Created livestream “${created.name}” in “${app.name}”.`,
  );
}
