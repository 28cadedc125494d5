// Pure formatting: durations, times, masking and the encoder strings people paste into OBS or a
// shell. No `vscode` here, so the tree, the panel and unit tests share one implementation.
// What people read (durations, relative times) is translated form by form with @vscode/l10n;
// what goes to a shell, an encoder or a log line is not.
import * as l10n from '@vscode/l10n';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 0 -> "0s", 75 -> "1m 15s", 3725 -> "1h 2m", 90000 -> "1d 1h". Negative or NaN count as 0. */
export function formatSeconds(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.round(totalSeconds) : 0;
  if (s < MINUTE) {
    return l10n.t({ message: '{0}s', args: [s], comment: ['A short duration: {0} seconds ("s" abbreviates seconds)'] });
  }
  if (s < HOUR) {
    const rest = s % MINUTE;
    return rest
      ? l10n.t({ message: '{0}m {1}s', args: [Math.floor(s / MINUTE), rest], comment: ['A short duration: {0} minutes and {1} seconds ("m" and "s" abbreviate them)'] })
      : l10n.t({ message: '{0}m', args: [s / MINUTE], comment: ['A short duration: {0} minutes ("m" abbreviates minutes)'] });
  }
  if (s < DAY) {
    const rest = Math.floor((s % HOUR) / MINUTE);
    return rest
      ? l10n.t({ message: '{0}h {1}m', args: [Math.floor(s / HOUR), rest], comment: ['A short duration: {0} hours and {1} minutes ("h" and "m" abbreviate them)'] })
      : l10n.t({ message: '{0}h', args: [Math.floor(s / HOUR)], comment: ['A short duration: {0} hours ("h" abbreviates hours)'] });
  }
  const rest = Math.floor((s % DAY) / HOUR);
  return rest
    ? l10n.t({ message: '{0}d {1}h', args: [Math.floor(s / DAY), rest], comment: ['A short duration: {0} days and {1} hours ("d" and "h" abbreviate them)'] })
    : l10n.t({ message: '{0}d', args: [Math.floor(s / DAY)], comment: ['A short duration: {0} days ("d" abbreviates days)'] });
}

/** "50 ms", "1.5 s", "20 s": how long a request took or waited, for log lines (English, not translated). */
export function formatElapsedMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** The same as formatElapsedMs, translated: for messages people read (a timeout's error message). */
export function formatElapsed(ms: number): string {
  return ms < 1000
    ? l10n.t({ message: '{0} ms', args: [Math.round(ms)], comment: ['A duration in milliseconds'] })
    : l10n.t({ message: '{0} s', args: [Number((ms / 1000).toFixed(1))], comment: ['A duration in seconds, e.g. "1.5 s"'] });
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
  if (s < 45) {
    return l10n.t('just now');
  } else if (s < HOUR) {
    return relative(style === 'spoken' ? 'minute' : 'min', Math.max(1, Math.round(s / MINUTE)), future);
  } else if (s < DAY) {
    return relative(style === 'spoken' ? 'hour' : 'h', Math.round(s / HOUR), future);
  } else if (s < 30 * DAY) {
    return relative('day', Math.round(s / DAY), future);
  } else if (s < 365 * DAY) {
    return relative('month', Math.round(s / (30 * DAY)), future);
  }
  return relative('year', Math.round(s / (365 * DAY)), future);
}

/** Each relative time whole ("5 min ago", "in 1 day"), so a translator can order and inflect it. */
function relative(unit: 'min' | 'h' | 'minute' | 'hour' | 'day' | 'month' | 'year', n: number, future: boolean): string {
  const one = n === 1;
  switch (unit) {
    case 'min': {
      return future ? l10n.t({ message: 'in {0} min', args: [n], comment: ['{0} is a number of minutes, "min" abbreviates minutes (short, for a narrow label)'] }) : l10n.t({ message: '{0} min ago', args: [n], comment: ['{0} is a number of minutes, "min" abbreviates minutes (short, for a narrow label)'] });
    }
    case 'h': {
      return future ? l10n.t({ message: 'in {0} h', args: [n], comment: ['{0} is a number of hours, "h" abbreviates hours (short, for a narrow label)'] }) : l10n.t({ message: '{0} h ago', args: [n], comment: ['{0} is a number of hours, "h" abbreviates hours (short, for a narrow label)'] });
    }
    case 'minute':
      if (future) return one ? l10n.t('in 1 minute') : l10n.t({ message: 'in {0} minutes', args: [n], comment: ['{0} is a number of minutes'] });
      return one ? l10n.t('1 minute ago') : l10n.t({ message: '{0} minutes ago', args: [n], comment: ['{0} is a number of minutes'] });
    case 'hour':
      if (future) return one ? l10n.t('in 1 hour') : l10n.t({ message: 'in {0} hours', args: [n], comment: ['{0} is a number of hours'] });
      return one ? l10n.t('1 hour ago') : l10n.t({ message: '{0} hours ago', args: [n], comment: ['{0} is a number of hours'] });
    case 'day':
      if (future) return one ? l10n.t('in 1 day') : l10n.t({ message: 'in {0} days', args: [n], comment: ['{0} is a number of days'] });
      return one ? l10n.t('1 day ago') : l10n.t({ message: '{0} days ago', args: [n], comment: ['{0} is a number of days'] });
    case 'month':
      if (future) return one ? l10n.t('in 1 month') : l10n.t({ message: 'in {0} months', args: [n], comment: ['{0} is a number of months'] });
      return one ? l10n.t('1 month ago') : l10n.t({ message: '{0} months ago', args: [n], comment: ['{0} is a number of months'] });
    case 'year':
      if (future) return one ? l10n.t('in 1 year') : l10n.t({ message: 'in {0} years', args: [n], comment: ['{0} is a number of years'] });
      return one ? l10n.t('1 year ago') : l10n.t({ message: '{0} years ago', args: [n], comment: ['{0} is a number of years'] });
  }
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
