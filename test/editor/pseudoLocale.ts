// A code-server whose display language is the pseudo-locale qps-ploc, with the packaged extension's
// own pseudo translations beside its English (test/e2e/pseudoLocale.e2e.ts).
//
// How the language reaches VS Code: `--locale qps-ploc` makes code-server resolve the workbench's
// language pack for qps-ploc in `<user-data>/languagepacks.json` (what installing Microsoft's
// "Pseudo Language Language Pack" writes; the gallery is out of reach here). We write that entry,
// pointing at VS Code's own messages run through @vscode/l10n-dev's pseudo-localiser, so the
// workbench really runs in qps-ploc: `vscode.env.language` is 'qps-ploc' in the extension host,
// VS Code loads `package.nls.qps-ploc.json` and `l10n/bundle.l10n.qps-ploc.json` from the installed
// extension, and VS Code's own words are pseudo text too (so a plain English word on screen is ours).
//
// The extension's pseudo files are generated at test time from the files the .vsix installed
// (the shipped package.nls.json and l10n/bundle.l10n.json) into .test-output/pseudo-locale/, then
// copied into the INSTALLED extension's folder of the test profile: they never reach the .vsix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nPseudoLocalized } from '@vscode/l10n-dev';
import { EDITOR_DIR, EXTENSION_ID, TEST_OUTPUT_DIR } from './codeServer';

export const PSEUDO_LOCALE = 'qps-ploc';
export const PSEUDO_DIR = path.join(TEST_OUTPUT_DIR, 'pseudo-locale');
const VSCODE_OUT = path.join(EDITOR_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out');

/** What the extension's pseudo files hold, for the test's expectations. */
export interface PseudoExtension {
  /** The installed extension's folder. */
  readonly dir: string;
  /** package.nls.qps-ploc.json */
  readonly nls: Record<string, string>;
  /** l10n/bundle.l10n.qps-ploc.json ({} when the extension has no l10n.t message yet). */
  readonly bundle: Record<string, string>;
}

/**
 * VS Code's own messages in pseudo text, as a language pack's translations file
 * (`{ contents: { module: { key: message } } }`), cached per code-server build.
 */
function vscodePseudoTranslations(): string {
  const keysFile = path.join(VSCODE_OUT, 'nls.keys.json');
  const messagesFile = path.join(VSCODE_OUT, 'nls.messages.json');
  const stamp = `${fs.statSync(messagesFile).mtimeMs}`;
  const out = path.join(PSEUDO_DIR, 'vscode', `main.${PSEUDO_LOCALE}.i18n.json`);
  const stampFile = `${out}.stamp`;
  if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return out;
  const keys = JSON.parse(fs.readFileSync(keysFile, 'utf8')) as Array<[string, string[]]>;
  const messages = JSON.parse(fs.readFileSync(messagesFile, 'utf8')) as string[];
  const pseudo = getL10nPseudoLocalized(Object.fromEntries(messages.map((m, i) => [String(i), m])));
  const contents: Record<string, Record<string, string>> = {};
  let i = 0;
  for (const [module, moduleKeys] of keys) {
    const entry: Record<string, string> = (contents[module] = {});
    for (const key of moduleKeys) {
      const value = pseudo[String(i++)];
      if (typeof value === 'string') entry[key] = value;
    }
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ version: '1.0.0', contents }));
  fs.writeFileSync(stampFile, stamp);
  return out;
}

/**
 * The `languagepacks.json` entry code-server reads for `--locale qps-ploc` (the shape
 * VS Code's language pack service writes when a language pack is installed).
 */
export function installPseudoLanguagePack(userDataDir: string): void {
  const translations = vscodePseudoTranslations();
  const packs = {
    [PSEUDO_LOCALE]: {
      hash: `rtk-pseudo-${fs.statSync(translations).mtimeMs.toFixed(0)}`,
      extensions: [{ extensionIdentifier: { id: 'rtk-tests.pseudo-language-pack' }, version: '1.0.0' }],
      translations: { vscode: translations },
      label: 'Pseudo Language',
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** The installed folder of our extension in an extensions dir. */
export function installedExtensionDir(extensionsDir: string): string {
  const name = fs.readdirSync(extensionsDir).find((n) => n.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!name) throw new Error(`${EXTENSION_ID} is not installed in ${extensionsDir}`);
  return path.join(extensionsDir, name);
}

/**
 * `vscode-l10n-dev generate-pseudo` over the installed extension's package.nls.json and
 * l10n/bundle.l10n.json (copied to .test-output/pseudo-locale/extension/ first), then the two
 * qps-ploc files copied into the installed folder, where VS Code looks for them.
 */
export function pseudoLocalizeExtension(extensionsDir: string): PseudoExtension {
  const dir = installedExtensionDir(extensionsDir);
  const work = path.join(PSEUDO_DIR, 'extension');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'l10n'), { recursive: true });
  const inputs = ['package.nls.json', path.join('l10n', 'bundle.l10n.json')].filter((f) => fs.existsSync(path.join(dir, f)));
  if (!inputs.includes('package.nls.json')) throw new Error(`the installed extension has no package.nls.json (${dir})`);
  for (const f of inputs) fs.copyFileSync(path.join(dir, f), path.join(work, f));
  const cli = require.resolve('@vscode/l10n-dev/dist/cli.js');
  const res = spawnSync(process.execPath, [cli, 'generate-pseudo', '-l', PSEUDO_LOCALE, ...inputs], { cwd: work, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`generate-pseudo failed (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
  const outputs = inputs.map((f) => f.replace(/\.json$/, `.${PSEUDO_LOCALE}.json`));
  for (const f of outputs) {
    if (!fs.existsSync(path.join(work, f))) throw new Error(`generate-pseudo wrote no ${f}:\n${res.stdout}${res.stderr}`);
    fs.copyFileSync(path.join(work, f), path.join(dir, f));
  }
  const read = (f: string): Record<string, string> => (fs.existsSync(path.join(work, f)) ? (JSON.parse(fs.readFileSync(path.join(work, f), 'utf8')) as Record<string, string>) : {});
  return { dir, nls: read(`package.nls.${PSEUDO_LOCALE}.json`), bundle: read(path.join('l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`)) };
}
