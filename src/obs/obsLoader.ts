// Loads the OBS client on first use: obs-websocket-js and ws are half the size of the rest of the
// extension, and most windows never talk to OBS. esbuild builds obsClient.ts into dist/obsClient.js
// beside extension.js (see esbuild.js); the compiled tests find out/src/obs/obsClient.js the same way.
import type * as ObsClientModule from './obsClient';

let loaded: typeof ObsClientModule | undefined;

export function obsClientModule(): typeof ObsClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./obsClient') as typeof ObsClientModule;
  return loaded;
}
