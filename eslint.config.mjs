import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The layers of src/, top to bottom. A module may import from its own layer and the layers below
// it, never from a layer above (README, "Layout"). The webview is its own world: it runs in the
// browser and shares only the contract and the pure helpers with the extension.
const LAYERS = [
  { name: 'the extension entry point', paths: ['src/extension.ts'] },
  { name: 'commands', paths: ['src/commands'] },
  { name: 'views', paths: ['src/tree', 'src/panel', 'src/preview', 'src/dashboard', 'src/statusBar.ts'] },
  { name: 'the store and the connection', paths: ['src/store', 'src/connection'] },
  { name: 'the API clients (RealtimeKit, OBS)', paths: ['src/api', 'src/obs'] },
  { name: 'the panel/webview contract', paths: ['src/contract'] },
  { name: 'shared pure helpers', paths: ['src/shared'] },
];
const WEBVIEW = ['src/webview'];

const layerZones = LAYERS.flatMap((layer, index) =>
  layer.paths.map((target) => ({
    target,
    from: [...LAYERS.slice(0, index).flatMap((l) => l.paths), ...WEBVIEW],
    message: `Imports point down: ${layer.name} must not import from a layer above it (see the layers in eslint.config.mjs).`,
  })),
);
const webviewZone = {
  target: WEBVIEW,
  from: LAYERS.filter((l) => !['the panel/webview contract', 'shared pure helpers'].includes(l.name)).flatMap((l) => l.paths),
  message: 'The webview imports only the contract (src/contract) and the shared pure helpers (src/shared).',
};

// The functional core: plain TypeScript that unit tests load without VS Code.
const NO_VSCODE = [
  'src/shared/**',
  'src/contract/**',
  'src/api/**',
  'src/obs/**',
  'src/store/**',
  'src/connection/**',
  'src/webview/**',
  'src/tree/model.ts',
  'src/tree/accessibility.ts',
  'src/tree/nodes.ts',
  'src/tree/autoRefresh.ts',
  'src/tree/changes.ts',
  'src/panel/controller.ts',
  'src/panel/viewModel.ts',
  'src/panel/chart.ts',
  'src/panel/html.ts',
  'src/preview/controller.ts',
  'src/preview/html.ts',
  'src/panel/badges.ts',
  'src/panel/sessionDetails.ts',
  'src/panel/meetingView.ts',
  'src/panel/sessionsView.ts',
  'src/panel/goLiveView.ts',
  'src/panel/panelData.ts',
  'src/panel/panelEnv.ts',
  'src/dashboard/controller.ts',
  'src/dashboard/viewModel.ts',
  'src/commands/quickPickItems.ts',
  'src/commands/inputs.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.editor/**', '.test-output/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, webviewZone] }],
    },
  },
  {
    files: NO_VSCODE,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The functional core stays free of `vscode`: unit tests load it on plain Node.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
