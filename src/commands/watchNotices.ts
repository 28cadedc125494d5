// What a watched livestream's transition says, and whether it is said at all: one sentence per
// transition, the actions it offers, and the `realtimekit.notifications` level it needs. Pure, so
// unit tests read the words without VS Code.
import * as l10n from '@vscode/l10n';
import type { NotificationLevel } from '../shared/config';
import { formatSeconds } from '../shared/format';
import type { Transition } from '../store/watcher';

export type NoticeAction = 'openPanel' | 'copyPlaybackUrl' | 'showDetails';

export interface Notice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly actions: readonly NoticeAction[];
}

/** A notice's button (translated when asked, not at import: the bundle is configured after modules load). */
export function noticeActionLabel(action: NoticeAction): string {
  switch (action) {
    case 'openPanel':
      return l10n.t('Open Panel');
    case 'copyPlaybackUrl':
      return l10n.t('Copy Playback URL');
    case 'showDetails':
      return l10n.t('Show Details');
  }
}

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
      return { severity: 'info', message: l10n.t({ message: '{0}: the encoder is connecting', args: [name], comment: ['{0} is the name of a livestream'] }), actions: ['openPanel'] };
    case 'live':
      return {
        severity: 'info',
        message: l10n.t({ message: '{0} is LIVE', args: [name], comment: ['{0} is the name of a livestream'] }),
        actions: t.livestream.playbackUrl ? ['openPanel', 'copyPlaybackUrl'] : ['openPanel'],
      };
    case 'errored':
      return {
        severity: 'error',
        message:
          t.errMessage !== null
            ? l10n.t({
                message: '{0}: {1} Check the encoder: H.264 video, AAC audio, a keyframe every 2–8 s.',
                args: [name, t.errMessage],
                comment: ['{0} is the name of a livestream, {1} the reason Cloudflare gave'],
              })
            : l10n.t({
                message: '{0}: the encoder’s stream was refused, without a reason from Cloudflare. Check the encoder: H.264 video, AAC audio, a keyframe every 2–8 s.',
                args: [name],
                comment: ['{0} is the name of a livestream'],
              }),
        actions: ['showDetails'],
      };
    case 'stopped':
      return {
        severity: 'info',
        message:
          t.durationSeconds === null
            ? l10n.t({ message: '{0} stopped', args: [name], comment: ['{0} is the name of a livestream'] })
            : l10n.t({ message: '{0} stopped after {1}', args: [name, formatSeconds(t.durationSeconds)], comment: ['{0} is the name of a livestream, {1} how long it was LIVE, e.g. "12m 34s"'] }),
        actions: ['openPanel'],
      };
    case 'deleted':
      return { severity: 'warning', message: l10n.t({ message: '{0} no longer exists (deleted?): stopped watching it.', args: [name], comment: ['{0} is the name of a livestream'] }), actions: [] };
    case 'expired':
      return {
        severity: 'info',
        message: l10n.t({ message: '{0} did not go LIVE while watched: stopped watching it. Watch it again from its context menu.', args: [name], comment: ['{0} is the name of a livestream'] }),
        actions: [],
      };
  }
}
