// The real encoder of the browser tests: Debian's ffmpeg publishing a test pattern and a tone
// into the fake API's RTMP ingest until stopped (go live, the playback preview).
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts publishing to `url` (ingest server + stream key). */
export function publish(url: string): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440'];
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'aac', '-f', 'flv', url);
  return spawn('ffmpeg', args, { stdio: 'ignore' });
}

/** Stops an encoder as a person would (SIGINT: ffmpeg closes the stream), once it has exited. */
export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
