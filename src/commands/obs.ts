// OBS Studio from the editor: Send to OBS (Custom service with the livestream's server and key,
// read back to confirm), Start and Stop Streaming in OBS, and the WebSocket password (kept in
// SecretStorage, asked for when OBS first wants it).
import * as vscode from 'vscode';
import type { ObsSession } from '../connection/obsSession';
import { isObsError, ObsError } from '../obs/obsTypes';
import { obsTargets } from '../panel/obsView';
import { Commands } from '../shared/commandIds';
import { confirm, registerCommand, type CommandContext } from './commandContext';
import { resolveLivestream, type LivestreamTarget } from './livestreamTarget';

export const OBS_PASSWORD_SECRET = 'realtimekit.obsPassword';
/** The livestream OBS was last set up for: its panel, when visible, shows OBS's health. */
export const OBS_TARGET_KEY = 'realtimekit.obsTargetLivestream';

export interface ObsCommandContext {
  readonly session: ObsSession;
  readonly secrets: vscode.SecretStorage;
  readonly state: vscode.Memento;
}

export function registerObsCommands(ctx: CommandContext, obs: ObsCommandContext): vscode.Disposable[] {
  return [
    registerCommand(ctx, Commands.sendToObs, (arg) => sendToObs(ctx, obs, arg)),
    registerCommand(ctx, Commands.obsStartStreaming, (arg) => startStreaming(ctx, obs, arg)),
    registerCommand(ctx, Commands.obsStopStreaming, (arg) => stopStreaming(ctx, obs, arg)),
    registerCommand(ctx, Commands.setObsPassword, () => setPassword(obs, 'set')),
  ];
}

/** Asks for the OBS WebSocket password and stores it; undefined when the user cancels. */
export async function setPassword(obs: Pick<ObsCommandContext, 'secrets'>, reason: 'set' | 'needed' | 'wrong'): Promise<string | undefined> {
  const password = await vscode.window.showInputBox({
    title: 'RealtimeKit: Set OBS WebSocket Password',
    prompt:
      reason === 'wrong'
        ? 'OBS refused that password. Paste the one from OBS: Tools → WebSocket Server Settings → Show Connect Info.'
        : 'The password from OBS: Tools → WebSocket Server Settings → Show Connect Info. It is kept in VS Code’s secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Paste the password (or press Escape).' : undefined),
  });
  if (password === undefined) return undefined;
  await obs.secrets.store(OBS_PASSWORD_SECRET, password.trim());
  if (reason === 'set') confirm('OBS WebSocket password stored');
  return password.trim();
}

async function sendToObs(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, 'RealtimeKit: Send to OBS');
  const server = target?.livestream.ingestServer;
  const key = target?.livestream.streamKey;
  if (!target || !server || !key) {
    if (target) void vscode.window.showWarningMessage(`Livestream “${target.livestream.name}” has no ingest server or stream key to send to OBS.`);
    return;
  }
  await withObs(ctx, `Sending “${target.livestream.name}” to OBS…`, async () => {
    const client = await obs.session.client();
    const status = await client.streamStatus();
    if (status.active) {
      const stopAndSend = 'Stop Streaming and Send';
      const choice = await vscode.window.showWarningMessage(
        'OBS is streaming now, and cannot change its stream settings while it streams.',
        { modal: true, detail: `Stop OBS's stream, then set it up for “${target.livestream.name}”?` },
        stopAndSend,
      );
      if (choice !== stopAndSend) return;
      await client.stopStream();
      await waitUntilStopped(obs.session);
    }
    const kept = await client.setCustomService(server, key);
    await obs.session.refreshTarget();
    if (!kept) {
      throw new ObsError('request', 'OBS did not keep the stream settings it was sent (read back differently). Check Settings → Stream in OBS.');
    }
    await obs.state.update(OBS_TARGET_KEY, target.livestream.id);
    ctx.logger.info(`OBS set up for livestream ${target.livestream.id} (Custom, server ${server}).`);
    ctx.watcher.watch(target.ref, target.livestream.name);
    const start = 'Start Streaming in OBS';
    void vscode.window.showInformationMessage(`OBS is set up for “${target.livestream.name}”: Service Custom, Server ${server}, and its stream key.`, start).then((c) => {
      if (c === start) void vscode.commands.executeCommand(Commands.obsStartStreaming, target.ref);
    });
  });
}

async function startStreaming(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, 'RealtimeKit: Start Streaming in OBS');
  if (!target) return;
  await withObs(ctx, 'Starting the stream in OBS…', async () => {
    await obs.session.client();
    const current = await obs.session.refreshTarget();
    if (!obsTargets(current, target.livestream)) {
      const send = 'Send to OBS First';
      const choice = await vscode.window.showWarningMessage(`OBS is not set up for “${target.livestream.name}”: it would stream elsewhere.`, send);
      if (choice === send) await vscode.commands.executeCommand(Commands.sendToObs, target.ref);
      return;
    }
    await (await obs.session.client()).startStream();
    ctx.watcher.watch(target.ref, target.livestream.name);
    confirm(`OBS is starting to stream to “${target.livestream.name}”`);
  });
}

async function stopStreaming(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target: LivestreamTarget | undefined = arg === undefined ? undefined : await resolveLivestream(ctx, arg, 'RealtimeKit: Stop Streaming in OBS');
  await withObs(ctx, 'Stopping the stream in OBS…', async () => {
    await (await obs.session.client()).stopStream();
    confirm(target ? `OBS stopped streaming to “${target.livestream.name}”` : 'OBS stopped streaming');
  });
}

/** Runs an OBS action with progress; an ObsError becomes a message that says what to do. */
async function withObs(ctx: CommandContext, title: string, action: () => Promise<void>): Promise<void> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, action);
  } catch (err) {
    if (!isObsError(err)) throw err;
    ctx.logger.warn(err.message);
    const actions = err.kind === 'unreachable' ? ['Open WebSocket Settings Help'] : err.kind === 'auth' || err.kind === 'passwordNeeded' ? ['Set OBS WebSocket Password'] : [];
    const choice = await vscode.window.showErrorMessage(err.message, ...actions);
    if (choice === 'Set OBS WebSocket Password') await vscode.commands.executeCommand(Commands.setObsPassword);
    if (choice === 'Open WebSocket Settings Help') await vscode.env.openExternal(vscode.Uri.parse('https://obsproject.com/kb/remote-control-guide'));
  }
}

/** OBS reports the stop with StreamStateChanged; its status says when it is over. */
async function waitUntilStopped(session: ObsSession): Promise<void> {
  const client = await session.client();
  for (let i = 0; i < 50; i++) {
    if (!(await client.streamStatus()).active) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ObsError('timeout', 'OBS did not stop streaming within 10 s.');
}
