// Brings the panel's DOM to what render built, changing only what differs. A view arrives every
// few seconds while a livestream is watched or OBS streams; replacing the whole page each time
// took the focus from the button under it, cleared a selection being copied, and made screen
// readers read the page again. Here a node that is still wanted stays the same node: a text
// node whose text did not change is not touched (a selection in it survives), and the focused
// button is patched where it is (its focus stays).
//
// Small on purpose, because what render builds is narrow: elements and text only (no comments,
// no listeners on nodes: main.ts delegates), every interactive element and every block that comes
// and goes keyed by `data-key` or `id`. A general DOM morpher (morphdom: 12 KB minified, as big
// as the whole panel script) would handle cases this page never has.

/** A child's identity among its siblings: its id or data-key, when it has one. */
function keyOf(node: Node): string | undefined {
  if (!(node instanceof Element)) return undefined;
  const id = node.getAttribute('id');
  if (id) return `#${id}`;
  const key = node.getAttribute('data-key');
  return key ? `key:${key}` : undefined;
}

/**
 * Whether `next` can be patched into `old`: the same kind of node; an unkeyed element also needs
 * the same classes, so a banner is not rewritten into a card when one appears before the other.
 */
function sameKind(old: Node, next: Node, keyed: boolean): boolean {
  if (old.nodeType !== next.nodeType) return false;
  if (!(old instanceof Element) || !(next instanceof Element)) return true;
  return old.namespaceURI === next.namespaceURI && old.localName === next.localName && (keyed || old.getAttribute('class') === next.getAttribute('class'));
}

function patchAttributes(old: Element, next: Element): void {
  for (const { name } of Array.from(old.attributes)) {
    if (!next.hasAttribute(name)) old.removeAttribute(name);
  }
  for (const { name, value } of Array.from(next.attributes)) {
    if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  }
}

function patchNode(old: Node, next: Node): void {
  if (!(old instanceof Element) || !(next instanceof Element)) {
    if (old.nodeValue !== next.nodeValue) old.nodeValue = next.nodeValue;
    return;
  }
  patchAttributes(old, next);
  patchChildren(old, Array.from(next.childNodes));
  // A select the user changed no longer follows its options' `selected` attributes: set its value.
  if (old instanceof HTMLSelectElement && next instanceof HTMLSelectElement && old.value !== next.value) {
    old.value = next.value;
  }
}

/**
 * Makes `parent`'s children match `next` (freshly built nodes, not in the document). Old nodes are
 * reused in order: a keyed child by its key, an unkeyed one by kind, never one before the last
 * reused (which would move nodes about). What is left over is removed before anything is placed,
 * so the nodes that stay never move when a block before them goes.
 */
export function patchChildren(parent: Node, next: readonly Node[]): void {
  const old: Node[] = Array.from(parent.childNodes);
  const byKey = new Map<string, Node>();
  for (const node of old) {
    const key = keyOf(node);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, node);
  }
  const reused = new Set<Node>();
  let cursor = 0;
  const wanted = next.map((node) => {
    const key = keyOf(node);
    let match: Node | undefined;
    if (key !== undefined) {
      const candidate = byKey.get(key);
      if (candidate && !reused.has(candidate) && sameKind(candidate, node, true)) match = candidate;
    } else {
      match = old.slice(cursor).find((o) => !reused.has(o) && keyOf(o) === undefined && sameKind(o, node, false));
    }
    if (!match) return node;
    reused.add(match);
    cursor = Math.max(cursor, old.indexOf(match) + 1);
    patchNode(match, node);
    return match;
  });
  for (const node of old) {
    if (!reused.has(node)) parent.removeChild(node);
  }
  wanted.forEach((node, i) => {
    const at = parent.childNodes[i] ?? null;
    if (at !== node) parent.insertBefore(node, at);
  });
}

/**
 * patchChildren, then the focus put back if the patch could not keep it: the focused element was
 * replaced (a block around it changed kind) or became disabled (Next on the last page), which in
 * Chromium drops the focus to the body. Back to the element with the same key, or, when that one
 * is disabled, to the nearest enabled control beside it (Previous for Next). Only while this
 * document has the focus: focus() would otherwise take it from where the person is typing.
 */
export function patchKeepingFocus(root: HTMLElement, next: readonly Node[]): void {
  const before = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement : null;
  const key = before?.dataset.key;
  patchChildren(root, next);
  const now = document.activeElement;
  const lost = !now || now === document.body || !enabled(now);
  if (!key || !lost || !document.hasFocus()) return;
  const again = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!again) return;
  (enabled(again) ? again : nearestEnabled(again))?.focus();
}

function enabled(el: Element): boolean {
  return !(el as HTMLButtonElement).disabled;
}

/** The closest enabled button or select among the element's siblings, looking back first. */
function nearestEnabled(el: HTMLElement): HTMLElement | null {
  const siblings = Array.from(el.parentElement?.children ?? []).filter((s): s is HTMLElement => s instanceof HTMLElement && (s.localName === 'button' || s.localName === 'select'));
  const at = siblings.indexOf(el);
  const order = [...siblings.slice(0, at).reverse(), ...siblings.slice(at + 1)];
  return order.find(enabled) ?? null;
}
