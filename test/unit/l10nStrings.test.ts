// Localisation, kept honest without VS Code: package.json and package.nls.json stay in step (every
// %key% exists, every key is used, no user-visible field of `contributes` is a literal), and what
// `@vscode/l10n-dev export` extracts from src/ (the l10n/bundle.l10n.json of the build) is whole:
// no empty message, and every l10n.t() call (read with the TypeScript parser) is in it under the
// key @vscode/l10n looks it up by, has as many arguments as placeholders, and does not run at
// module load (before activate() configures the bundle).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { contributes: unknown };
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** Fields a person reads, wherever they are in `contributes` (arrays: each element). */
const VISIBLE_FIELDS = new Set([
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'contents',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'patternErrorMessage',
  'label',
  'altText',
  'placeholder',
]);

/** [json path, string] for every string in a value. */
function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

/** The last property name of a json path (array indexes skipped). */
const fieldOf = (at: string): string => at.replace(/(\[\d+\])+$/, '').split('.').pop()!;

const NLS_REF = /^%([^%]+)%$/;

/** Every TypeScript file under src/. */
function sourceFiles(dir = path.join(ROOT, 'src'), out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

interface Call {
  readonly at: string;
  /** What @vscode/l10n looks up at runtime (`message/comment…` when there is a comment), or a problem. */
  readonly key: string | undefined;
  readonly problems: string[];
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** Every `l10n.t(…)` call of a file, read as @vscode/l10n will at runtime. */
function callsIn(file: string): Call[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  // A webview entry configures the bundle by importing l10nSetup first: its top level runs after.
  const firstImport = source.statements.find(ts.isImportDeclaration);
  const configuredFirst = !!firstImport && /l10nSetup'$/.test(firstImport.moduleSpecifier.getText().replace(/"/g, "'"));
  const calls: Call[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't' && node.expression.expression.getText() === 'l10n') {
      const at = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const problems: string[] = [];
      let inFunction = false;
      for (let p: ts.Node | undefined = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) inFunction = true;
      if (!inFunction && !configuredFirst) problems.push('called at module load, before the bundle is configured');
      const [first, ...rest] = node.arguments;
      let message: string | undefined;
      let comment: string[] = [];
      let args: number | undefined = rest.some(ts.isSpreadElement) ? undefined : rest.length;
      if (first && ts.isObjectLiteralExpression(first)) {
        const prop = (name: string) => first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer;
        message = literal(prop('message'));
        const c = prop('comment');
        if (c && ts.isArrayLiteralExpression(c) && c.elements.every((e) => literal(e) !== undefined)) comment = c.elements.map((e) => literal(e)!);
        else if (literal(c) !== undefined) comment = [literal(c)!];
        else if (c || first.properties.some((p) => !ts.isPropertyAssignment(p))) problems.push('a comment the export cannot read (not a literal, or a shorthand/spread)');
        const a = prop('args');
        args = a && ts.isArrayLiteralExpression(a) && !a.elements.some(ts.isSpreadElement) ? a.elements.length : a ? undefined : 0;
      } else {
        message = literal(first);
      }
      if (message === undefined) problems.push('a message that is not a literal');
      const highest = message === undefined ? 0 : Math.max(0, ...[...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]) + 1));
      // No arguments at all: a template whose placeholders the webview fills with elements (dom.fill).
      if (args !== undefined && args !== 0 && args !== highest) problems.push(`${highest} placeholder(s), ${args} argument(s)`);
      calls.push({ at, key: message === undefined ? undefined : comment.length ? `${message}/${comment.join('')}` : message, problems });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

describe('package.json and package.nls.json', () => {
  const all = [...strings(pkg, 'package')];
  const used = new Map(all.flatMap(([at, s]) => (NLS_REF.test(s) ? [[NLS_REF.exec(s)![1]!, at] as const] : [])));

  it('every %key% of package.json exists in package.nls.json', () => {
    const missing = [...used].filter(([key]) => !(key in nls)).map(([key, at]) => `${at}: %${key}%`);
    assert.deepEqual(missing, []);
  });

  it('every key of package.nls.json is used by package.json', () => {
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('every English string is a non-empty string', () => {
    assert.deepEqual(Object.entries(nls).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k), []);
  });

  it('no user-visible field of contributes (nor the display name and description) is a literal', () => {
    const literals = [...strings(pkg.contributes, 'contributes')]
      .filter(([at]) => VISIBLE_FIELDS.has(fieldOf(at)))
      .filter(([at]) => !/\.walkthroughs\[\d+\]\.steps\[\d+\]\.media\./.test(at) || fieldOf(at) === 'altText')
      .filter(([, s]) => !NLS_REF.test(s))
      .map(([at, s]) => `${at}: ${JSON.stringify(s)}`);
    for (const field of ['displayName', 'description']) {
      if (!NLS_REF.test(String(pkg[field]))) literals.push(`${field}: ${JSON.stringify(pkg[field])}`);
    }
    assert.deepEqual(literals, []);
  });

  it('names the bundle folder for VS Code', () => {
    assert.equal(pkg.l10n, './l10n');
  });
});

describe('the exported bundle (l10n-dev export over src/)', function () {
  this.timeout(30_000);
  let bundle: Record<string, string | { message: string; comment: string[] }> = {};

  before(() => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rtk-l10n-export-'));
    try {
      const cli = require.resolve('@vscode/l10n-dev/dist/cli.js');
      const res = spawnSync(process.execPath, [cli, 'export', '-o', out, path.join(ROOT, 'src')], { encoding: 'utf8' });
      assert.equal(res.status, 0, `export failed:\n${res.stdout}${res.stderr}`);
      const file = path.join(out, 'bundle.l10n.json');
      bundle = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as typeof bundle) : {};
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('has messages (the shells and the extension have some at least)', () => {
    assert.ok(Object.keys(bundle).length > 0);
  });

  it('holds every l10n.t() call of src/ under the key it is looked up by, each whole: literal, placeholders = arguments, never at module load', () => {
    const calls = sourceFiles().flatMap(callsIn);
    assert.ok(calls.length > 500, `only ${calls.length} calls found`);
    const wrong = calls.flatMap((c) => [
      ...c.problems.map((p) => `${c.at}: ${p}`),
      ...(c.key !== undefined && !(c.key in bundle) ? [`${c.at}: not in the export under ${JSON.stringify(c.key.slice(0, 80))}`] : []),
    ]);
    assert.deepEqual(wrong, []);
  });

  it('has no empty message', () => {
    const empty = Object.entries(bundle)
      .filter(([, v]) => (typeof v === 'string' ? v : v.message).trim() === '')
      .map(([k]) => JSON.stringify(k));
    assert.deepEqual(empty, []);
  });
});

describe('l10n.t calls in src/', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(ROOT, 'src'));
  const where = (file: string, text: string, index: number) => `${path.relative(ROOT, file)}:${text.slice(0, index).split('\n').length}`;
  /** A file's text with its comment lines blanked (line numbers kept): comments may name l10n.t(). */
  const code = (file: string): string =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? '' : line))
      .join('\n');

  it('only the one mechanism: @vscode/l10n, never vscode.l10n.t', () => {
    const hits = files.flatMap((f) => {
      const text = code(f);
      return [...text.matchAll(/\bvscode\.l10n\.t\s*\(/g)].map((m) => where(f, text, m.index));
    });
    assert.deepEqual(hits, []);
  });

  it('every l10n.t() has a literal message the export can extract (a quoted string, or { message: a quoted string })', () => {
    const hits = files.flatMap((f) => {
      const text = code(f);
      return [...text.matchAll(/\bl10n\.t\s*\(\s*(?!['"]|\{\s*message\s*:\s*['"])/g)].map((m) => `${where(f, text, m.index)}: ${text.slice(m.index, m.index + 60).split('\n')[0]}`);
    });
    assert.deepEqual(hits, []);
  });

  it('imports @vscode/l10n exactly as `import * as l10n` where it calls l10n.t', () => {
    const hits = files.filter((f) => {
      const text = code(f);
      return /\bl10n\.t\s*\(/.test(text) && !/^import \* as l10n from '@vscode\/l10n';$/m.test(text);
    });
    assert.deepEqual(hits.map((f) => path.relative(ROOT, f)), []);
  });
});
