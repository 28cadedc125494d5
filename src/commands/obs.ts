// OBS Studio from the editor: Send to OBS (Custom service with the livestream's server and key,
// read back to confirm), Start and Stop Streaming in OBS, and the WebSocket password (kept in
// SecretStorage, asked for when OBS first wants it).
import * as l10n from '@vscode/l10n';
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
    title: l10n.t('RealtimeKit: Set OBS WebSocket Password'),
    prompt:
      reason === 'wrong'
        ? l10n.t({
            message: 'OBS refused that password. Paste the one from OBS: Tools → WebSocket Server Settings → Show Connect Info.',
            comment: ['"Tools → WebSocket Server Settings → Show Connect Info" names menus of OBS Studio: use the OBS words of your language'],
          })
        : l10n.t({
            message: 'The password from OBS: Tools → WebSocket Server Settings → Show Connect Info. It is kept in VS Code’s secret storage.',
            comment: ['"Tools → WebSocket Server Settings → Show Connect Info" names menus of OBS Studio: use the OBS words of your language'],
          }),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? l10n.t('Paste the password (or press Escape).') : undefined),
  });
  if (password === undefined) return undefined;
  await obs.secrets.store(OBS_PASSWORD_SECRET, password.trim());
  if (reason === 'set') confirm(l10n.t('OBS WebSocket password stored'));
  return password.trim();
}

async function sendToObs(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Send to OBS'));
  const server = target?.livestream.ingestServer;
  const key = target?.livestream.streamKey;
  if (!target || !server || !key) {
    if (target) {
      void vscode.window.showWarningMessage(
        l10n.t({ message: 'Livestream “{0}” has no ingest server or stream key to send to OBS.', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }),
      );
    }
    return;
  }
  await withObs(ctx, l10n.t({ message: 'Sending “{0}” to OBS…', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }), async () => {
    const client = await obs.session.client();
    const status = await client.streamStatus();
    if (status.active) {
      const stopAndSend = l10n.t('Stop Streaming and Send');
      const choice = await vscode.window.showWarningMessage(
        l10n.t('OBS is streaming now, and cannot change its stream settings while it streams.'),
        { modal: true, detail: l10n.t({ message: "Stop OBS's stream, then set it up for “{0}”?", args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }) },
        stopAndSend,
      );
      if (choice !== stopAndSend) return;
      await client.stopStream();
      await waitUntilStopped(obs.session);
    }
    const kept = await client.setCustomService(server, key);
    await obs.session.refreshTarget();
    if (!kept) {
      throw new ObsError(
        'request',
        l10n.t({
          message: 'OBS did not keep the stream settings it was sent (read back differently). Check Settings → Stream in OBS.',
          comment: ['"Settings → Stream" names a page of OBS Studio: use the OBS words of your language'],
        }),
      );
    }
    await obs.state.update(OBS_TARGET_KEY, target.livestream.id);
    ctx.logger.info(`OBS set up for livestream ${target.livestream.id} (Custom, server ${server}).`);
    ctx.watcher.watch(target.ref, target.livestream.name);
    const start = l10n.t('Start Streaming in OBS');
    const told = l10n.t({
      message: 'OBS is set up for “{0}”: Service Custom, Server {1}, and its stream key.',
      args: [target.livestream.name, server],
      comment: ['{0} is the name of a livestream, {1} its ingest server URL. "Service", "Custom" and "Server" are the fields and the value of OBS Studio\'s stream settings: use the OBS words of your language'],
    });
    void vscode.window.showInformationMessage(told, start).then((c) => {
      if (c === start) void vscode.commands.executeCommand(Commands.obsStartStreaming, target.ref);
    });
  });
}

async function startStreaming(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Start Streaming in OBS'));
  if (!target) return;
  await withObs(ctx, l10n.t('Starting the stream in OBS…'), async () => {
    await obs.session.client();
    const current = await obs.session.refreshTarget();
    if (!obsTargets(current, target.livestream)) {
      const send = l10n.t('Send to OBS First');
      const choice = await vscode.window.showWarningMessage(
        l10n.t({ message: 'OBS is not set up for “{0}”: it would stream elsewhere.', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }),
        send,
      );
      if (choice === send) await vscode.commands.executeCommand(Commands.sendToObs, target.ref);
      return;
    }
    await (await obs.session.client()).startStream();
    ctx.watcher.watch(target.ref, target.livestream.name);
    confirm(l10n.t({ message: 'OBS is starting to stream to “{0}”', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] }));
  });
}

async function stopStreaming(ctx: CommandContext, obs: ObsCommandContext, arg: unknown): Promise<void> {
  const target: LivestreamTarget | undefined = arg === undefined ? undefined : await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Stop Streaming in OBS'));
  await withObs(ctx, l10n.t('Stopping the stream in OBS…'), async () => {
    await (await obs.session.client()).stopStream();
    confirm(
      target
        ? l10n.t({ message: 'OBS stopped streaming to “{0}”', args: [target.livestream.name], comment: ['{0} is the name of a livestream'] })
        : l10n.t('OBS stopped streaming'),
    );
  });
}

/** Runs an OBS action with progress; an ObsError becomes a message that says what to do. */
async function withObs(ctx: CommandContext, title: string, action: () => Promise<void>): Promise<void> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, action);
  } catch (err) {
    if (!isObsError(err)) throw err;
    ctx.logger.warn(err.message);
    const help = l10n.t('Open WebSocket Settings Help');
    const setPasswordLabel = l10n.t('Set OBS WebSocket Password');
    const actions = err.kind === 'unreachable' ? [help] : err.kind === 'auth' || err.kind === 'passwordNeeded' ? [setPasswordLabel] : [];
    const choice = await vscode.window.showErrorMessage(err.message, ...actions);
    if (choice === setPasswordLabel) await vscode.commands.executeCommand(Commands.setObsPassword);
    if (choice === help) await vscode.env.openExternal(vscode.Uri.parse('https://obsproject.com/kb/remote-control-guide'));
  }
}

/** OBS reports the stop with StreamStateChanged; its status says when it is over. */
async function waitUntilStopped(session: ObsSession): Promise<void> {
  const client = await session.client();
  for (let i = 0; i < 50; i++) {
    if (!(await client.streamStatus()).active) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ObsError('timeout', l10n.t('OBS did not stop streaming within 10 s.'));
}
