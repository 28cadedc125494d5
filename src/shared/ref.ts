// How commands, the tree and panels name a livestream: enough to fetch it again after a reload.
export interface LivestreamRef {
  readonly accountId: string;
  readonly appId: string;
  readonly livestreamId: string;
}

export function isLivestreamRef(value: unknown): value is LivestreamRef {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return typeof v.accountId === 'string' && typeof v.appId === 'string' && typeof v.livestreamId === 'string';
}

/** How commands and the dashboard name an app. */
export interface AppRef {
  readonly accountId: string;
  readonly appId: string;
}
