// What a watched livestream's transition says, and whether it is said at all: one sentence per
// transition, the actions it offers, and the `realtimekit.notifications` level it needs. Pure, so
// unit tests read the words without VS Code.
import type { NotificationLevel } from '../shared/config';
import { formatSeconds } from '../shared/format';
import type { Transition } from '../store/watcher';

export type NoticeAction = 'openPanel' | 'copyPlaybackUrl' | 'showDetails';

export interface Notice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly actions: readonly NoticeAction[];
}

export const NOTICE_ACTION_LABELS: Readonly<Record<NoticeAction, string>> = {
  openPanel: 'Open Panel',
  copyPlaybackUrl: 'Copy Playback URL',
  showDetails: 'Show Details',
};

/** The notice for a transition, or undefined when the level says nothing about it. */
export function noticeFor(transition: Transition, level: NotificationLevel): Notice | undefined {
  const notice = wording(transition);
  if (level === 'off' || (level === 'errors' && notice.severity !== 'error')) {
    return undefined;
  }
  return notice;
}

function wording(t: Transition): Notice {
  const name = t.watch.name;
  switch (t.kind) {
    case 'connecting':
      return { severity: 'info', message: `${name}: the encoder is connecting`, actions: ['openPanel'] };
    case 'live':
      return { severity: 'info', message: `${name} is LIVE`, actions: t.livestream.playbackUrl ? ['openPanel', 'copyPlaybackUrl'] : ['openPanel'] };
    case 'errored':
      return {
        severity: 'error',
        message: `${name}: ${t.errMessage ?? 'the encoder’s stream was refused, without a reason from Cloudflare.'} Check the encoder: H.264 video, AAC audio, a keyframe every 2–8 s.`,
        actions: ['showDetails'],
      };
    case 'stopped':
      return { severity: 'info', message: t.durationSeconds === null ? `${name} stopped` : `${name} stopped after ${formatSeconds(t.durationSeconds)}`, actions: ['openPanel'] };
    case 'deleted':
      return { severity: 'warning', message: `${name} no longer exists (deleted?): stopped watching it.`, actions: [] };
    case 'expired':
      return { severity: 'info', message: `${name} did not go LIVE while watched: stopped watching it. Watch it again from its context menu.`, actions: [] };
  }
}
