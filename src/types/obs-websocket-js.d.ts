// obs-websocket-js names its JSON build in package.json "exports" ("obs-websocket-js/json"),
// which TypeScript's node10 resolution used here does not read (esbuild and Node do). The
// package's top-level types are that JSON build's: declare the subpath as the same module.
declare module 'obs-websocket-js/json' {
  export * from 'obs-websocket-js';
  export { default } from 'obs-websocket-js';
}
