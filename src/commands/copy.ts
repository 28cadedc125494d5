// Copy Stream Key / Ingest Server / Full RTMP URL / Playback URL / Livestream ID / ffmpeg Command.
// Each resolves its livestream (node, ref or quick pick), takes the value from values.ts, writes
// the clipboard and confirms in the status bar without echoing the value.
import * as vscode from 'vscode';
import { confirm, registerCommand, type CommandContext } from './commandContext';
import { resolveLivestream } from './livestreamTarget';
import { COPY_SPECS, copyOutcome, type CopyKind } from '../shared/credentials';

/** What an encoder is configured with: copying one starts watching for the encoder. */
const ENCODER_CREDENTIALS: ReadonlySet<CopyKind> = new Set(['streamKey', 'ingestServer', 'rtmpUrl', 'ffmpegCommand']);

export function registerCopyCommands(ctx: CommandContext): vscode.Disposable[] {
  return (Object.keys(COPY_SPECS) as CopyKind[]).map((kind) =>
    registerCommand(ctx, COPY_SPECS[kind].command, (arg) => copy(ctx, kind, arg)),
  );
}

async function copy(ctx: CommandContext, kind: CopyKind, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, COPY_SPECS[kind].title);
  if (!target) {
    return;
  }
  const outcome = copyOutcome(kind, target.livestream);
  if (!outcome.ok) {
    void vscode.window.showWarningMessage(outcome.message);
    return;
  }
  await vscode.env.clipboard.writeText(outcome.value);
  ctx.logger.info(`Copied ${kind} of livestream ${target.livestream.id}.`);
  confirm(outcome.confirmation);
  // Credentials are copied to configure an encoder: watch for it to connect.
  if (ENCODER_CREDENTIALS.has(kind)) {
    ctx.watcher.watch(target.ref, target.livestream.name);
  }
}
