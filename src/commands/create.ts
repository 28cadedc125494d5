// Create Livestream...: the app (from the node, or a quick pick), a name, a POST; then the app's
// list reloads and the new node is revealed.
import * as vscode from 'vscode';
import { confirm, registerCommand, reportError, type CommandContext } from './commandContext';
import { Commands } from '../shared/commandIds';
import { resolveApp, revealLivestream } from './livestreamTarget';

export const MAX_NAME_LENGTH = 200;

export function validateLivestreamName(value: string): string | undefined {
  const name = value.trim();
  if (name === '') {
    return 'Give the livestream a name.';
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `At most ${MAX_NAME_LENGTH} characters (this is ${name.length}).`;
  }
  return undefined;
}

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
  let created;
  try {
    created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Creating livestream “${name}”…` },
      () => store.createLivestream(app.id, name, ctx.filter.current),
    );
  } catch (err) {
    reportError(ctx, `Couldn't create livestream “${name}”`, err);
    return;
  }
  ctx.logger.info(`Created livestream ${created.id} in app ${app.id}.`);
  const ref = { accountId: store.accountId, appId: app.id, livestreamId: created.id };
  if (await revealLivestream(ctx, ref, { focus: true })) {
    confirm(`Created livestream “${created.name}” in “${app.name}”`);
  } else {
    const filter = ctx.filter.current;
    void vscode.window.showInformationMessage(
      filter
        ? `Created livestream “${created.name}”. It is ${created.status}, so the ${filter} filter hides it.`
        : `Created livestream “${created.name}” in “${app.name}”.`,
    );
  }
}
