// Bundles the extension (Node, CommonJS, `vscode` external), the OBS client it loads on demand,
// and the two webview scripts (browser: the livestream panel's and the app dashboard's) separately, and copies the codicon font next to them so the webview loads it from the bundle.
// First it exports l10n/bundle.l10n.json (every l10n.t message in src/) with @vscode/l10n-dev: a
// generated file, git-ignored, shipped in the .vsix (the file translators translate).
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * Bundles of their own, loaded with require() on first use: the OBS client (obs-websocket-js and
 * ws, half the size of everything else) the first time OBS is used, the app dashboard the first
 * time one opens. Leave those requires in place.
 */
const ON_DEMAND = [
  { module: './obsClient', importer: path.join('src', 'obs', 'obsLoader.ts') },
  { module: './dashboardManager', importer: path.join('src', 'dashboard', 'dashboards.ts') },
];
const onDemand = {
  name: 'on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/(obsClient|dashboardManager)$/ }, (args) =>
      ON_DEMAND.some((d) => d.module === args.path && args.importer.endsWith(d.importer)) ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * An on-demand bundle carries its own copy of @vscode/l10n, which activate() never configured:
 * inside those bundles '@vscode/l10n' is the library configured with vscode.l10n.bundle as the
 * bundle loads (after activation), so their l10n.t() translates like the main bundle's.
 */
const configuredL10n = {
  name: 'configured-l10n',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/l10n$/ }, (args) =>
      args.namespace === 'configured-l10n' ? undefined : { path: '@vscode/l10n', namespace: 'configured-l10n' },
    );
    build.onLoad({ filter: /.*/, namespace: 'configured-l10n' }, () => ({
      resolveDir: __dirname,
      loader: 'js',
      contents: [
        "const vscode = require('vscode');",
        "const l10n = require('@vscode/l10n');",
        'const bundle = vscode.l10n.bundle;',
        "if (bundle && typeof bundle === 'object') l10n.config({ contents: bundle });",
        'module.exports = l10n;',
      ].join('\n'),
    }));
  },
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [onDemand] },
  { ...node, entryPoints: ['src/obs/obsClient.ts'], outfile: 'dist/obsClient.js', plugins: [configuredL10n] },
  { ...node, entryPoints: ['src/dashboard/dashboardManager.ts'], outfile: 'dist/dashboardManager.js', plugins: [configuredL10n] },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The playback preview: hls.js's light build, loaded by the preview webview only.
  {
    ...common,
    entryPoints: ['src/webview/preview/main.ts'],
    outfile: 'dist/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The app dashboard's own script: it loads only what the dashboard renders.
  {
    ...common,
    entryPoints: ['src/webview/dashboard.ts'],
    outfile: 'dist/dashboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

/**
 * `vscode-l10n-dev export -o ./l10n ./src`, from scratch so a message removed from src/ leaves the
 * bundle too. With no message at all it writes nothing, and VS Code runs in English without it.
 */
function exportL10nBundle() {
  const outDir = path.join(__dirname, 'l10n');
  fs.rmSync(path.join(outDir, 'bundle.l10n.json'), { force: true });
  const cli = require.resolve('@vscode/l10n-dev/dist/cli.js');
  const res = spawnSync(process.execPath, [cli, 'export', '-o', outDir, path.join(__dirname, 'src')], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`@vscode/l10n-dev export failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
}

async function main() {
  fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  exportL10nBundle();
  copyCodicons();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] watching src/ for changes');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
