// Can this editor play Cloudflare's HLS at all? The playback is H.264 video with AAC audio in
// fragmented MP4 through Media Source Extensions. VS Code desktop's webviews (Electron with
// VS Code's own media build) leave AAC out for licensing reasons, so there MSE refuses the stream
// and hls.js would stop with manifestIncompatibleCodecsError; VS Code in a browser (code-server,
// Codespaces) uses the browser's codecs and plays it. Ask before playing, and say why not.
import * as l10n from '@vscode/l10n';

/** What Cloudflare's HLS carries: H.264 (Constrained Baseline is what every player can decode) and AAC-LC. */
export const STREAM_CODECS = { video: 'avc1.42E01E', audio: 'mp4a.40.2' } as const;

/** The slice of MediaSource this check needs (MediaSource, or Safari's ManagedMediaSource). */
export interface MediaSourceLike {
  isTypeSupported(type: string): boolean;
}

export type Capability = { readonly ok: true } | { readonly ok: false; readonly reason: 'noMse' | 'noVideo' | 'noAudio'; readonly sentence: string };

/**
 * Whether `mediaSource` can play video and audio in these codecs. The codecs are the stream's own
 * once hls.js has read them from the manifest, Cloudflare's usual ones before that.
 */
export function capability(mediaSource: MediaSourceLike | undefined, codecs: { readonly video?: string; readonly audio?: string } = STREAM_CODECS): Capability {
  if (!mediaSource || typeof mediaSource.isTypeSupported !== 'function') {
    return {
      ok: false,
      reason: 'noMse',
      sentence: l10n.t('This editor cannot play HLS (its webviews have no Media Source Extensions), so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).'),
    };
  }
  const supports = (codec: string): boolean => {
    try {
      return mediaSource.isTypeSupported(`video/mp4; codecs="${codec}"`);
    } catch {
      return false;
    }
  };
  if (codecs.video && !supports(codecs.video)) {
    return {
      ok: false,
      reason: 'noVideo',
      sentence: l10n.t({
        message: "This editor cannot decode the stream's {0} video, so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).",
        args: [describe(codecs.video)],
        comment: ['{0} is a video codec, e.g. H.264'],
      }),
    };
  }
  if (codecs.audio && !supports(codecs.audio)) {
    return {
      ok: false,
      reason: 'noAudio',
      sentence: l10n.t({
        message: "This editor cannot decode the stream's {0} audio (VS Code desktop ships without AAC), so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).",
        args: [describe(codecs.audio)],
        comment: ['{0} is an audio codec, e.g. AAC'],
      }),
    };
  }
  return { ok: true };
}

function describe(codec: string): string {
  if (/^(avc1|avc3)\./i.test(codec)) return 'H.264';
  if (/^(hvc1|hev1)\./i.test(codec)) return 'H.265';
  if (/^mp4a\.40\./i.test(codec)) return 'AAC';
  return codec;
}

/** The MediaSource this window has, if any (hls.js picks the same one). */
export function windowMediaSource(w: { MediaSource?: MediaSourceLike; ManagedMediaSource?: MediaSourceLike }): MediaSourceLike | undefined {
  return w.MediaSource ?? w.ManagedMediaSource;
}
