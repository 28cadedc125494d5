// Stream Test Pattern: ffmpeg publishes a test pattern and a tone to the livestream, in an
// integrated terminal named after it; Stop Test Pattern closes that terminal.
//
// The terminal is a pseudoterminal the extension drives: ffmpeg is started without a shell (so
// nothing lands in any shell history) with the RTMP URL in its own arguments (so the key is never
// typed on screen), and everything ffmpeg prints passes through a redaction first, since ffmpeg
// names the output URL, key included, in its messages.
import * as l10n from '@vscode/l10n';
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { redact } from '../shared/redact';
import { Commands } from '../shared/commandIds';
import { COPY_SPECS, rtmpUrl } from '../shared/credentials';
import { ffmpegTestPatternArgs } from '../shared/format';
import type { LivestreamRef } from '../shared/ref';
import { registerCommand, type CommandContext } from './commandContext';
import { resolveLivestream } from './livestreamTarget';
import { findExecutable } from './testPatternPath';

const FFMPEG_DOWNLOAD_URL = 'https://ffmpeg.org/download.html';
/** ffmpeg stops cleanly on SIGINT (it flushes and closes the connection); this long, then SIGKILL. */
const STOP_GRACE_MS = 3000;

interface Running {
  readonly terminal: vscode.Terminal;
  readonly ref: LivestreamRef;
  readonly name: string;
}

export function registerTestPatternCommands(ctx: CommandContext): vscode.Disposable[] {
  const running = new Map<string, Running>();
  return [
    registerCommand(ctx, Commands.streamTestPattern, (arg) => streamTestPattern(ctx, running, arg)),
    registerCommand(ctx, Commands.stopTestPattern, (arg) => stopTestPattern(ctx, running, arg)),
    vscode.window.onDidCloseTerminal((terminal) => {
      for (const [id, r] of running) if (r.terminal === terminal) running.delete(id);
      void vscode.commands.executeCommand('setContext', 'realtimekit.testPatternRunning', running.size > 0);
    }),
    { dispose: () => running.forEach((r) => r.terminal.dispose()) },
  ];
}

async function streamTestPattern(ctx: CommandContext, running: Map<string, Running>, arg: unknown): Promise<void> {
  const target = await resolveLivestream(ctx, arg, l10n.t('RealtimeKit: Stream Test Pattern'));
  if (!target) {
    return;
  }
  const { livestream, ref } = target;
  const existing = running.get(livestream.id);
  if (existing) {
    existing.terminal.show();
    return;
  }
  const url = rtmpUrl(livestream);
  if (!url) {
    void vscode.window.showWarningMessage(COPY_SPECS.rtmpUrl.missing(livestream));
    return;
  }
  const ffmpeg = findExecutable('ffmpeg', ctx.env);
  if (!ffmpeg) {
    const copy = l10n.t('Copy ffmpeg Command');
    const install = l10n.t('How to Install ffmpeg');
    const choice = await vscode.window.showErrorMessage(
      l10n.t({
        message:
          'ffmpeg was not found on PATH. Install it (Debian/Ubuntu: sudo apt install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg), then run Stream Test Pattern again, or copy the ffmpeg command to run it elsewhere.',
        comment: ['Keep the commands (sudo apt install ffmpeg, …) as they are; "Stream Test Pattern" is the name of a command'],
      }),
      copy,
      install,
    );
    if (choice === copy) await vscode.commands.executeCommand(Commands.copyFfmpegCommand, ref);
    if (choice === install) await vscode.env.openExternal(vscode.Uri.parse(FFMPEG_DOWNLOAD_URL));
    return;
  }
  const secrets = [livestream.streamKey, url];
  const pty = new TestPatternTerminal(ffmpeg, ffmpegTestPatternArgs(url), livestream.ingestServer ?? '', (text) => redact(text, secrets), ctx.logger);
  const terminal = vscode.window.createTerminal({
    name: l10n.t({ message: 'Test pattern: {0}', args: [livestream.name], comment: ['The name of a terminal; {0} is the name of a livestream'] }),
    pty,
    iconPath: new vscode.ThemeIcon('broadcast'),
  });
  running.set(livestream.id, { terminal, ref, name: livestream.name });
  void vscode.commands.executeCommand('setContext', 'realtimekit.testPatternRunning', true);
  terminal.show();
  ctx.logger.info(`Streaming a test pattern to livestream ${livestream.id} with ${ffmpeg}.`);
  ctx.watcher.watch(ref, livestream.name);
}

