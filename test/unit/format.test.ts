import assert from 'node:assert/strict';
import {
  ffmpegTestPatternCommand,
  formatAbsoluteTime,
  formatSeconds,
  formatRelativeTime,
  joinRtmpUrl,
  shortenName,
  secondsBetween,
  shellQuote,
} from '../../src/shared/format';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
const KEY = '0123456789abcdef0123456789abcdefk0123456789abcdef0123456789abcdef';

describe('format', () => {
  it('formatSeconds: seconds, minutes, hours, days; nonsense counts as 0', () => {
    assert.equal(formatSeconds(0), '0s');
    assert.equal(formatSeconds(59.4), '59s');
    assert.equal(formatSeconds(60), '1m');
    assert.equal(formatSeconds(75), '1m 15s');
    assert.equal(formatSeconds(3600), '1h');
    assert.equal(formatSeconds(3725), '1h 2m');
    assert.equal(formatSeconds(86400), '1d');
    assert.equal(formatSeconds(90000), '1d 1h');
    assert.equal(formatSeconds(-5), '0s');
    assert.equal(formatSeconds(Number.NaN), '0s');
  });

  it('formatRelativeTime: past and future, singular and plural; empty for a missing or bad time', () => {
    assert.equal(formatRelativeTime(ago(10), NOW), 'just now');
    assert.equal(formatRelativeTime(ago(60), NOW), '1 min ago');
    assert.equal(formatRelativeTime(ago(5 * 60), NOW), '5 min ago');
    assert.equal(formatRelativeTime(ago(3 * 3600), NOW), '3 h ago');
    assert.equal(formatRelativeTime(ago(86400), NOW), '1 day ago');
    assert.equal(formatRelativeTime(ago(2 * 86400), NOW), '2 days ago');
    assert.equal(formatRelativeTime(ago(60 * 86400), NOW), '2 months ago');
    assert.equal(formatRelativeTime(ago(800 * 86400), NOW), '2 years ago');
    assert.equal(formatRelativeTime(ago(-4 * 60), NOW), 'in 4 min');
    assert.equal(formatRelativeTime(null, NOW), '');
    assert.equal(formatRelativeTime('not a date', NOW), '');
  });

  it('formatAbsoluteTime: UTC, to the second; a dash when missing', () => {
    assert.equal(formatAbsoluteTime('2026-11-28T04:22:44.123Z'), '2026-11-28 04:22:44 UTC');
    assert.equal(formatAbsoluteTime(null), '—');
  });

  it('secondsBetween: a missing stop means until now', () => {
    assert.equal(secondsBetween(ago(90), ago(30), NOW), 60);
    assert.equal(secondsBetween(ago(90), null, NOW), 90);
    assert.equal(secondsBetween(null, ago(1), NOW), null);
  });


  describe('RTMP and ffmpeg strings', () => {
    it('joins server and key with exactly one slash', () => {
      assert.equal(joinRtmpUrl('rtmps://live.cloudflare.com:443/live/', KEY), `rtmps://live.cloudflare.com:443/live/${KEY}`);
      assert.equal(joinRtmpUrl('rtmps://live.cloudflare.com:443/live', KEY), `rtmps://live.cloudflare.com:443/live/${KEY}`);
      assert.equal(joinRtmpUrl('rtmp://example.com/app/', 'k'), 'rtmp://example.com/app/k');
    });

    it('quotes for POSIX shells only when needed', () => {
      assert.equal(shellQuote('rtmps://live.cloudflare.com:443/live/abc'), 'rtmps://live.cloudflare.com:443/live/abc');
      assert.equal(shellQuote('has space'), "'has space'");
      assert.equal(shellQuote("it's"), "'it'\\''s'");
      assert.equal(shellQuote('a&b;rm -rf'), "'a&b;rm -rf'");
    });

    it('builds a ready ffmpeg test-pattern command streaming to <ingest_server><stream_key>', () => {
      const cmd = ffmpegTestPatternCommand('rtmps://live.cloudflare.com:443/live/', KEY);
      assert.ok(cmd.startsWith('ffmpeg -re '), cmd);
      assert.ok(cmd.includes('-f lavfi -i testsrc2=size=1280x720:rate=30'), 'video test pattern');
      assert.ok(cmd.includes('-f lavfi -i sine=frequency=440'), 'audio tone');
      assert.ok(cmd.includes('-c:v libx264') && cmd.includes('-c:a aac'), 'H.264 + AAC');
      assert.ok(cmd.endsWith(`-f flv rtmps://live.cloudflare.com:443/live/${KEY}`), cmd);
      assert.equal(cmd.split('\n').length, 1, 'one line, ready to paste');
    });

    it('quotes an odd key so the shell cannot split or run it', () => {
      const cmd = ffmpegTestPatternCommand('rtmp://host/live/', 'k$(x) y');
      assert.ok(cmd.endsWith("-f flv 'rtmp://host/live/k$(x) y'"), cmd);
    });
  });

  it('shortenName: one line, at most 200 characters, an ellipsis when cut', () => {
    assert.equal(shortenName('Friday\n\n Town   Hall'), 'Friday Town Hall');
    const long = 'x'.repeat(250);
    assert.equal(shortenName(long).length, 200);
    assert.ok(shortenName(long).endsWith('x…'));
    assert.equal(shortenName('y'.repeat(200)), 'y'.repeat(200));
    // Astral characters count as one and are never cut in half.
    assert.equal(shortenName('😀'.repeat(201)), `${'😀'.repeat(199)}…`);
  });
});
