// hls.js's light build (no subtitles, alternate audio, DRM or CMCD: a preview needs none of them)
// has the full build's types; tsc's CommonJS resolution does not read the package's "exports".
declare module 'hls.js/dist/hls.light.mjs' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
