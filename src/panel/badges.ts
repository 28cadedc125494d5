// A livestream's status as a badge, and a livestream as a link: the one presentation the panel's
// header, a meeting's livestreams and the dashboard's lists share. Pure.
import type { Livestream } from '../api/types';
import type { LivestreamLink, StatusBadge, TimeText } from '../contract/common';
import { formatAbsoluteTime, formatRelativeTime, parseTime } from '../shared/format';
import { presentStatus, type StatusKey } from '../shared/status';

export function timeText(iso: string | null, now: number): TimeText {
  const absolute = formatAbsoluteTime(iso);
  return { relative: formatRelativeTime(iso, now), absolute, short: parseTime(iso) === null ? '' : absolute.slice(0, 16) };
}

export function statusBadge(status: string): StatusBadge {
  const p = presentStatus(status);
  return { label: p.label, tone: p.key, icon: p.icon, spin: p.spin };
}

/** A badge that is not a livestream status (a session's Running, Finished, ...), in a status's tone. */
export function badge(label: string, tone: StatusKey, icon: string, spin = false): StatusBadge {
  return { label, tone, icon, spin };
}

export function livestreamLink(l: Livestream, now: number, note: string | null = null): LivestreamLink {
  return { id: l.id, name: l.name, unnamed: l.unnamed, status: statusBadge(l.status), time: timeText(l.updatedAt ?? l.createdAt, now), note };
}
