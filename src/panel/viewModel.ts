// Livestream details -> the panel's display model, with every string already formatted.
//
// Why a view model posted to the webview (rather than HTML rendered here and posted): the
// webview then builds its DOM with createElement/textContent only, so an API string can never
// become markup, whatever it contains; the model is plain JSON that unit tests check without a
// DOM or VS Code; it doubles as the webview's saved state, so a re-shown panel paints at once;
// and updates can keep focus and the revealed key in place instead of replacing a whole page.
//
// Nothing secret goes into a view: the stream key is represented by MASK and `hasStreamKey`.
import * as l10n from '@vscode/l10n';
import type { ApiError } from '../api/errors';
import { fixFor } from '../api/failures';
import type { ActiveSession, AppAnalytics, Livestream, LivestreamDetails, MeetingLivestreams, Session } from '../api/types';
import type { DetailsView, EncoderView, ErrorView, NoticeView, ObsView, PanelView, SessionsPage } from '../contract/livestreamPanel';
import { ffmpegTestPatternCommand, joinRtmpUrl, MASK } from '../shared/format';
import type { LivestreamRef } from '../shared/ref';
import { NOT_LOADED, type Loadable } from '../store/loadable';
import { statusBadge } from './badges';
import { checklistView, liveView, troubleView, watchView } from './goLiveView';
import { meetingView } from './meetingView';
import { sessionView } from './sessionDetails';
import { chartOf, newestSession, pagingModel, sessionRow, statsOf, timeText } from './sessionsView';

export { latestSession, pagingModel, timeText } from './sessionsView';

export type Notice = { readonly kind: 'signedOut' } | { readonly kind: 'otherAccount'; readonly accountId: string };

export interface ViewInput {
  readonly ref: LivestreamRef;
  /** The page the user asked for. */
  readonly page: SessionsPage;
  /** That page's details; its value may be an earlier page's while the asked one loads. */
  readonly details: Loadable<LivestreamDetails>;
  /** Page 1 at the same page size, for the latest session, when `page` is another page. */
  readonly firstPage?: Loadable<LivestreamDetails>;
  readonly analytics: Loadable<AppAnalytics>;
  /** The session in progress, read while the livestream is LIVE or INVOKED. */
  readonly activeSession?: Loadable<ActiveSession | null>;
  /** Watched until it goes LIVE: until when. */
  readonly watch?: { readonly until: number };
  /** The encoder checklist is open (remembered across panels). */
  readonly checklistOpen?: boolean;
  /** OBS Studio's side of the stream, for this livestream. */
  readonly obs?: (livestream: Livestream) => ObsView;
  readonly notice: Notice | null;
  readonly autoRefresh: boolean;
  readonly now: number;
  /** Title to use before the details load (e.g. the tree's name for it). */
  readonly fallbackTitle?: string;
  /** A meeting livestream's meeting: its livestream in progress and its livestreams (first page). */
  readonly meetingActive?: Loadable<Livestream | null>;
  readonly meetingLivestreams?: Loadable<MeetingLivestreams>;
  /** The session whose view is open, as `GET …/livestreams/sessions/{id}` answered. */
  readonly session?: { readonly id: string; readonly loaded: Loadable<Session> };
}

// ---- small formatters ---------------------------------------------------------------------


function transportOf(ingestServer: string | null): string | null {
  const scheme = ingestServer ? /^([a-z][a-z0-9+.-]*):\/\//i.exec(ingestServer)?.[1].toLowerCase() : undefined;
  if (scheme === 'rtmps') {
    return l10n.t('RTMPS (encrypted)');
  }
  if (scheme === 'rtmp') {
    return l10n.t('RTMP (not encrypted)');
  }
  return null;
}

function playbackHint(url: string | null): string {
  if (!url) {
    return l10n.t('No playback URL yet.');
  }
  return /\.m3u8(\?|$)/.test(url)
    ? l10n.t('HLS manifest: plays in any HLS player (VLC, Safari, hls.js).')
    : l10n.t('The address viewers use to watch this livestream.');
}