async function stopTestPattern(ctx: CommandContext, running: Map<string, Running>, arg: unknown): Promise<void> {
  const id = idOf(arg);
  const chosen = id ? running.get(id) : running.size === 1 ? [...running.values()][0] : await pickRunning(running);
  if (!chosen) {
    if (running.size === 0) void vscode.window.showInformationMessage(l10n.t('No test pattern is streaming.'));
    return;
  }
  ctx.logger.info(`Stopping the test pattern of livestream ${chosen.ref.livestreamId}.`);
  chosen.terminal.dispose();
}

async function pickRunning(running: Map<string, Running>): Promise<Running | undefined> {
  if (running.size === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    [...running.values()].map((r) => ({ label: `$(broadcast) ${r.name}`, running: r })),
    { title: l10n.t('RealtimeKit: Stop Test Pattern'), placeHolder: l10n.t('Which test pattern to stop') },
  );
  return picked?.running;
}

function idOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as { livestreamId?: unknown; livestream?: { id?: unknown } };
  if (typeof record.livestreamId === 'string') return record.livestreamId;
  return typeof record.livestream?.id === 'string' ? record.livestream.id : undefined;
}

/** A terminal whose process is ffmpeg, and whose every line is redacted before it is shown. */
class TestPatternTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private child: ChildProcess | undefined;
  private exited = false;

  constructor(
    private readonly ffmpeg: string,
    private readonly args: readonly string[],
    private readonly server: string,
    private readonly clean: (text: string) => string,
    private readonly log: { warn(message: string): void },
  ) {}

  open(): void {
    const streaming = l10n.t({
      message: 'Streaming a test pattern (720p30 H.264 + AAC tone) to {0} with the stream key (hidden).',
      args: [this.server],
      comment: ['{0} is the ingest server URL'],
    });
    const stopWith = l10n.t({ message: 'Stop it with Ctrl+C or “RealtimeKit: Stop Test Pattern”.', comment: ['“RealtimeKit: Stop Test Pattern” is the name of a command'] });
    this.write(`${streaming}\r\n${stopWith}\r\n\r\n`);
    const child = spawn(this.ffmpeg, ['-hide_banner', '-loglevel', 'warning', '-stats', ...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const show = (chunk: Buffer): void => this.write(chunk.toString('utf8').replace(/\r?\n/g, '\r\n'));
    child.stdout?.on('data', show);
    child.stderr?.on('data', show);
    child.on('error', (err) => {
      this.log.warn(`ffmpeg could not start: ${this.clean(err.message)}`);
      this.write(`\r\n${l10n.t({ message: 'ffmpeg could not start: {0}', args: [err.message], comment: ['{0} is the error from the operating system'] })}\r\n`);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const ended = signal
        ? l10n.t({ message: '[ffmpeg stopped ({0}). Press any key to close this terminal.]', args: [signal], comment: ['{0} is a signal name, e.g. SIGINT'] })
        : l10n.t({ message: '[ffmpeg exited with code {0}. Press any key to close this terminal.]', args: [code ?? '?'], comment: ['{0} is the exit code of ffmpeg'] });
      this.write(`\r\n${ended}\r\n`);
    });
  }

  handleInput(data: string): void {
    if (this.exited) {
      this.closeEmitter.fire();
    } else if (data === '\x03') {
      this.stop();
    }
  }

  close(): void {
    this.stop();
  }

  private stop(): void {
    const child = this.child;
    if (!child || this.exited) return;
    child.kill('SIGINT');
    const hard = setTimeout(() => {
      if (!this.exited) child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    child.once('exit', () => clearTimeout(hard));
  }

  private write(text: string): void {
    this.writeEmitter.fire(this.clean(text));
  }
}
