// Pure formatting: durations, times, masking and the encoder strings people paste into OBS or a
// shell. No `vscode` here, so the tree, the panel and unit tests share one implementation.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 0 -> "0s", 75 -> "1m 15s", 3725 -> "1h 2m", 90000 -> "1d 1h". Negative or NaN count as 0. */
export function formatSeconds(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.round(totalSeconds) : 0;
  if (s < MINUTE) {
    return `${s}s`;
  }
  if (s < HOUR) {
    const rest = s % MINUTE;
    return rest ? `${Math.floor(s / MINUTE)}m ${rest}s` : `${s / MINUTE}m`;
  }
  if (s < DAY) {
    const rest = Math.floor((s % HOUR) / MINUTE);
    return rest ? `${Math.floor(s / HOUR)}h ${rest}m` : `${Math.floor(s / HOUR)}h`;
  }
  const rest = Math.floor((s % DAY) / HOUR);
  return rest ? `${Math.floor(s / DAY)}d ${rest}h` : `${Math.floor(s / DAY)}d`;
}

/** "50 ms", "1.5 s", "20 s": how long a request took or waited, for logs and error messages. */
export function formatElapsedMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) {
    return null;
  }
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * "just now", "5 min ago", "3 h ago", "2 days ago", "in 4 min"; "" for a missing or bad time.
 * `spoken` spells the short units out ("5 minutes ago", "1 hour ago"): screen readers say
 * "min" and "h" as letters or as other words.
 */
export function formatRelativeTime(iso: string | null | undefined, now: number = Date.now(), style: 'short' | 'spoken' = 'short'): string {
  const t = parseTime(iso);
  if (t === null) {
    return '';
  }
  const diff = Math.round((now - t) / 1000);
  const future = diff < 0;
  const s = Math.abs(diff);
  const count = (n: number, unit: string) => `${n} ${n === 1 ? unit : `${unit}s`}`;
  let text: string;
  if (s < 45) {
    return 'just now';
  } else if (s < HOUR) {
    const minutes = Math.max(1, Math.round(s / MINUTE));
    text = style === 'spoken' ? count(minutes, 'minute') : `${minutes} min`;
  } else if (s < DAY) {
    const hours = Math.round(s / HOUR);
    text = style === 'spoken' ? count(hours, 'hour') : `${hours} h`;
  } else if (s < 30 * DAY) {
    text = count(Math.round(s / DAY), 'day');
  } else if (s < 365 * DAY) {
    text = count(Math.round(s / (30 * DAY)), 'month');
  } else {
    text = count(Math.round(s / (365 * DAY)), 'year');
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** "2026-11-28 04:22:44 UTC": unambiguous, for tooltips next to a relative time. */
export function formatAbsoluteTime(iso: string | null | undefined): string {
  const t = parseTime(iso);
  if (t === null) {
    return '—';
  }
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** Seconds between two times, or null when either is missing. A missing stop means "until now". */
export function secondsBetween(startIso: string | null, stopIso: string | null, now: number = Date.now()): number | null {
  const start = parseTime(startIso);
  if (start === null) {
    return null;
  }
  const stop = parseTime(stopIso) ?? now;
  return Math.max(0, Math.round((stop - start) / 1000));
}

/** A fixed-length mask, so the length of the key leaks nothing either. */
export const MASK = '•'.repeat(16);

/**
 * The full RTMP(S) URL for tools that take one string (ffmpeg). OBS wants server and key
 * separately; this joins them with exactly one slash.
 */
export function joinRtmpUrl(ingestServer: string, streamKey: string): string {
  return ingestServer.endsWith('/') ? `${ingestServer}${streamKey}` : `${ingestServer}/${streamKey}`;
}

/** Quote for POSIX shells: single quotes survive everything but single quotes themselves. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A ready command that streams a test pattern with a tone: enough to see a livestream go LIVE
 * without a camera. H.264 + AAC in FLV is what Cloudflare's RTMPS ingest expects.
 */
export function ffmpegTestPatternCommand(ingestServer: string, streamKey: string): string {
  return ['ffmpeg', ...ffmpegTestPatternArgs(joinRtmpUrl(ingestServer, streamKey))].map(shellQuote).join(' ');
}

/**
 * The same test pattern as arguments for ffmpeg itself (Stream Test Pattern runs it without a
 * shell): 720p30 with a keyframe every 2 s, 2.5 Mbps CBR-ish H.264 and 128 kbps AAC.
 */
export function ffmpegTestPatternArgs(rtmpUrl: string): string[] {
  return [
    ...['-re', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '60', '-b:v', '2500k'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-f', 'flv', rtmpUrl],
  ];
}

/** Names longer than this are shortened in labels and tab titles (the tooltip and panel show them whole). */
export const MAX_LABEL_LENGTH = 200;

/** A name fit for a one-line label: whitespace runs (newlines included) as one space, at most `max` characters. */
export function shortenName(name: string, max: number = MAX_LABEL_LENGTH): string {
  const flat = name.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
