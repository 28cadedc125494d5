// Start and stop a real VS Code (code-server, installed into .editor/ by setup.sh) for tests and
// the demo: a private HOME/XDG tree, its own user-data and extensions dirs, a kernel-picked port,
// its own process group (so the extension hosts it forks are stopped with it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from out/test/editor/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const EDITOR_DIR = path.join(REPO_ROOT, '.editor');
export const CODE_SERVER_ENTRY = path.join(EDITOR_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const TEST_OUTPUT_DIR = path.join(REPO_ROOT, '.test-output');
export const EXTENSION_ID = 'realtimekit-tools.realtimekit-livestreams';

/** Settings that keep a fresh profile quiet and offline. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  // Otherwise every port something on the machine listens on (other test runs, the bench) is
  // forwarded with a notification, and their toasts crowd out the ones the tests look for.
  'remote.autoForwardPorts': false,
};

/** Runs test/editor/setup.sh (a no-op taking a fraction of a second once installed). */
export function ensureEditor(): void {
  const check = spawnSync('bash', [path.join(REPO_ROOT, 'test', 'editor', 'setup.sh'), '--check'], { stdio: 'ignore' });
  if (check.status === 0) return;
  const res = spawnSync('bash', [path.join(REPO_ROOT, 'test', 'editor', 'setup.sh')], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`test/editor/setup.sh failed (exit ${res.status ?? res.signal})`);
}

// ---- process groups ---------------------------------------------------------------------------

const liveGroups = new Set<number>();
const signalCleanups: Array<() => Promise<void>> = [];
let exitHooksInstalled = false;

/** Is any process of this process group still there (zombies included)? */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Stops a process group started by spawnGroup(): SIGTERM, then SIGKILL after `graceMs`; resolves
 * once no process of the group is left.
 */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await delay(50);
  if (groupAlive(pgid)) {
    signalGroup(pgid, 'SIGKILL');
    const hardDeadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < hardDeadline) await delay(50);
  }
  liveGroups.delete(pgid);
}

/**
 * Makes sure every process group still registered dies with this process (normal exit, Ctrl+C,
 * SIGTERM, SIGHUP). On a signal, `onSignal` callbacks (stop the browser, the fake API, ...) run
 * first, in the order they were added.
 */
export function installExitHooks(onSignal?: () => Promise<void>): void {
  if (onSignal) signalCleanups.push(onSignal);
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      void (async () => {
        for (const cleanup of signalCleanups) await cleanup().catch((err: unknown) => console.error(err));
        for (const pgid of [...liveGroups]) await stopGroup(pgid);
      })().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}

/** spawn() in a new session/process group (setsid), registered for cleanup on exit. */
export function spawnGroup(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): ChildProcess {
  installExitHooks();
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  liveGroups.add(child.pid);
  child.once('exit', () => {
    // The leader is gone; its group may still hold children, so keep it registered until
    // stopGroup() has seen it empty.
    if (!groupAlive(child.pid!)) liveGroups.delete(child.pid!);
  });
  return child;
}

// ---- code-server --------------------------------------------------------------------------------

