// The livestream panel's two drill-downs, as the webview receives them: one session whole (the
// session view a row opens), and the meeting a meeting livestream was started from. Built by
// panel/sessionView.ts and panel/meetingView.ts, rendered by webview/renderDrillDowns.ts.
import type { LivestreamLink, StatusBadge } from './common';

export interface SessionField {
  readonly label: string;
  readonly value: string;
  /** The exact value (raw seconds, the ISO time) or what it means. */
  readonly tooltip?: string;
  /** Ids and times: monospace, selectable. */
  readonly code?: boolean;
  /**
   * The id this field holds, for its copy button: the page tells the fields apart by this, never
   * by their label (the label is translated).
   */
  readonly copy?: 'sessionId' | 'livestreamId';
}

/** One session, every field the API gives, read from `GET …/livestreams/sessions/{id}`. */
export interface SessionView {
  readonly sessionId: string;
  /** `loading` with no data yet, `error` when it could not be read (with or without older data). */
  readonly state: 'loading' | 'loaded' | 'error';
  /** Why it could not be read. */
  readonly problem: string | null;
  /** Running, Starting, Finished, Errored: what the fields add up to. */
  readonly status: StatusBadge | null;
  /** The livestream it belongs to, when it says (its ID can be copied). */
  readonly livestreamId: string | null;
  readonly fields: readonly SessionField[];
  /** The session's own error (`err_message`). */
  readonly errMessage: string | null;
}

export type MeetingPart<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string } | ({ readonly state: 'loaded' } & T);

/** The meeting a livestream was started from: is it livestreaming now, and with what, and its livestreams. */
export interface MeetingView {
  readonly meetingId: string;
  /** `GET …/meetings/{id}/active-livestream`: the livestream in progress, or none. */
  readonly active: MeetingPart<{ readonly livestream: LivestreamLink | null }>;
  /** `GET …/meetings/{id}/livestream`: the meeting's livestreams, newest first (the first page). */
  readonly livestreams: MeetingPart<{ readonly links: readonly LivestreamLink[]; readonly total: number }>;
  /** Start is offered while nothing is in progress, Stop while something is. */
  readonly canStart: boolean;
  readonly canStop: boolean;
}
