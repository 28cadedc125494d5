// `npm run demo`: the fake API with its seed plus a code-server with the freshly built extension,
// its settings pointing at the fake API. Prints the URL to open and the token to paste; Ctrl+C
// stops both. The fake API runs its real RTMP ingest: an encoder publishing to a livestream's
// ingest_server + stream_key makes it LIVE and its playback_url serves real HLS.
// `npm run demo -- --desktop`: the same fake API, but opens desktop VS Code (`code` on PATH) with
// the extension under development and a temporary profile carrying the settings.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QUIET_SETTINGS, REPO_ROOT, ensureEditor, installExitHooks, makeTempDir, startCodeServer, type CodeServer } from './codeServer';
import { apiSettings, startFakeApi, type FakeApi } from './fakeApi';
import { SEED_IDS } from '../fake-api/seed';
import { LIGHT_ENCODING, startFakeObs, type FakeObs } from '../fake-obs/server';

interface DemoArgs {
  desktop: boolean;
  /** Fixed fake API port (default: a free one). */
  apiPort: number;
  /** False: livestreams keep Cloudflare's URLs and nothing listens for RTMP. */
  ingest: boolean;
  /** Fixed RTMP port (default: a free one), handy to keep an OBS profile working across runs. */
  ingestPort: number;
}

function parseDemoArgs(argv: string[]): DemoArgs {
  const out: DemoArgs = { desktop: false, apiPort: 0, ingest: true, ingestPort: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--desktop') out.desktop = true;
    else if (a === '--api-port') out.apiPort = Number(argv[++i]);
    else if (a === '--no-ingest') out.ingest = false;
    else if (a === '--ingest-port') out.ingestPort = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('npm run demo [-- --desktop] [--api-port N] [--no-ingest] [--ingest-port N]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (expected --desktop, --api-port N, --no-ingest, --ingest-port N)`);
  }
  return out;
}

function startDemoApi(args: DemoArgs): Promise<FakeApi> {
  return startFakeApi({
    port: args.apiPort,
    ingest: args.ingest && { port: args.ingestPort, log: (line) => console.log(`[fake API] ${line}`) },
  });
}

/** The files `vsce package` would ship (see .vscodeignore), copied as an installed extension. */
function stageExtension(into: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string };
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build`');
  const dir = path.join(into, pkg.name);
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of ['package.json', 'dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  return dir;
}

function printBanner(api: FakeApi, open: string, obs?: FakeObs): void {
  const line = '─'.repeat(72);
  console.log(`\n${line}`);
  console.log(`  RealtimeKit Livestreams demo`);
  console.log(`  ${open}`);
  console.log(`  API token to paste:  ${api.token}`);
  console.log(`  account:             ${api.accountId} (Acme Streaming)`);
  console.log(`  fake API:            ${api.baseUrl}   (control: ${api.origin}/__control/…)`);
  if (api.ingest) {
    // The key stays out of the banner: copy it from the extension (Copy Stream Key / Copy ffmpeg Command).
    console.log(`  RTMP ingest:         ${api.ingest.rtmpBase}   (a livestream's ingest_server; its playback_url serves HLS)`);
    console.log(
      `  publish a test pattern: ffmpeg -re -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 60 -c:a aac -f flv "${api.ingest.rtmpBase}<stream key>"`,
    );
    if (!api.ingest.hls) console.log(`  (ffmpeg not found: statuses follow publishes, but no HLS is written; bash test/editor/setup.sh installs it)`);
    else console.log(`  try:                Stream Test Pattern on a livestream, then Preview Playback to watch it in the editor`);
  }
  // Meeting IDs come from RealtimeKit's meetings API, which the fake does not serve: here are some to paste.
  console.log(`  meetings (Production Events): Design Review ${SEED_IDS.idleMeeting} (not livestreaming: Start Livestreaming a Meeting...)`);
  console.log(`  a meeting session:   ${SEED_IDS.townHallPastMeetingSession} (last week's town hall: Find Livestream Sessions of a Meeting Session...)`);
  if (obs) {
    console.log(`  fake OBS Studio:     ${obs.url}   password: ${obs.password ?? '(none)'}   (Send to OBS, then Start Streaming in OBS)`);
  }
  console.log(`  Ctrl+C stops everything.`);
  console.log(`${line}\n`);
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  let api: FakeApi | undefined;
  let obs: FakeObs | undefined;
  let cs: CodeServer | undefined;
  let tmp: string | undefined;
  let stopping = false;
  const cleanup = async () => {
    stopping = true;
    await cs?.stop();
    await obs?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
  installExitHooks(async () => {
    console.log('\nstopping…');
    await cleanup();
  });

  try {
    if (args.desktop) {
      const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
      if (code.status !== 0) throw new Error('`code` is not on PATH: install desktop VS Code, or run `npm run demo` for the browser version');
      api = await startDemoApi(args);
      tmp = makeTempDir('demo-desktop');
      const userDataDir = path.join(tmp, 'user-data');
      fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
      fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...apiSettings(api) }, null, 2));
      printBanner(api, 'Opening desktop VS Code (close its window or press Ctrl+C here to stop).');
      // --wait keeps the CLI running until the window is closed.
      const child = spawn(
        'code',
        ['--wait', '--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, '--user-data-dir', userDataDir, '--extensions-dir', path.join(tmp, 'extensions'), '--password-store=basic', '--disable-workspace-trust'],
        { stdio: 'inherit' },
      );
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return;
    }

    ensureEditor();
    api = await startDemoApi(args);
    // A fake OBS whose Start Streaming really publishes to the fake ingest (light encoding: real
    // time on a small machine). Port 0: a real OBS on 4455 is left alone.
    obs = await startFakeObs({ ...LIGHT_ENCODING });
    tmp = makeTempDir('demo-extension');
    cs = await startCodeServer({
      label: 'demo',
      // The account is preselected so that pasting the token leads straight to the tree.
      settings: { ...apiSettings(api), 'realtimekit.accountId': api.accountId, 'realtimekit.obsWebSocketUrl': obs.url },
      copyExtensions: [stageExtension(tmp)],
      trustedDomains: ['*'],
    });
    printBanner(api, `Open ${cs.origin}/ in a browser, then click the RealtimeKit icon and "Set API Token".`, obs);
    // Runs until Ctrl+C (the exit hooks stop both) or until code-server dies.
    const reason = await cs.exited;
    if (!stopping) {
      console.error(`${reason} unexpectedly; log: ${cs.logFile}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