export interface CodeServerOptions {
  /** Shown in log file names. */
  label?: string;
  /** Extra user settings (merged over QUIET_SETTINGS) for User/settings.json. */
  settings?: Record<string, unknown>;
  /** Folder to open; default: an empty temporary folder. */
  workspace?: string;
  /** Extra environment for code-server and the extension hosts it starts. */
  env?: Record<string, string | undefined>;
  /** .vsix files to install into the fresh extensions dir before starting. */
  installVsix?: string[];
  /** Unpacked extension folders (with a package.json) to copy into the fresh extensions dir. */
  copyExtensions?: string[];
  /** `--link-protection-trusted-domains`: URLs matching these open without the confirm dialog. */
  trustedDomains?: string[];
  /** Keep the temporary profile after stop() (for debugging). */
  keepProfile?: boolean;
  /** `--locale`: VS Code's display language (needs its language pack: see pseudoLocale.ts). */
  locale?: string;
  /** Runs once the extensions are installed, before code-server starts (e.g. to add files to them). */
  prepare?(profile: { userDataDir: string; extensionsDir: string }): void;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  readonly workspace: string;
  readonly profileDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly userSettingsFile: string;
  readonly logFile: string;
  readonly baseSettings: Record<string, unknown>;
  /** Resolves (with a reason) when the code-server process exits, whoever stopped it. */
  readonly exited: Promise<string>;
  /** `vscode-remote://` URI for a path on this machine (for payload entries). */
  remoteUri(absPath: string): string;
  /** Workbench URL for the workspace (or another `folder`), with optional `payload` entries. */
  workbenchUrl(payload?: Array<[string, string]>, folder?: string): string;
  /** Rewrites User/settings.json: the settings given at start plus `extra` (VS Code reloads it live). */
  writeUserSettings(extra?: Record<string, unknown>): void;
  /** Last lines of code-server's log. */
  tailLog(lines?: number): string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error('code-server is not installed: run bash test/editor/setup.sh');
  const label = opts.label ?? 'code-server';
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `rtk-${label}-`));
  const home = path.join(profileDir, 'home');
  const userDataDir = path.join(profileDir, 'user-data');
  const extensionsDir = path.join(profileDir, 'extensions');
  const workspace = opts.workspace ?? path.join(profileDir, 'workspace');
  for (const dir of [home, userDataDir, extensionsDir, workspace, path.join(userDataDir, 'User')]) fs.mkdirSync(dir, { recursive: true });
  const userSettingsFile = path.join(userDataDir, 'User', 'settings.json');
  const baseSettings = { ...QUIET_SETTINGS, ...opts.settings };
  const writeUserSettings = (extra: Record<string, unknown> = {}) =>
    fs.writeFileSync(userSettingsFile, JSON.stringify({ ...baseSettings, ...extra }, null, 2));
  writeUserSettings();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // No extension gallery: it is unreachable offline, and without a serviceUrl VS Code does not
    // query one at all.
    EXTENSIONS_GALLERY: '{}',
    ...opts.env,
  };
  // Variables of an outer npm script or VS Code session must not leak into this one.
  for (const key of Object.keys(env)) {
    if (/^(npm_|VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(key) && !(opts.env && key in opts.env)) delete env[key];
  }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const logDir = path.join(TEST_OUTPUT_DIR, 'logs');
  pruneOlderThan(logDir, 24 * 3600_000, (f) => f.endsWith('.log') && !f.startsWith('test-'));
  const logFile = path.join(logDir, `${label}-${path.basename(profileDir)}.log`);

  // Folders first: a fresh extensions dir is scanned once, then listed in its extensions.json.
  for (const dir of opts.copyExtensions ?? []) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    fs.cpSync(dir, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
  }
  for (const vsix of opts.installVsix ?? []) {
    const res = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    fs.mkdirSync(logDir, { recursive: true });
    fs.appendFileSync(logFile, `$ code-server --install-extension ${vsix}\n${res.stdout}${res.stderr}\n`);
    if (res.status !== 0) throw new Error(`installing ${vsix} failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
  }
  opts.prepare?.({ userDataDir, extensionsDir });

  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0', // the kernel picks a free port; we read it from the log
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (opts.locale) args.push('--locale', opts.locale);
  if (opts.trustedDomains?.length) args.push('--link-protection-trusted-domains', opts.trustedDomains.join(','));
  args.push(workspace);

  const child = spawnGroup(process.execPath, args, { env, cwd: profileDir, logFile });
  const pid = child.pid!;
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const tailLog = (lines = 40) => readLog().split('\n').slice(-lines).join('\n');
  let exited: string | undefined;
  const exitedPromise = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve((exited = `code-server exited (${code ?? signal})`))),
  );

  const stop = async () => {
    await stopGroup(pid);
    if (!opts.keepProfile) fs.rmSync(profileDir, { recursive: true, force: true });
  };

  try {
    const port = await waitFor(
      () => {
        if (exited) throw new Error(`${exited} before listening:\n${tailLog()}`);
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(readLog());
        return m ? Number(m[1]) : undefined;
      },
      { timeoutMs: 30_000, what: 'code-server to listen' },
    );
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (exited) throw new Error(`${exited}:\n${tailLog()}`);
        return (await httpStatus(`${origin}/healthz`)) === 200 || undefined;
      },
      { timeoutMs: 30_000, what: `${origin}/healthz` },
    );
    const remoteUri = (absPath: string) => `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
    return {
      origin,
      port,
      pid,
      workspace,
      profileDir,
      userDataDir,
      extensionsDir,
      userSettingsFile,
      logFile,
      baseSettings,
      exited: exitedPromise,
      remoteUri,
      workbenchUrl(payload, folder = workspace) {
        let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
        if (payload?.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
        return url;
      },
      writeUserSettings,
      tailLog,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---- small utilities ----------------------------------------------------------------------------

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined; throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Deletes files in `dir` (not recursive) older than `ageMs` that `match`. */
export function pruneOlderThan(dir: string, ageMs: number, match: (name: string) => boolean = () => true): void {
  if (!fs.existsSync(dir)) return;
  const cutoff = Date.now() - ageMs;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (st.isFile() && st.mtimeMs < cutoff && match(name)) fs.rmSync(file, { force: true });
    } catch {
      /* raced with another run */
    }
  }
}

/**
 * Compiled test files in `outDir` ending in `suffix` whose TypeScript source still exists in
 * `srcDir` (out/ is never cleaned, so a deleted or renamed test would otherwise keep running).
 */
export function testFiles(outDir: string, suffix: string, srcDir: string): string[] {
  const files: string[] = [];
  for (const f of fs.readdirSync(outDir).filter((n) => n.endsWith(suffix)).sort()) {
    if (fs.existsSync(path.join(srcDir, f.replace(/\.js$/, '.ts')))) files.push(path.join(outDir, f));
    else console.warn(`[tests] skipping ${f}: its source ${f.replace(/\.js$/, '.ts')} is gone (stale file in out/)`);
  }
  return files;
}

/** A folder of files for tests (cleaned by the caller). */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `rtk-${prefix}-`));
}