// ---- the whole view -----------------------------------------------------------------------

function errorView(error: ApiError): ErrorView {
  return { message: error.message, action: fixFor(error) ?? null };
}

function noticeView(notice: Notice): NoticeView {
  return notice.kind === 'signedOut'
    ? { message: l10n.t('Sign in to RealtimeKit to see this livestream.'), action: 'setApiToken', actionLabel: l10n.t('Set API Token') }
    : {
        message: l10n.t({
          message: 'This livestream belongs to Cloudflare account {0}, which is not the account selected now.',
          args: [notice.accountId],
          comment: ['{0} is a Cloudflare account ID'],
        }),
        action: 'selectAccount',
        actionLabel: l10n.t('Select Account'),
      };
}


export function encoderView(livestream: Livestream): EncoderView {
  const server = livestream.ingestServer;
  const hasKey = !!livestream.streamKey;
  return {
    ingestServer: server,
    transport: transportOf(server),
    hasStreamKey: hasKey,
    streamKeyMasked: hasKey ? MASK : '',
    rtmpUrlMasked: server && hasKey ? joinRtmpUrl(server, MASK) : null,
    ffmpegMasked: server && hasKey ? ffmpegTestPatternCommand(server, MASK) : null,
  };
}

export function detailsView(details: LivestreamDetails, input: ViewInput): DetailsView {
  const { livestream: l, sessions } = details;
  const paging = pagingModel(details.pageNo, details.perPage, details.paging.totalCount, sessions.length);
  const newest = newestSession(details, input.firstPage).session;
  const latestOnPage = newest?.id;
  return {
    header: {
      name: l.name,
      unnamed: l.unnamed,
      status: statusBadge(l.status),
      disabled: l.disabled,
      livestreamId: l.id,
      meetingId: l.meetingId,
      created: timeText(l.createdAt, input.now),
      updated: timeText(l.updatedAt, input.now),
    },
    watch: watchView(input.watch),
    live: liveView(l, input.activeSession ?? NOT_LOADED, input.now),
    trouble: troubleView(l, newest),
    encoder: encoderView(l),
    obs: input.obs?.(l) ?? { state: 'idle' },
    checklist: checklistView(input.checklistOpen ?? l.status !== 'LIVE'),
    playback: { url: l.playbackUrl, hint: playbackHint(l.playbackUrl) },
    stats: statsOf(details, paging, input.firstPage, input.analytics, input.now),
    sessions: { rows: sessions.map((s) => sessionRow(s, l, latestOnPage, input.now)), paging, chart: chartOf(sessions) },
    meeting: meetingView(l, input.meetingActive ?? NOT_LOADED, input.meetingLivestreams ?? NOT_LOADED, input.now),
  };
}

/** The session as the loaded pages have it: the session view shows it until its own answer is in. */
function sessionFromPages(input: ViewInput, id: string): Session | undefined {
  const pages = [input.details.value, input.firstPage?.value];
  for (const page of pages) {
    const found = page?.sessions.find((s) => s.id === id) ?? (page?.latestSession?.id === id ? page.latestSession : undefined);
    if (found) return found;
  }
  return undefined;
}

export function buildView(input: ViewInput): PanelView {
  const { details, now } = input;
  const value = details.value;
  const title =
    value?.livestream.name ??
    input.fallbackTitle ??
    l10n.t({ message: 'Livestream {0}', args: [input.ref.livestreamId], comment: ["A panel's title before the livestream's name is known; {0} is its ID"] });
  return {
    title,
    livestreamId: input.ref.livestreamId,
    notice: input.notice ? noticeView(input.notice) : null,
    fetch: {
      loading: details.loading,
      error: details.error ? errorView(details.error) : null,
      ageMs: details.loadedAt !== undefined ? Math.max(0, now - details.loadedAt) : null,
      autoRefresh: input.autoRefresh,
    },
    details: value && !input.notice ? detailsView(value, input) : null,
    session: input.session && !input.notice ? sessionView(input.session.id, input.session.loaded, sessionFromPages(input, input.session.id), now) : null,
  };
}
