// When the tree tells VS Code that something changed. Every change event makes VS Code drop and
// re-request the node's children: a context menu open on one of them closes, and a click that
// lands meanwhile hits a command VS Code has already forgotten ("Actual command not found"). So
// an event is sent only when what a node shows (its item, its children as data) differs from
// what VS Code was last given. Pure: the provider hands in signatures, this decides.
import type { ChildDescription } from './model';

/** The root's key; apps are keyed by their id. */
export const ROOT = '';

/** What VS Code was given for a node: its item and its children, as signatures. */
export interface Rendering {
  readonly item?: string;
  readonly children?: string;
}

/**
 * Which nodes to refresh: `'all'` (the root), or the app keys whose item or shown children
 * changed. `pending` maps each key something happened to, to whether the change is forced
 * (a state or filter change alters everything). A node VS Code never rendered has nothing to
 * refresh, except the root before its first render.
 */
export function nodesToRefresh(
  pending: ReadonlyMap<string, boolean>,
  rendered: ReadonlyMap<string, Rendering>,
  current: (key: string) => Rendering,
): 'all' | string[] {
  const differs = (key: string): boolean => {
    if (pending.get(key) === true) return true;
    const was = rendered.get(key);
    if (key === ROOT && was?.children === undefined) return true;
    if (!was) return false;
    const now = current(key);
    return (was.children !== undefined && was.children !== now.children) || (was.item !== undefined && was.item !== now.item);
  };
  if (pending.has(ROOT) && differs(ROOT)) {
    return 'all';
  }
  return [...pending.keys()].filter((key) => key !== ROOT && differs(key));
}

/** A node's children as data, minus the clock ("5 min ago" changes without anything happening). */
export function childrenSignature(children: readonly ChildDescription[], watched: (livestreamId: string) => boolean = () => false): string {
  return JSON.stringify(
    children.map((c) => {
      switch (c.kind) {
        case 'livestream': {
          const l = c.livestream;
          return [l.id, l.status, l.name, l.disabled, l.createdAt, l.updatedAt, l.ingestServer, l.playbackUrl, !!l.streamKey, watched(l.id)];
        }
        case 'app':
          return [c.app.id, c.app.name];
        default:
          return [c.item.label, c.item.description];
      }
    }),
  );
}
