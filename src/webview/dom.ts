// The only way the webview creates nodes: element names and attribute names are ours, every
// string from the API goes in as a Text node (or an attribute value through setAttribute), never
// through innerHTML. So "<img src=x onerror=...>" as a livestream name is just text.

export type Child = Node | string | null | undefined | false;

export interface Props {
  /** Space-separated classes. */
  readonly class?: string;
  /** Plain attributes, including aria-* and data-*; `undefined`/`false` leaves one out. */
  readonly [attribute: string]: string | number | boolean | undefined;
}

function apply(el: Element, props: Props | undefined, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === false) {
      continue;
    }
    // Event-handler attributes are never set from here; handlers are delegated in main.ts.
    if (/^on/i.test(name)) {
      throw new Error(`refusing to set ${name}`);
    }
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, props, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props, children);
  return el;
}

/** A codicon glyph, hidden from screen readers (the button or text around it carries the meaning). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/**
 * A translated sentence with elements in it: `template` is an `l10n.t` message returned without
 * args (so its `{0}`, `{1}` … are still there, wherever the translation moved them), and each
 * `{i}` becomes `parts[i]` (an element, or text). The words around them stay one whole message.
 */
export function fill(template: string, ...parts: Child[]): Child[] {
  return template.split(/\{(\d+)\}/).map((piece, i) => (i % 2 === 0 ? piece || null : (parts[Number(piece)] ?? `{${piece}}`)));
}
