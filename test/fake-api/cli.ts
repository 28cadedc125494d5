// Command line for the fake RealtimeKit API:
//   node out/test/fake-api/cli.js --port 8787 [--host 127.0.0.1] [--latency 50]
//     [--fault livestreams:status=500,times=2] [--fault '*:latencyMs=200'] [--no-seed]
//     [--now 2025-06-01T12:00:00Z] [--load-test-count 1000] [--prefix /client/v4] [--json] [--verbose]
//     [--no-ingest] [--ingest-port 1935] [--invoked-ms 2000]
// Runs until SIGINT/SIGTERM. --json prints one line {baseUrl, origin, token, accountId, rtmpBase, pid} and nothing else on stdout.
import { parseFaultSpec, startFakeApi, type Fault, type FakeApiOptions, type RouteName, type SeedOptions } from './server';
import { FAKE_SECOND_ACCOUNT_ID, FAKE_TOKENS, SEED_IDS } from './seed';

interface CliOptions {
  port: number;
  host: string;
  prefix: string | undefined;
  seed: SeedOptions | false;
  faults: { route: RouteName | '*'; fault: Fault }[];
  json: boolean;
  verbose: boolean;
  ingest: boolean;
  ingestPort: number;
  invokedMs: number | undefined;
}

const USAGE = `Usage: node out/test/fake-api/cli.js [options]

  --port N              port to listen on (default 8787; 0 = a free port)
  --host H              interface (default 127.0.0.1)
  --prefix P            API path prefix (default /client/v4)
  --latency MS          add MS of latency to every API request (same as --fault '*:latencyMs=MS')
  --fault SPEC          route:key=value[,key=value...], repeatable; e.g. livestreams:status=500,times=2
                        routes: * accounts userTokenVerify accountTokenVerify apps createApp livestreams
                        createLivestream livestream activeSession session analytics meetingActiveLivestream
                        startMeetingLivestream stopMeetingLivestream
  --no-seed             accounts and tokens only: no apps, livestreams or sessions
  --now ISO             fixed anchor for seed timestamps (default: server start)
  --load-test-count N   livestreams in the "Load Test" app (default 260)
  --no-ingest           no RTMP ingest: livestreams keep Cloudflare's ingest_server and playback_url
  --ingest-port N       RTMP port of the ingest (default 0 = a free port; printed at start)
  --invoked-ms MS       how long a publish shows INVOKED before LIVE (default 2000)
  --json                print one JSON line {baseUrl, origin, token, accountId, rtmpBase, pid} on stdout
                        (rtmpBase is null with --no-ingest)
  --verbose             log "METHOD path status ms" for each API request on stderr (never the token)
  --help                this text
`;

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    port: 8787,
    host: '127.0.0.1',
    prefix: undefined,
    seed: {},
    faults: [],
    json: false,
    verbose: false,
    ingest: true,
    ingestPort: 0,
    invokedMs: undefined,
  };
  let latency: number | undefined;
  const seedOpts: SeedOptions = {};
  let noSeed = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer, got "${v}"`);
      return Number(v);
    };
    switch (flag) {
      case '--port':
        o.port = int();
        break;
      case '--host':
        o.host = value();
        break;
      case '--prefix':
        o.prefix = value();
        break;
      case '--latency':
        latency = int();
        break;
      case '--fault':
        o.faults.push(parseFaultSpec(value()));
        break;
      case '--no-seed':
        noSeed = true;
        break;
      case '--now':
        seedOpts.now = value();
        if (!Number.isFinite(Date.parse(seedOpts.now))) throw new Error(`--now needs an ISO date, got "${seedOpts.now}"`);
        break;
      case '--load-test-count':
        seedOpts.loadTestCount = int();
        break;
      case '--json':
        o.json = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--no-ingest':
        o.ingest = false;
        break;
      case '--ingest-port':
        o.ingestPort = int();
        break;
      case '--invoked-ms':
        o.invokedMs = int();
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option "${raw}"`);
    }
  }
  o.seed = noSeed ? false : seedOpts;
  if (latency !== undefined) {
    const star = o.faults.find((f) => f.route === '*');
    if (star) star.fault = { latencyMs: latency, ...star.fault };
    else o.faults.unshift({ route: '*', fault: { latencyMs: latency } });
  }
  return o;
}

