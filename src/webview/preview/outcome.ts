// What a fatal hls.js error means for the person watching, and when to try again. Before a
// livestream starts (and after it stops) its manifest is missing or empty: that is waiting, not
// failing. A refusal (403) and codecs the editor cannot decode are said once, with what to do.
import * as l10n from '@vscode/l10n';

/** The fields of hls.js's ErrorData this file reads. */
export interface HlsErrorLike {
  readonly fatal: boolean;
  readonly type: string;
  readonly details: string;
  readonly response?: { readonly code?: number };
}

export type AfterError =
  /** Not fatal: hls.js recovers on its own. */
  | { readonly kind: 'ignore' }
  /** No playback yet, or no more: try again later (sooner once the livestream is LIVE). */
  | { readonly kind: 'wait'; readonly sentence: string }
  | { readonly kind: 'refused'; readonly sentence: string }
  /** The editor cannot decode the stream's codecs: the capability sentence says why. */
  | { readonly kind: 'unsupported' }
  /** A decoding hiccup: hls.js's recoverMediaError(), once. */
  | { readonly kind: 'recoverMedia' }
  | { readonly kind: 'failed'; readonly sentence: string };

const CODEC_ERRORS = new Set(['manifestIncompatibleCodecsError', 'bufferAddCodecError', 'bufferIncompatibleCodecsError']);
/** Errors that mean "there is no (complete) playlist yet": the stream has not started, or ended. */
const NOT_YET = new Set([
  'manifestLoadError',
  'manifestLoadTimeOut',
  'manifestParsingError',
  'levelLoadError',
  'levelLoadTimeOut',
  'levelEmptyError',
  'levelParsingError',
  'fragLoadError',
  'fragLoadTimeOut',
]);

/** What the preview says while Cloudflare has no playback yet (translated when it is called). */
export function waitingSentence(): string {
  return l10n.t('Waiting for the stream: Cloudflare has no playback for it yet.');
}

export function afterError(error: HlsErrorLike, mediaRecoveries: number): AfterError {
  if (!error.fatal) {
    return { kind: 'ignore' };
  }
  if (CODEC_ERRORS.has(error.details)) {
    return { kind: 'unsupported' };
  }
  const code = error.response?.code ?? 0;
  if (code === 401 || code === 403) {
    return {
      kind: 'refused',
      sentence: l10n.t({
        message: "Cloudflare refused the playback (HTTP {0}): the livestream's allowed origins or signed URLs keep this editor out. Open it in a browser instead.",
        args: [code],
        comment: ['{0} is the HTTP status code, 401 or 403'],
      }),
    };
  }
  if (NOT_YET.has(error.details)) {
    return {
      kind: 'wait',
      sentence: code === 0 && /LoadError$/.test(error.details) ? l10n.t('Waiting for the stream: the playback server cannot be reached yet.') : waitingSentence(),
    };
  }
  if (error.type === 'mediaError' && mediaRecoveries < 1) {
    return { kind: 'recoverMedia' };
  }
  return {
    kind: 'failed',
    sentence: l10n.t({ message: 'The player stopped ({0}). Try again, or open the playback in a browser.', args: [error.details], comment: ['{0} is hls.js\'s error name, e.g. bufferStalledError'] }),
  };
}

/**
 * How long to wait before attempt `attempt` (0-based) to load the manifest: doubling from 1 s, up
 * to 4 s while the livestream is LIVE (its playback is seconds away) and 15 s otherwise.
 */
export function retryDelayMs(attempt: number, live: boolean): number {
  const cap = live ? 4000 : 15_000;
  return Math.min(cap, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
}
