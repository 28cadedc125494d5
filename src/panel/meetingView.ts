// The meeting card of a meeting livestream's panel: whether the meeting is livestreaming now (its
// active livestream, this one or another), and the meeting's livestreams as links. Pure.
import * as l10n from '@vscode/l10n';
import type { Livestream, MeetingLivestreams } from '../api/types';
import type { LivestreamLink, MeetingPart, MeetingView } from '../contract/livestreamPanel';
import type { Loadable } from '../store/loadable';
import { livestreamLink } from './badges';

/** The meeting's livestreams shown in the card: its first page. */
export const MEETING_PAGE = { pageNo: 1, perPage: 10 } as const;

function part<T, V>(loadable: Loadable<T>, build: (value: T) => V): MeetingPart<V> {
  if (loadable.value !== undefined) return { state: 'loaded', ...build(loadable.value) };
  if (loadable.error) return { state: 'error', message: loadable.error.message };
  return { state: 'loading' };
}

export function meetingView(
  livestream: Livestream,
  active: Loadable<Livestream | null>,
  livestreams: Loadable<MeetingLivestreams>,
  now: number,
): MeetingView | null {
  const meetingId = livestream.meetingId;
  if (!meetingId) return null;
  const thisOne = (id: string) =>
    id === livestream.id ? l10n.t({ message: 'this livestream', comment: ["Beside a meeting's livestream when it is the one whose panel this is"] }) : null;
  const sessionCount = (n: number) => (n === 1 ? l10n.t('1 session') : l10n.t('{0} sessions', n));
  return {
    meetingId,
    active: part(active, (l) => ({ livestream: l ? livestreamLink(l, now, thisOne(l.id)) : null })),
    livestreams: part(livestreams, (page) => ({
      total: page.paging.totalCount,
      links: page.livestreams.map((l) => {
        const sessions = page.sessions.filter((s) => s.livestreamId === l.id).length;
        return livestreamLink(l, now, [thisOne(l.id), sessionCount(sessions)].filter(Boolean).join(' · '));
      }),
    })),
    canStart: active.value === null,
    canStop: !!active.value,
  };
}

/** The livestreams the card shows as links: the only ones its page may ask to open. */
export function meetingLinks(meeting: MeetingView | null): LivestreamLink[] {
  if (!meeting) return [];
  const active = meeting.active.state === 'loaded' && meeting.active.livestream ? [meeting.active.livestream] : [];
  return [...active, ...(meeting.livestreams.state === 'loaded' ? meeting.livestreams.links : [])];
}
