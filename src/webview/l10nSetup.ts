// The webviews' translations. When VS Code runs in another language than English, the extension
// writes its whole l10n bundle (`vscode.l10n.bundle`: English message -> translation) as JSON into
// <body data-l10n="…">; in English the attribute is absent and every `l10n.t` returns its English.
// Each webview entry imports this module FIRST: ES modules evaluate in import order, so the bundle
// is configured before any module builds text. A malformed attribute leaves the page in English.
import * as l10n from '@vscode/l10n';

/**
 * The bundle in `data-l10n` as message -> translation, or undefined when there is none or it is
 * not an object. A translation is a string, or (as l10n-dev exports messages with a comment, and a
 * translated bundle may keep that shape) `{ message, comment }`, whose message is the translation.
 */
export function parseL10nAttribute(attribute: string | undefined | null): Record<string, string> | undefined {
  if (!attribute) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(attribute);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const contents: Record<string, string> = {};
  for (const [message, translation] of Object.entries(parsed)) {
    // An entry of another shape is left out (that message stays English), not the whole bundle.
    if (typeof translation === 'string') contents[message] = translation;
    else if (isObjectEntry(translation)) contents[message] = translation.message;
  }
  return contents;
}

function isObjectEntry(value: unknown): value is { message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** Configures `l10n` from the attribute's bundle; returns whether there was one. */
export function configureL10n(attribute: string | undefined | null): boolean {
  const contents = parseL10nAttribute(attribute);
  if (!contents) return false;
  l10n.config({ contents });
  return true;
}

// In the webview (not in unit tests on plain Node, which import the functions above).
if (typeof document !== 'undefined') {
  configureL10n(document.body?.dataset.l10n);
}
