// The "Updated Ns ago" text. Its own tiny module because the webview bundles it to tick locally.
import * as l10n from '@vscode/l10n';

/** "Updated just now", "Updated 12s ago", "Updated 3 min ago", "Updated 2 h ago". */
export function updatedAgoText(ageMs: number): string {
  const s = Number.isFinite(ageMs) ? Math.max(0, Math.floor(ageMs / 1000)) : 0;
  if (s < 5) {
    return l10n.t('Updated just now');
  }
  if (s < 60) {
    return l10n.t({ message: 'Updated {0}s ago', args: [s], comment: ['{0} is a number of seconds (5 to 59); "s" abbreviates seconds'] });
  }
  if (s < 3600) {
    return l10n.t({ message: 'Updated {0} min ago', args: [Math.floor(s / 60)], comment: ['{0} is a number of minutes (1 to 59)'] });
  }
  return l10n.t({ message: 'Updated {0} h ago', args: [Math.floor(s / 3600)], comment: ['{0} is a number of hours (1 or more); "h" abbreviates hours'] });
}
