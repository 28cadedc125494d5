// Command line for the fake OBS WebSocket server:
//   node out/test/fake-obs/cli.js [--port 4455] [--password P | --no-password] [--mode v5|v4|silent]
//     [--hang GetStreamStatus] [--delay StartStream=2000] [--light] [--json] [--verbose]
// Runs until SIGINT/SIGTERM. --json prints one line {url, password, mode, pid} and nothing else on stdout.
import { LIGHT_ENCODING, startFakeObs, type FakeObsMode, type FakeObsOptions } from './server';

interface CliOptions {
  port: number;
  host: string;
  password: string | null | undefined;
  mode: FakeObsMode;
  hang: string[];
  delayMs: Record<string, number>;
  ffmpeg: string | undefined;
  light: boolean;
  json: boolean;
  verbose: boolean;
}

const USAGE = `Usage: node out/test/fake-obs/cli.js [options]

  --port N              port to listen on (default 4455, OBS's; 0 = a free port)
  --host H              interface (default 127.0.0.1)
  --password P          server password (default: a random one, printed)
  --no-password         no authentication
  --mode M              v5 (default) | v4 (obs-websocket 4.x) | silent (never says Hello)
  --hang TYPE           never answer this request type (repeatable)
  --delay TYPE=MS       answer this request type after MS milliseconds (repeatable)
  --ffmpeg PATH         ffmpeg executable (default $FFMPEG or ffmpeg on PATH)
  --light               publish 640x360 x264 ultrafast 2500 kbps instead of OBS's 1280x720 veryfast 6000 kbps
  --json                print one JSON line {url, password, mode, pid} on stdout
  --verbose             log sessions, requests, output states and ffmpeg lines on stderr (stream keys redacted)
  --help                this text
`;

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { port: 4455, host: '127.0.0.1', password: undefined, mode: 'v5', hang: [], delayMs: {}, ffmpeg: undefined, light: false, json: false, verbose: false };
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
    switch (flag) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port needs a port number, got "${v}"`);
        o.port = Number(v);
        break;
      }
      case '--host':
        o.host = value();
        break;
      case '--password':
        o.password = value();
        break;
      case '--no-password':
        o.password = null;
        break;
      case '--mode': {
        const v = value();
        if (v !== 'v5' && v !== 'v4' && v !== 'silent') throw new Error(`--mode must be v5, v4 or silent, got "${v}"`);
        o.mode = v;
        break;
      }
      case '--hang':
        o.hang.push(value());
        break;
      case '--delay': {
        const v = value();
        const m = /^([A-Za-z]+)=(\d+)$/.exec(v);
        if (!m) throw new Error(`--delay needs TYPE=MS, got "${v}"`);
        o.delayMs[m[1]!] = Number(m[2]);
        break;
      }
      case '--ffmpeg':
        o.ffmpeg = value();
        break;
      case '--light':
        o.light = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--verbose':
        o.verbose = true;
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
  return o;
}

async function main(): Promise<void> {
  let o: CliOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fake-obs: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const options: FakeObsOptions = {
    port: o.port,
    host: o.host,
    password: o.password,
    mode: o.mode,
    hang: o.hang,
    delayMs: o.delayMs,
    ffmpegPath: o.ffmpeg,
    ...(o.light ? LIGHT_ENCODING : {}),
  };
  if (o.verbose) options.onLog = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const obs = await startFakeObs(options);

  if (o.json) {
    process.stdout.write(`${JSON.stringify({ url: obs.url, password: obs.password, mode: obs.mode, pid: process.pid })}\n`);
  } else {
    const lines = [
      `Fake OBS Studio WebSocket server (obs-websocket ${o.mode === 'v4' ? '4.x' : '5'}${o.mode === 'silent' ? ', silent: never sends Hello' : ''}) listening`,
      ``,
      `  Server URL:  ${obs.url}`,
      `  Password:    ${obs.password ?? '(none: authentication disabled)'}`,
      ``,
    ];
    if (o.hang.length) lines.push(`  Never answers: ${o.hang.join(', ')}`);
    const delays = Object.entries(o.delayMs);
    if (delays.length) lines.push(`  Delays: ${delays.map(([t, ms]) => `${t} ${ms} ms`).join(', ')}`);
    if (o.hang.length || delays.length) lines.push(``);
    lines.push(
      `StartStream publishes a test pattern with ffmpeg to the stream service's server + key`,
      `(SetStreamServiceSettings with streamServiceType "rtmp_custom"). --verbose shows what happens.`,
      ``,
      `Ctrl+C to stop.`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!o.json) process.stderr.write(`\nfake-obs: ${signal}, closing\n`);
    obs.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-obs: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
