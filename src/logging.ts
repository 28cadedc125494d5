// The output channel seen through the Logger interface, with a last line of defence: every line
// is redacted against the secrets known right now (the token, every stream key loaded) and the
// secret-looking patterns of api/redact.ts, whatever its caller already did.
// A vscode.LogOutputChannel satisfies `Logger` structurally, so this file needs no `vscode`.
import { redact } from './api/redact';
import type { Logger } from './log';

export function redactingLogger(sink: Logger, knownSecrets: () => Iterable<string | null | undefined>): Logger {
  const clean = (message: string): string => redact(message, [...knownSecrets()]);
  return {
    trace: (message) => sink.trace(clean(message)),
    debug: (message) => sink.debug(clean(message)),
    info: (message) => sink.info(clean(message)),
    warn: (message) => sink.warn(clean(message)),
    error: (message) => sink.error(clean(message)),
  };
}
