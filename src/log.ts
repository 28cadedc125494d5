// The logging seam: the shell passes a LogOutputChannel, unit tests pass an array-backed logger.
// Everything that reaches a Logger has already been redacted by its caller.
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
