// The "Updated Ns ago" text. Its own tiny module because the webview bundles it to tick locally.

/** "Updated just now", "Updated 12s ago", "Updated 3 min ago", "Updated 2 h ago". */
export function updatedAgoText(ageMs: number): string {
  const s = Number.isFinite(ageMs) ? Math.max(0, Math.floor(ageMs / 1000)) : 0;
  if (s < 5) {
    return 'Updated just now';
  }
  if (s < 60) {
    return `Updated ${s}s ago`;
  }
  if (s < 3600) {
    return `Updated ${Math.floor(s / 60)} min ago`;
  }
  return `Updated ${Math.floor(s / 3600)} h ago`;
}
