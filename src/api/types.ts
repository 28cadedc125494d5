// Domain objects the rest of the extension sees. The API client normalises every wire quirk
// (see ../shared/reference/REALTIMEKIT-API.md) into these shapes; nothing above src/api/ sees JSON.

import type { KnownStatus } from '../shared/status';

/** A known status, or an unknown one (e.g. the legacy `OFFLINE`) kept verbatim, upper-cased. */
export type LivestreamStatus = KnownStatus | (string & { readonly __unknownStatus?: never });

export interface Account {
  readonly id: string;
  readonly name: string;
}

export interface App {
  readonly id: string;
  /** Falls back to the id when the API sends no name. */
  readonly name: string;
  readonly createdAt: string | null;
}

export interface Livestream {
  readonly id: string;
  readonly appId: string;
  /** Display name: the API's name, or the id when the name is null or empty. */
  readonly name: string;
  /** True when the API sent no usable name (so `name` is the id). */
  readonly unnamed: boolean;
  readonly status: LivestreamStatus;
  readonly ingestServer: string | null;
  /** Secret: whoever has it can broadcast. Never log it or put it in errors. */
  readonly streamKey: string | null;
  readonly playbackUrl: string | null;
  readonly meetingId: string | null;
  readonly disabled: boolean;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export interface Session {
  readonly id: string;
  readonly livestreamId: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly invokedTime: string | null;
  readonly startedTime: string | null;
  readonly stoppedTime: string | null;
  /** Null or non-empty: an empty string from the API becomes null. */
  readonly errMessage: string | null;
  readonly ingestSeconds: number;
  readonly viewerSeconds: number;
}

export interface Paging {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly totalCount: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly paging: Paging;
  /** The 1-based page number that was asked for. */
  readonly pageNo: number;
  readonly perPage: number;
}

export interface LivestreamDetails {
  readonly livestream: Livestream;
  /** Sessions of the requested page, newest first as the API returns them. */
  readonly sessions: readonly Session[];
  /**
   * The newest session of the livestream whatever the page (the API's `data.session`), for
   * "latest session" stats; null when it has none. Optional so hand-built fixtures stay valid.
   */
  readonly latestSession?: Session | null;
  readonly paging: Paging;
  readonly pageNo: number;
  readonly perPage: number;
}

export interface ActiveSession {
  readonly livestream: Livestream;
  readonly session: Session | null;
}

export interface AppAnalytics {
  readonly count: number;
  readonly totalIngestSeconds: number;
  readonly totalViewerSeconds: number;
}

/** A meeting's livestreams (`GET …/meetings/{id}/livestream`): one page of them and their sessions. */
export interface MeetingLivestreams {
  /** Newest first. */
  readonly livestreams: readonly Livestream[];
  /** Sessions of those livestreams, newest first. */
  readonly sessions: readonly Session[];
  /** About the livestreams. */
  readonly paging: Paging;
  readonly pageNo: number;
  readonly perPage: number;
}

/** One day of an app's livestream analytics (`GET …/analytics/livestreams/daywise`). */
export interface DayAnalytics {
  /** UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  /** Livestream sessions that day. */
  readonly count: number;
  readonly totalIngestSeconds: number;
  readonly totalViewerSeconds: number;
}

/** A time range for the analytics; both ends in epoch milliseconds. The client sends each endpoint its documented form. */
export interface TimeRange {
  readonly startMs: number;
  readonly endMs: number;
}

/** The resolution a meeting is livestreamed in. */
export interface VideoConfig {
  readonly width: number;
  readonly height: number;
}

export interface StartMeetingLivestream {
  readonly name: string;
  readonly videoConfig: VideoConfig;
}

export type TokenStatus = 'active' | 'disabled' | 'expired' | (string & { readonly __other?: never });

export interface TokenInfo {
  readonly id: string | null;
  readonly status: TokenStatus;
  /** Which endpoint accepted the token. */
  readonly owner: 'user' | 'account';
}

export type SortOrder = 'ASC' | 'DSC';

export interface ListLivestreamsQuery {
  readonly pageNo?: number;
  readonly perPage?: number;
  readonly status?: KnownStatus;
  readonly sortOrder?: SortOrder;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly excludeMeetings?: boolean;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** False: one attempt only (a poll that fails is the next poll's job, and the budget holds). */
  readonly retry?: boolean;
}
