// What the three editor runners (runE2e.ts, runIntegration.ts, runDesktop.ts) share: their
// command line (`--grep PATTERN`, `--keep`), the editor install check, one fake API for the run,
// the settings and environment that point the extension and the tests at it, cleanup that runs
// on every way out (normal end, failure, Ctrl+C, SIGTERM), and the exit code.
//
//   runEditorTests({ label: 'e2e', fakeApi: { ingest: true }, async run(ctx) { ...; return failures ? 1 : 0; } });
import * as path from 'node:path';
import { REPO_ROOT, ensureEditor, installExitHooks } from './codeServer';
import { apiSettings, fakeApiEnv, startFakeApi, type FakeApi } from './fakeApi';
import type { FakeApiOptions } from '../fake-api/server';

/** The unpacked helper extension the extension-host suite loads beside ours. */
export const TEST_SUPPORT_EXTENSION = path.join(REPO_ROOT, 'test', 'integration', 'test-support');

export interface RunnerArgs {
  /** Mocha's grep: a case-sensitive regular expression. */
  grep?: string;
  /** Keep the temporary editor profile after the run (its path is in the log). */
  keep: boolean;
}

export function parseArgs(argv: string[]): RunnerArgs {
  const out: RunnerArgs = { keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--grep' || a === '-g') out.grep = argv[++i];
    else if (a.startsWith('--grep=')) out.grep = a.slice('--grep='.length);
    else if (a === '--keep') out.keep = true;
    else throw new Error(`unknown argument ${a} (expected --grep PATTERN, --keep)`);
  }
  return out;
}

export interface RunnerContext {
  readonly args: RunnerArgs;
  /** The run's fake API (in this process). */
  readonly api: FakeApi;
  /** User settings that point the extension at the fake API. */
  readonly settings: Record<string, unknown>;
  /** Seconds since the runner started, one decimal. */
  elapsed(): string;
  /** Something to close when the run ends or is interrupted; the last added is closed first. */
  onCleanup(close: () => unknown): void;
}

export interface RunnerOptions {
  /** Names the runner in its log lines (`[e2e] …`). */
  label: string;
  /** Checks (and if needed installs) code-server in .editor/ first; desktop VS Code needs none. Default true. */
  needsEditor?: boolean;
  /** Passed to startFakeApi (after `port: 0`), e.g. `{ ingest: true }` for a real RTMP ingest. */
  fakeApi?: FakeApiOptions;
  /** Fails fast before anything starts (e.g. a missing .vsix). */
  preflight?(args: RunnerArgs): void;
  /** The runner's own work; resolves with the exit code. */
  run(ctx: RunnerContext): Promise<number>;
}

/** Environment for the extension-host suite (test/integration/), whichever editor runs it. */
export function integrationTestEnv(ctx: RunnerContext, runner: 'code-server' | 'desktop'): Record<string, string | undefined> {
  return { ...fakeApiEnv(ctx.api), RTK_TEST_GREP: ctx.args.grep, RTK_TEST_COLOR: process.stdout.isTTY ? '1' : '0', RTK_TEST_RUNNER: runner };
}

/** Runs a runner and exits with its code (1 when it throws). */
export function runEditorTests(options: RunnerOptions): void {
  runAndClean(options).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}

async function runAndClean(options: RunnerOptions): Promise<number> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  options.preflight?.(args);
  if (options.needsEditor !== false) ensureEditor();

  const closers: Array<() => unknown> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const close of closers.splice(0).reverse()) {
        try {
          await close();
        } catch (err) {
          console.error(`[${options.label}] while cleaning up: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })());
  installExitHooks(cleanup);

  try {
    const api = await startFakeApi({ port: 0, ...options.fakeApi });
    closers.push(() => api.close());
    return await options.run({
      args,
      api,
      settings: apiSettings(api),
      elapsed: () => ((Date.now() - started) / 1000).toFixed(1),
      onCleanup: (close) => closers.push(close),
    });
  } finally {
    await cleanup();
  }
}
