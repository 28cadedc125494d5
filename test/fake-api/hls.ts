// Real HLS for the fake's ingest: one ffmpeg per publish reads the published FLV on its stdin and
// writes a live playlist plus MPEG-TS segments into a folder of its own. The ingest serves them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MANIFEST = 'video.m3u8';

/** True when `ffmpeg -version` runs. */
export function ffmpegAvailable(ffmpegPath: string): boolean {
  const r = spawnSync(ffmpegPath, ['-version'], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

export interface HlsWriter {
  readonly dir: string;
  /** True once the playlist exists (it lists at least one complete segment). */
  readonly ready: boolean;
  write(chunk: Buffer): void;
  /** Ends the input (ffmpeg finishes the playlist), kills ffmpeg if it lingers, deletes the folder. */
  stop(opts?: { now?: boolean }): Promise<void>;
}

export interface HlsWriterOptions {
  ffmpegPath: string;
  /** The folder to create (its parent must exist). */
  dir: string;
  onReady: () => void;
  log: (line: string) => void;
}

// How long a stopping ffmpeg may take to write its last segment before it is killed.
const STOP_GRACE_MS = 3000;

export function startHlsWriter(o: HlsWriterOptions): HlsWriter {
  fs.mkdirSync(o.dir);
  const child: ChildProcess = spawn(
    o.ffmpegPath,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      // Probing would otherwise hold the first segment back: 20 frames to guess a frame rate that
      // copying never needs, and up to 5 s waiting for a track that never comes (video-only).
      '-fpsprobesize',
      '0',
      '-analyzeduration',
      '1000000',
      '-f',
      'flv',
      '-i',
      'pipe:0',
      '-c',
      'copy',
      '-f',
      'hls',
      // Segments can only be cut at keyframes: with a 1 s target each segment is one GOP, so the
      // first playlist appears one keyframe interval after the first keyframe.
      '-hls_time',
      '1',
      '-hls_list_size',
      '6',
      // temp_file: the playlist and segments are renamed into place whole, never served half-written.
      '-hls_flags',
      'delete_segments+temp_file+independent_segments',
      '-hls_segment_filename',
      path.join(o.dir, 'seg_%05d.ts'),
      path.join(o.dir, MANIFEST),
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let ready = false;
  let exited = false;
  let stderr = '';
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => {
      exited = true;
      resolve();
    });
    // 'close' is not promised after a failed spawn.
    child.once('error', (err) => {
      exited = true;
      o.log(`hls: cannot run ${o.ffmpegPath}: ${err.message}`);
      resolve();
    });
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-2000);
  });
  // The encoder may vanish while a write is pending; ffmpeg then sees EOF anyway.
  child.stdin?.on('error', () => undefined);

  const manifest = path.join(o.dir, MANIFEST);
  const watcher = fs.watch(o.dir, () => {
    if (!ready && fs.existsSync(manifest)) {
      ready = true;
      watcher.close();
      o.onReady();
    }
  });
  watcher.on('error', () => watcher.close());

  let stopping: Promise<void> | null = null;
  return {
    dir: o.dir,
    get ready() {
      return ready;
    },
    write(chunk) {
      if (!exited && !stopping && child.stdin?.writable) child.stdin.write(chunk);
    },
    stop(opts = {}) {
      if (!stopping) {
        stopping = (async () => {
          watcher.close();
          if (!exited) {
            if (opts.now) child.kill('SIGKILL');
            else child.stdin?.end();
            const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
            await exit;
            clearTimeout(timer);
            const code = child.exitCode;
            if (!opts.now && code !== 0 && code !== null && stderr.trim()) o.log(`hls: ffmpeg exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
          }
          fs.rmSync(o.dir, { recursive: true, force: true });
        })();
      }
      return stopping;
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
};

/** Content type of a file the writer produces, or null for a name it never writes. */
export function hlsContentType(name: string): string | null {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name)) return null;
  return CONTENT_TYPES[path.extname(name)] ?? null;
}
