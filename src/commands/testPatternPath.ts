// Where ffmpeg is: the first executable of that name on PATH (with PATHEXT on Windows). Its own
// module, free of `vscode`, so unit tests can check it.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The first `name` (plus .exe and the like on Windows) on PATH, or undefined. */
export function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext.toLowerCase());
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
