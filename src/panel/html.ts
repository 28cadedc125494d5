// The panel's HTML shell: a strict CSP, one nonce'd script, the stylesheet and the codicon font
// served from the extension through asWebviewUri. It carries no API data (the script renders
// that from posted messages), only the escaped title, so nothing secret is ever in the source.
// The live region is here, outside what the script re-renders: screen readers only follow a
// region that was in the page before its text changed.
// In a language other than English, the display language's bundle (vscode.l10n.bundle) rides in
// the body's data-l10n attribute, and the page's script configures @vscode/l10n with it
// (src/webview/l10nSetup.ts): the CSP stays as strict as it is, no inline script, no fetch.
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

export interface ShellHtmlInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** asWebviewUri of dist/webview.js, media/panel.css and dist/codicons/codicon.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconsUri: string;
  /** Shown in <title> and while the script starts. */
  readonly title: string;
  /**
   * The account whose data the panel may show ('' when signed out): a webview restored from its
   * saved state paints the saved view only if it was saved under this very account.
   */
  readonly account: string;
  /** `vscode.l10n.bundle`: only defined in a language other than English; none = no attribute. */
  readonly l10nBundle?: L10nBundle;
  /** `vscode.env.language` for `<html lang>` (screen readers pick their voice by it); default en. */
  readonly language?: string;
}

/** What `vscode.l10n.bundle` is: the English message (or its key) → the translation. */
export type L10nBundle = Readonly<Record<string, string>>;

/** ` data-l10n="…"` with the bundle as JSON, attribute-escaped by `escape`; '' without a bundle. */
export function l10nAttribute(bundle: L10nBundle | undefined, escape: (text: string) => string): string {
  return bundle ? ` data-l10n="${escape(JSON.stringify(bundle))}"` : '';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** For values inside double-quoted attributes: keeps the CSP's single quotes readable. */
function escapeAttr(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]);
}

/** 128 bits from the OS, base64: what CSP nonces want (unguessable, new for every page). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    // The webview never talks to the network: the extension fetches and posts the data.
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function renderShellHtml(input: ShellHtmlInput): string {
  const attr = escapeAttr;
  return `<!DOCTYPE html>
<html lang="${attr(input.language || 'en')}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(input.cspSource, input.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attr(input.codiconsUri)}">
  <link rel="stylesheet" href="${attr(input.styleUri)}">
  <title>${escapeHtml(input.title)}</title>
</head>
<body data-account="${attr(input.account)}"${l10nAttribute(input.l10nBundle, attr)}>
  <main id="app" aria-busy="true">
    <p class="placeholder"><span class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></span> ${escapeHtml(l10n.t({ message: 'Loading {0}…', args: [input.title], comment: ['{0} is the title of the panel, e.g. a livestream\'s name or "Dashboard: Production Events"'] }))}</p>
  </main>
  <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
  <script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}
