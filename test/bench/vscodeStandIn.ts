// A minimal `vscode` module for loading the production bundle in plain Node: real classes for
// what the extension constructs (EventEmitter, TreeItem, ThemeIcon...), and a permissive stub for
// every other namespace member, so `activate()` runs exactly as it does in the editor.
import Module from 'node:module';

type Listener<T> = (e: T) => unknown;

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly fn: () => unknown) {}
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class TreeItem {
  [key: string]: unknown;
  constructor(
    public label: unknown,
    public collapsibleState = 0,
  ) {}
}

class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    public readonly id: string,
    public readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(public readonly id: string) {}
}

class MarkdownString {
  isTrusted = false;
  supportThemeIcons = false;
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string): this {
    this.value += `\n\`\`\`\n${code}\n\`\`\`\n`;
    return this;
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(':', ''), u.pathname, u.search.replace('?', ''));
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static from(parts: { scheme: string; path?: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...segments].join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string; query?: string }): Uri {
    return new Uri(this.scheme, change.path ?? this.path, change.query ?? this.query);
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

/** Anything not modelled: callable, constructible, every property another stub; never thenable. */
function stub(): unknown {
  const target = function () {
    /* stand-in */
  };
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'dispose') return () => undefined;
      return proxy;
    },
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/** A namespace whose listed members are real and whose other members are stubs. */
function namespace(members: Record<string, unknown>): unknown {
  return new Proxy(members, { get: (t, prop: string) => (prop in t ? t[prop] : stub()) });
}

export interface StandInOptions {
  /** Settings returned by getConfiguration('realtimekit'). */
  readonly settings: Record<string, unknown>;
  /** Secrets the extension finds in SecretStorage. */
  readonly secrets?: Record<string, string>;
  readonly visible?: boolean;
  /**
   * The host's ExtensionMode. Production (what users run) hands out no test API; the tree and
   * panel figures need it, so they run in Test mode. Default: test.
   */
  readonly mode?: 'production' | 'test';
}

const EXTENSION_MODE = { Production: 1, Development: 2, Test: 3 } as const;

export interface StandIn {
  readonly vscode: unknown;
  readonly context: unknown;
  readonly commands: Map<string, (...args: unknown[]) => unknown>;
  /** Log lines the extension wrote to its output channel. */
  readonly logLines: string[];
}

export function createStandIn(options: StandInOptions): StandIn {
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const logLines: string[] = [];
  const secrets = new Map(Object.entries(options.secrets ?? {}));
  const secretChanged = new EventEmitter<{ key: string }>();
  const log = (level: string) => (message: string) => void logLines.push(`${level} ${message}`);

  const vscode = {
    version: '1.100.3',
    Disposable,
    EventEmitter,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Uri,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ExtensionMode: EXTENSION_MODE,
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    commands: namespace({
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => commands.get(id)?.(...args),
    }),
    window: namespace({
      state: { focused: true },
      createOutputChannel: () => ({
        trace: log('trace'),
        debug: log('debug'),
        info: log('info'),
        warn: log('warn'),
        error: log('error'),
        append: () => undefined,
        appendLine: log('info'),
        show: () => undefined,
        dispose: () => undefined,
      }),
      createTreeView: () => ({
        visible: options.visible ?? true,
        onDidChangeVisibility: new EventEmitter().event,
        onDidExpandElement: new EventEmitter().event,
        onDidCollapseElement: new EventEmitter().event,
        onDidChangeSelection: new EventEmitter().event,
        reveal: async () => undefined,
        dispose: () => undefined,
      }),
      onDidChangeWindowState: new EventEmitter().event,
      registerFileDecorationProvider: () => new Disposable(() => undefined),
      registerWebviewPanelSerializer: () => new Disposable(() => undefined),
      createStatusBarItem: () => ({ show: () => undefined, hide: () => undefined, dispose: () => undefined }),
    }),
    workspace: namespace({
      getConfiguration: () => ({
        get: <T>(key: string, fallback?: T) => (key in options.settings ? (options.settings[key] as T) : fallback),
        has: (key: string) => key in options.settings,
        inspect: () => undefined,
        update: async () => undefined,
      }),
      onDidChangeConfiguration: new EventEmitter().event,
    }),
    env: namespace({ clipboard: { writeText: async () => undefined, readText: async () => '' }, language: 'en' }),
    // English, as VS Code gives it: no bundle.
    l10n: { bundle: undefined, uri: undefined, t: (message: string) => message },
  };

  const memento = () => {
    const data = new Map<string, unknown>();
    return { get: (k: string, d?: unknown) => (data.has(k) ? data.get(k) : d), update: async (k: string, v: unknown) => void data.set(k, v), keys: () => [...data.keys()] };
  };
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionMode: options.mode === 'production' ? EXTENSION_MODE.Production : EXTENSION_MODE.Test,
    extensionUri: Uri.file(process.cwd()),
    extensionPath: process.cwd(),
    extension: { packageJSON: { version: '0.0.0-bench' } },
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => {
        secrets.set(key, value);
        secretChanged.fire({ key });
      },
      delete: async (key: string) => {
        secrets.delete(key);
        secretChanged.fire({ key });
      },
      onDidChange: secretChanged.event,
    },
  };
  return { vscode: namespace(vscode), context, commands, logLines };
}

let current: StandIn | undefined;

/** Makes `require('vscode')` return the given stand-in (the latest one installed). */
export function installStandIn(standIn: StandIn): void {
  if (!current) {
    const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = mod._load;
    mod._load = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'vscode' ? current?.vscode : original.call(this, request, ...rest);
    };
  }
  current = standIn;
}
