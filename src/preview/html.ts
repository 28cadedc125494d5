// The preview's HTML shell. Its CSP is the panel's plus exactly one network origin: the playback
// URL's, for the manifest and segments (connect-src) and the media (media-src, with blob: for
// Media Source Extensions). No worker: hls.js runs with enableWorker false.
import * as l10n from '@vscode/l10n';
import { escapeHtml, l10nAttribute, makeNonce, type L10nBundle } from '../panel/html';

export { makeNonce };

export interface PreviewHtmlInput {
  readonly cspSource: string;
  readonly nonce: string;
  /** asWebviewUri of dist/preview.js, media/panel.css, media/preview.css and the codicons. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
  /** The playback URL the page may load; null allows no network at all. */
  readonly playbackUrl: string | null;
  /** `vscode.l10n.bundle` (only in a language other than English): the page's data-l10n. */
  readonly l10nBundle?: L10nBundle;
  /** `vscode.env.language` for `<html lang>`; default en. */
  readonly language?: string;
}

/** The origin of an http(s) playback URL, as a CSP source; null for anything else. */
export function playbackOrigin(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function previewContentSecurityPolicy(cspSource: string, nonce: string, playbackUrl: string | null): string {
  const origin = playbackOrigin(playbackUrl);
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    origin ? `media-src ${origin} blob:` : "media-src 'none'",
    origin ? `connect-src ${origin}` : "connect-src 'none'",
    "worker-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function renderPreviewHtml(input: PreviewHtmlInput): string {
  const attr = (text: string) => escapeHtml(text);
  const styles = input.styleUris.map((uri) => `  <link rel="stylesheet" href="${attr(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${attr(input.language || 'en')}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(previewContentSecurityPolicy(input.cspSource, input.nonce, input.playbackUrl))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>${escapeHtml(input.title)}</title>
</head>
<body class="preview"${l10nAttribute(input.l10nBundle, attr)}>
  <main id="app" aria-busy="true">
    <p class="placeholder"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span> ${escapeHtml(l10n.t('Loading the preview…'))}</p>
  </main>
  <script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}
