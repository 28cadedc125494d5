// The store's analytics by range, for the app dashboard: the days of the last 7, 30 or 90 days and
// the totals over the same range, each with the range it covers. One range is computed per load
// and given to both requests, so the chart and the totals always describe the same days.
import type { AppAnalytics, DayAnalytics, TimeRange } from '../api/types';
import type { LoadOptions, RangeDays, StoreParts } from './changes';
import type { Loadable } from './loadable';
import type { Slot } from './loader';
import { SlotMap } from './slotMap';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InRange<T> {
  readonly range: TimeRange;
  readonly value: T;
}

/** The last `days` UTC calendar days, today included: from midnight UTC `days - 1` days ago until now. */
export function rangeOfDays(days: RangeDays, now: number): TimeRange {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { startMs: today - (days - 1) * DAY_MS, endMs: now };
}

export class DashboardSlots {
  private readonly daySlots = new SlotMap<InRange<readonly DayAnalytics[]>>();
  private readonly totalSlots = new SlotMap<InRange<AppAnalytics>>();

  constructor(private readonly parts: StoreParts) {}

  days(appId: string, days: RangeDays): Loadable<InRange<readonly DayAnalytics[]>> {
    return this.daySlots.state(`${appId}|${days}`);
  }

  totals(appId: string, days: RangeDays): Loadable<InRange<AppAnalytics>> {
    return this.totalSlots.state(`${appId}|${days}`);
  }

  /** Both the days and the totals, over one range ending now. */
  load(appId: string, days: RangeDays, options: LoadOptions = {}): Promise<void> {
    const { api } = this.parts;
    const accountId = this.parts.accountId();
    const range = rangeOfDays(days, this.parts.now());
    const change = { kind: 'dashboard', appId, days } as const;
    const opts = (signal: AbortSignal) => ({ signal, retry: options.retry });
    return Promise.all([
      this.parts.load(this.daySlots.slot(`${appId}|${days}`), change, options, async (signal) => ({
        range,
        value: await api.getDaywiseAnalytics(accountId, appId, range, opts(signal)),
      })),
      this.parts.load(this.totalSlots.slot(`${appId}|${days}`), change, options, async (signal) => ({
        range,
        value: await api.getAppAnalytics(accountId, appId, range, opts(signal)),
      })),
    ]).then(() => undefined);
  }

  holds(slot: Slot<unknown>): boolean {
    return this.daySlots.holds(slot) || this.totalSlots.holds(slot);
  }

  clear(): void {
    this.daySlots.clear();
    this.totalSlots.clear();
  }
}
