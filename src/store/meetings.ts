// The store's meeting slots: whether a meeting is livestreaming now (its active livestream), the
// meeting's livestreams page by page, and the livestream sessions of one meeting session (an
// occurrence of a meeting). Loaded through the store's loader like everything else it caches.
import { ApiError } from '../api/errors';
import type { Livestream, MeetingLivestreams, Page, Session, StartMeetingLivestream } from '../api/types';
import type { DetailsPage, LoadOptions, StoreParts } from './changes';
import type { ListFilter } from './lists';
import type { Loadable } from './loadable';
import type { Slot } from './loader';
import { SlotMap } from './slotMap';

const pageKey = (page: DetailsPage): string => `${page.pageNo}x${page.perPage}`;

export class MeetingSlots {
  private readonly activeSlots = new SlotMap<Livestream | null>();
  private readonly livestreamSlots = new SlotMap<MeetingLivestreams>();
  private readonly sessionSlots = new SlotMap<Page<Session>>();

  constructor(private readonly parts: StoreParts) {}

  /** The meeting's livestream in progress; null when it is not livestreaming. */
  active(appId: string, meetingId: string): Loadable<Livestream | null> {
    return this.activeSlots.state(`${appId}/${meetingId}`);
  }

  loadActive(appId: string, meetingId: string, options: LoadOptions = {}): Promise<void> {
    const parts = this.parts;
    return parts.load(this.activeSlots.slot(`${appId}/${meetingId}`), { kind: 'meetingActive', appId, meetingId }, options, async (signal) => {
      try {
        const livestream = await parts.api.getMeetingActiveLivestream(parts.accountId(), appId, meetingId, { signal, retry: options.retry });
        parts.noteLivestream(livestream);
        return livestream;
      } catch (err) {
        // 404 is the API's way of saying nothing is in progress: an answer, not a failure.
        if (err instanceof ApiError && err.kind === 'notFound') return null;
        throw err;
      }
    });
  }

  livestreams(appId: string, meetingId: string, page: DetailsPage): Loadable<MeetingLivestreams> {
    return this.livestreamSlots.state(`${appId}/${meetingId}?${pageKey(page)}`);
  }

  loadLivestreams(appId: string, meetingId: string, page: DetailsPage, options: LoadOptions = {}): Promise<void> {
    const slot = this.livestreamSlots.slot(`${appId}/${meetingId}?${pageKey(page)}`);
    return this.parts.load(slot, { kind: 'meetingLivestreams', appId, meetingId, page }, options, async (signal) => {
      const answer = await this.parts.api.getMeetingLivestreams(this.parts.accountId(), appId, meetingId, page, { signal, retry: options.retry });
      answer.livestreams.forEach((l) => this.parts.noteLivestream(l));
      return answer;
    });
  }

  /** The livestream sessions of one meeting session (not a livestream session: an occurrence of a meeting). */
  sessionLivestreams(appId: string, sessionId: string, page: DetailsPage): Loadable<Page<Session>> {
    return this.sessionSlots.state(`${appId}/${sessionId}?${pageKey(page)}`);
  }

  loadSessionLivestreams(appId: string, sessionId: string, page: DetailsPage, options: LoadOptions = {}): Promise<void> {
    const slot = this.sessionSlots.slot(`${appId}/${sessionId}?${pageKey(page)}`);
    return this.parts.load(slot, { kind: 'meetingSession', appId, sessionId, page }, options, (signal) =>
      this.parts.api.getMeetingSessionLivestreamSessions(this.parts.accountId(), appId, sessionId, page, { signal, retry: options.retry }),
    );
  }

  /**
   * Starts livestreaming a meeting; then the app's list (so the tree shows the new livestream) and
   * what is loaded about the meeting are read again. Never retried (a POST may have worked).
   */
  async start(appId: string, meetingId: string, start: StartMeetingLivestream, filter?: ListFilter): Promise<Livestream> {
    const started = await this.parts.api.startMeetingLivestream(this.parts.accountId(), appId, meetingId, start, { signal: this.parts.writeSignal() });
    await Promise.all([this.parts.reloadList(appId, filter), this.reload(appId, meetingId)]);
    return started;
  }

  /** Stops a meeting's livestream; then the app's list and the meeting are read again, so the tree and panels follow. */
  async stop(appId: string, meetingId: string, filter?: ListFilter): Promise<void> {
    await this.parts.api.stopMeetingLivestream(this.parts.accountId(), appId, meetingId, { signal: this.parts.writeSignal() });
    await Promise.all([this.parts.reloadList(appId, filter), this.reload(appId, meetingId)]);
  }

  /** After a start or a stop: what is loaded about the meeting is read again. */
  async reload(appId: string, meetingId: string): Promise<void> {
    const prefix = `${appId}/${meetingId}?`;
    const pages = this.livestreamSlots.keysStartingWith(prefix).map((key) => {
      const [pageNo, perPage] = key.slice(prefix.length).split('x').map(Number);
      return this.loadLivestreams(appId, meetingId, { pageNo, perPage });
    });
    await Promise.all([this.loadActive(appId, meetingId), ...pages]);
  }

  holds(slot: Slot<unknown>): boolean {
    return this.activeSlots.holds(slot) || this.livestreamSlots.holds(slot) || this.sessionSlots.holds(slot);
  }

  clear(): void {
    this.activeSlots.clear();
    this.livestreamSlots.clear();
    this.sessionSlots.clear();
  }
}