async function main(): Promise<void> {
  let o: CliOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fake-api: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const options: FakeApiOptions = { port: o.port, host: o.host, seed: o.seed, pathPrefix: o.prefix };
  if (o.ingest) {
    // Publishes are rare and are what someone running the fake watches for: always on stderr.
    options.ingest = { port: o.ingestPort, invokedMs: o.invokedMs, log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) };
  }
  if (o.verbose) {
    options.onRequest = (r) => {
      const q = new URLSearchParams(r.query).toString();
      process.stderr.write(`${new Date(r.time).toISOString()} ${r.method} ${r.path}${q ? `?${q}` : ''} ${r.status} ${r.durationMs ?? 0}ms${r.fault ? ' (fault)' : ''}\n`);
    };
  }
  const api = await startFakeApi(options);
  for (const { route, fault } of o.faults) api.setFault(route, fault);

  if (o.json) {
    const rtmpBase = api.ingest?.rtmpBase ?? null;
    process.stdout.write(`${JSON.stringify({ baseUrl: api.baseUrl, origin: api.origin, token: api.token, accountId: api.accountId, rtmpBase, pid: process.pid })}\n`);
  } else {
    const lines = [
      `Fake RealtimeKit API listening`,
      ``,
      `  Base URL (realtimekit.apiBaseUrl):  ${api.baseUrl}`,
      `  API token (Realtime Admin):         ${api.token}`,
      `  Account id (Acme Streaming):        ${api.accountId}`,
      `  Second account id:                  ${FAKE_SECOND_ACCOUNT_ID}`,
      `  RTMP ingest (ingest_server):        ${api.ingest ? api.ingest.rtmpBase : 'off (--no-ingest): livestreams show Cloudflare URLs'}`,
      ``,
      `  Other tokens: ${Object.entries(FAKE_TOKENS)
        .filter(([name]) => name !== 'admin')
        .map(([name, value]) => `${name}=${value}`)
        .join('\n                ')}`,
      ``,
    ];
    if (o.seed !== false) {
      lines.push(
        `  Apps: Production Events ${SEED_IDS.productionApp}`,
        `        Staging           ${SEED_IDS.stagingApp}`,
        `        Load Test         ${SEED_IDS.bigApp}`,
        `  Meetings (Production Events): town hall ${SEED_IDS.townHallMeeting} (livestreaming), design review ${SEED_IDS.idleMeeting} (not)`,
        `  Meeting session (last week's town hall): ${SEED_IDS.townHallPastMeetingSession}`,
        ``,
      );
    }
    if (o.faults.length) lines.push(`  Faults: ${o.faults.map((f) => `${f.route} ${JSON.stringify(f.fault)}`).join('; ')}`, ``);
    const auth = `-H "Authorization: Bearer ${api.token}"`;
    const kit = `${api.baseUrl}/accounts/${api.accountId}/realtime/kit`;
    lines.push(
      `Try:`,
      `  curl -s ${auth} ${api.baseUrl}/user/tokens/verify`,
      `  curl -s ${auth} ${api.baseUrl}/accounts`,
      `  curl -s ${auth} ${kit}/apps`,
      `  curl -s ${auth} "${kit}/${SEED_IDS.productionApp}/livestreams?per_page=5&status=LIVE"`,
      `  curl -s ${auth} ${kit}/${SEED_IDS.productionApp}/livestreams/${SEED_IDS.liveStream}`,
      `  curl -s ${auth} ${kit}/${SEED_IDS.productionApp}/meetings/${SEED_IDS.townHallMeeting}/livestream`,
      `  curl -s ${auth} ${kit}/${SEED_IDS.productionApp}/analytics/livestreams/daywise`,
      `  curl -s -X POST ${auth} -H "Content-Type: application/json" -d '{"name":"My stream"}' ${kit}/${SEED_IDS.productionApp}/livestreams`,
      `Control (no auth):`,
      `  curl -s ${api.origin}/__control/info`,
      `  curl -s -X POST -d '{"route":"livestreams","fault":{"status":503,"times":1}}' ${api.origin}/__control/faults`,
      `  curl -s -X POST -d '{"status":"LIVE"}' ${api.origin}/__control/livestreams/${SEED_IDS.idleStream}`,
      `  curl -s -X POST ${api.origin}/__control/reset`,
      ...(api.ingest
        ? [
            `Publish a test pattern (the stream key is each livestream's stream_key; playback_url then serves HLS):`,
            `  ffmpeg -re -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine=frequency=440 \\`,
            `    -c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -g 60 -c:a aac \\`,
            `    -f flv "${api.ingest.rtmpBase}<stream key>"`,
            ...(api.ingest.hls ? [] : [`  (ffmpeg was not found: statuses follow publishes, but no HLS is written)`]),
          ]
        : []),
      ``,
      `Ctrl+C to stop.`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!o.json) process.stderr.write(`\nfake-api: ${signal}, closing\n`);
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
