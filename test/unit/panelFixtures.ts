// Builders shared by the panel's unit tests: domain objects with sensible defaults, and an
// in-memory RealtimeKitApi that counts calls and can be told to fail.
import type { RealtimeKitApi } from '../../src/api/api';
import { ApiError } from '../../src/api/errors';
import type { AppAnalytics, Livestream, LivestreamDetails, Session } from '../../src/api/types';

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const ACCOUNT = 'a'.repeat(32);
export const APP = '11111111-1111-4111-8111-111111111111';
export const LS = '22222222-2222-4222-8222-222222222222';
export const KEY = '0123456789abcdef0123456789abcdefk0123456789abcdef0123456789abcdef';
export const SERVER = 'rtmps://live.cloudflare.com:443/live/';
export const PLAYBACK = 'https://customer-abc.cloudflarestream.com/fedcba9876543210fedcba9876543210/manifest/video.m3u8';

export function iso(msBeforeNow: number): string {
  return new Date(NOW - msBeforeNow).toISOString();
}

export function livestream(over: Partial<Livestream> = {}): Livestream {
  return {
    id: LS,
    appId: APP,
    name: 'Keynote',
    unnamed: false,
    status: 'IDLE',
    ingestServer: SERVER,
    streamKey: KEY,
    playbackUrl: PLAYBACK,
    meetingId: null,
    disabled: false,
    createdAt: iso(10 * 86400_000),
    updatedAt: iso(3600_000),
    ...over,
  };
}

let sessionCounter = 0;

/** A finished session that started `startedAgoMs` before NOW and ran `seconds`. */
export function session(startedAgoMs: number, seconds: number, over: Partial<Session> = {}): Session {
  const started = NOW - startedAgoMs;
  return {
    id: `33333333-3333-4333-8333-${String(++sessionCounter).padStart(12, '0')}`,
    livestreamId: LS,
    createdAt: new Date(started - 5000).toISOString(),
    updatedAt: new Date(started + seconds * 1000).toISOString(),
    invokedTime: new Date(started - 5000).toISOString(),
    startedTime: new Date(started).toISOString(),
    stoppedTime: new Date(started + seconds * 1000).toISOString(),
    errMessage: null,
    ingestSeconds: seconds,
    viewerSeconds: seconds * 10,
    ...over,
  };
}

export function details(l: Livestream, sessions: readonly Session[], page = { pageNo: 1, perPage: 10 }, totalCount = sessions.length): LivestreamDetails {
  return {
    livestream: l,
    sessions,
    paging: { startOffset: (page.pageNo - 1) * page.perPage, endOffset: (page.pageNo - 1) * page.perPage + sessions.length, totalCount },
    pageNo: page.pageNo,
    perPage: page.perPage,
  };
}

/** `sessions` newest first, as the API sends them. */
export class FakeApi implements Partial<RealtimeKitApi> {
  livestream: Livestream = livestream();
  sessions: Session[] = [];
  analytics: AppAnalytics = { count: 12, totalIngestSeconds: 36_000, totalViewerSeconds: 900_000 };
  calls: string[] = [];
  /** One-shot failures of the next details / analytics request. */
  failDetails: ApiError | undefined;
  failAnalytics: ApiError | undefined;
  /** When set, getLivestream waits for this promise before answering (to test sharing). */
  gate: Promise<void> | undefined;
  /** Like the real API: every page names the newest session (`data.session`). Off: it is omitted. */
  sendsLatest = false;

  async getLivestream(_account: string, appId: string, id: string, page: { pageNo?: number; perPage?: number } = {}): Promise<LivestreamDetails> {
    const pageNo = page.pageNo ?? 1;
    const perPage = page.perPage ?? 10;
    this.calls.push(`details ${appId}/${id} ${pageNo}x${perPage}`);
    await this.gate;
    const error = this.failDetails;
    this.failDetails = undefined;
    if (error) {
      throw error;
    }
    const items = this.sessions.slice((pageNo - 1) * perPage, pageNo * perPage);
    const answer = details(this.livestream, items, { pageNo, perPage }, this.sessions.length);
    return this.sendsLatest ? { ...answer, latestSession: this.sessions[0] ?? null } : answer;
  }

  async getAppAnalytics(_account: string, appId: string): Promise<AppAnalytics> {
    this.calls.push(`analytics ${appId}`);
    const error = this.failAnalytics;
    this.failAnalytics = undefined;
    if (error) {
      throw error;
    }
    return this.analytics;
  }
}

export function serverError(): ApiError {
  return new ApiError({ kind: 'server', status: 503, message: 'RealtimeKit answered 503: try again in a minute.' });
}

/** Lets pending promise chains (store loads, queued renders) settle. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
