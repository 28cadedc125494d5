// The tree's status filter: which livestreams the sidebar lists (LIVE only, ...). It belongs to
// the tree, not to the cache: the store keeps each (app, filter) list apart, so changing the
// filter reloads lists and nothing else. Remembered per workspace.
import { Emitter, type Event } from '../shared/emitter';
import { isKnownStatus, type KnownStatus } from '../shared/status';

export const FILTER_STATE_KEY = 'realtimekit.statusFilter';

/** What `context.workspaceState` already is. */
export interface FilterMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class TreeFilter {
  private readonly changed = new Emitter<KnownStatus | undefined>();
  readonly onDidChange: Event<KnownStatus | undefined> = this.changed.event;
  private status: KnownStatus | undefined;

  constructor(private readonly memento: FilterMemento) {
    const saved = memento.get(FILTER_STATE_KEY);
    this.status = isKnownStatus(saved) ? saved : undefined;
  }

  get current(): KnownStatus | undefined {
    return this.status;
  }

  async set(status: KnownStatus | undefined): Promise<void> {
    if (status === this.status) {
      return;
    }
    this.status = status;
    this.changed.fire(status);
    await this.memento.update(FILTER_STATE_KEY, status);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
