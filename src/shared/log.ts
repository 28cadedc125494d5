// The logging seam. The shell passes a LogOutputChannel (it satisfies `Logger` structurally, so
// this file needs no `vscode`); unit tests pass an array-backed logger. `redactingLogger` is the
// last line of defence in front of the channel: every line is redacted against the secrets known
// right now (the token, every stream key loaded) and the secret-looking patterns of redact.ts,
// whatever its caller already did.
import { redact } from './redact';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

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
