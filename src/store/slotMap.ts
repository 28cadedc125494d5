// Slots by key, for the store's caches of one kind (a meeting's active livestream per meeting, a
// page of a meeting's livestreams, ...): the slot a key names, created on first use, and whether a
// slot is still one of them (the loader drops a load whose slot a reset replaced).
import { NOT_LOADED, type Loadable } from './loadable';
import { Slot } from './loader';

export class SlotMap<T> {
  private readonly slots = new Map<string, Slot<T>>();

  state(key: string): Loadable<T> {
    return this.slots.get(key)?.state ?? NOT_LOADED;
  }

  slot(key: string): Slot<T> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = new Slot<T>();
      this.slots.set(key, slot);
    }
    return slot;
  }

  holds(slot: Slot<unknown>): boolean {
    for (const s of this.slots.values()) if (s === slot) return true;
    return false;
  }

  /** Every slot with its key. */
  entries(): IterableIterator<[string, Slot<T>]> {
    return this.slots.entries();
  }

  /** Keys that start with `prefix`, for reloading every page of one thing. */
  keysStartingWith(prefix: string): string[] {
    return [...this.slots.keys()].filter((key) => key.startsWith(prefix));
  }

  clear(): void {
    this.slots.clear();
  }
}
