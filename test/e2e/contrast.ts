// Text contrast as WCAG 2.x measures it, for the browser tests' theme checks: `sampleColours` runs
// inside a webview and reads what the browser computed for each piece of text (its colour and
// the background colours from it up to the root); `rateSample` composites those backgrounds down
// to the one the text sits on and gives the contrast ratio and the minimum WCAG asks for.
//
// Minimums (WCAG 2.x, level AA): 4.5:1 for text, 3:1 for large text (at least 24 px, or 18.66 px
// and bold) and for the glyph of an icon-only button (1.4.11, non-text contrast). Disabled
// controls are exempt and not sampled.

/** Red, green, blue (0..255) and alpha (0..1). */
export type Rgba = readonly [number, number, number, number];

export interface ColourSample {
  /** What kind of text it is: "status badge (live)", "muted text", "button", ... */
  readonly kind: string;
  /** The text (or the icon button's label), shortened. */
  readonly text: string;
  /** Computed `color` (`fill` for SVG text). */
  readonly color: string;
  /** Computed `background-color` of the element and each ancestor, element first. */
  readonly backgrounds: readonly string[];
  /** Product of the `opacity` of the element and its ancestors. */
  readonly opacity: number;
  readonly large: boolean;
  /** An icon, not text (3:1). */
  readonly nonText: boolean;
}

export interface RatedSample extends ColourSample {
  readonly foreground: Rgba;
  readonly background: Rgba;
  readonly ratio: number;
  /** What WCAG AA asks for this sample. */
  readonly required: number;
}

/** Parses the forms browsers compute colours to: `rgb(r, g, b)`, `rgba(r, g, b, a)`, `rgb(r g b / a)`, `transparent`. */
export function parseCssColor(css: string): Rgba {
  const value = css.trim().toLowerCase();
  if (value === 'transparent') return [0, 0, 0, 0];
  const m = /^rgba?\(([^)]*)\)$/.exec(value);
  if (!m) throw new Error(`cannot read the colour "${css}"`);
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  const [r, g, b] = parts.slice(0, 3).map(Number);
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? Number(parts[3].slice(0, -1)) / 100 : Number(parts[3]);
  if ([r, g, b, alpha].some((n) => n === undefined || !Number.isFinite(n))) throw new Error(`cannot read the colour "${css}"`);
  return [r!, g!, b!, alpha];
}

/** `top` painted over the opaque `bottom` (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

/** WCAG 2.x relative luminance of an opaque sRGB colour. */
export function relativeLuminance(c: Rgba): number {
  const linear = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
}

/** WCAG 2.x contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const WHITE: Rgba = [255, 255, 255, 1];

/**
 * The background the text sits on: from the element up to the first opaque background, painted
 * bottom-up (a page with no opaque background at all shows white); the text colour painted over
 * it, its alpha times the opacity of its ancestors.
 */
export function rateSample(s: ColourSample): RatedSample {
  const layers = s.backgrounds.map(parseCssColor);
  const opaque = layers.findIndex((l) => l[3] >= 1);
  let background = opaque < 0 ? WHITE : layers[opaque]!;
  for (let i = (opaque < 0 ? layers.length : opaque) - 1; i >= 0; i--) background = over(layers[i]!, background);
  const text = parseCssColor(s.color);
  const foreground = over([text[0], text[1], text[2], text[3] * s.opacity], background);
  const required = s.nonText || s.large ? 3 : 4.5;
  return { ...s, foreground, background, ratio: contrastRatio(foreground, background), required };
}

export function hex(c: Rgba): string {
  return `#${c
    .slice(0, 3)
    .map((v) => Math.round(v).toString(16).padStart(2, '0'))
    .join('')}`;
}

/**
 * Runs in the page (passed to `locator.evaluate`, so it uses nothing from outside itself): every
 * visible piece of text under `root`, each enabled icon-only button's glyph, SVG text (its fill),
 * dropdowns, and the status badge in every tone and text buttons in both styles: a copy of the
 * badge (button) on screen with the other tone's (style's) class, measured and removed at once.
 */
export function sampleColours(root: Element): ColourSample[] {
  const samples: ColourSample[] = [];
  const muted = '.muted, .hint, .field-label, .fetch-status, th, dt, .command-head, .per-page, .obs-hint, h3, .placeholder';
  const kindOf = (el: Element): string => {
    const badge = el.closest('.badge');
    if (badge) return `status badge (${/\btone-([a-z]+)/.exec(badge.className)?.[1] ?? '?'})`;
    if (el.closest('select')) return 'dropdown';
    const button = el.closest('button');
    if (button) return `button (${button.classList.contains('secondary') ? 'secondary' : 'primary'})`;
    if (el.closest('svg')) return 'chart text';
    if (el.closest('.tone-live-text')) return 'LIVE text';
    if (el.closest('.error-text, .error-row, .banner-error')) return 'error text';
    if (el.closest(muted)) return 'muted text';
    if (el.closest('.card')) return 'card text';
    return 'header text';
  };
  const shown = (el: Element): boolean =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden') && !el.closest('button:disabled, select:disabled');
  const sample = (el: Element, text: string, nonText = false): void => {
    const style = getComputedStyle(el);
    const backgrounds: string[] = [];
    let opacity = 1;
    for (let n: Element | null = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      backgrounds.push(s.backgroundColor);
      opacity *= Number(s.opacity);
    }
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    samples.push({
      kind: nonText ? 'icon button' : kindOf(el),
      text: text.replace(/\s+/g, ' ').trim().slice(0, 60),
      color: el.closest('svg') ? style.fill : style.color,
      backgrounds,
      opacity,
      large: size >= 24 || (size >= 18.66 && bold),
      nonText,
    });
  };
  const sampleText = (scope: Element): void => {
    for (const el of [scope, ...Array.from(scope.querySelectorAll('*'))]) {
      if (el.matches('script, style, option') || !shown(el)) continue;
      const own = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('');
      if (own.trim()) sample(el, own);
      else if (el.matches('select')) sample(el, (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    }
  };

  sampleText(root);
  for (const button of Array.from(root.querySelectorAll('button:not(:disabled)'))) {
    const glyph = button.querySelector('.codicon');
    if (glyph && !button.textContent?.trim() && shown(button)) sample(glyph, button.getAttribute('aria-label') ?? button.getAttribute('title') ?? 'icon', true);
  }
  /** Measures a copy of `el` with other classes (and its last text replaced by `label`), beside it, then removes it. */
  const variant = (el: Element, className: string, label?: string): void => {
    const copy = el.cloneNode(true) as Element;
    copy.className = className;
    copy.removeAttribute('data-testid');
    const texts = Array.from(copy.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (label && texts.length) texts[texts.length - 1]!.textContent = label;
    el.after(copy);
    try {
      sampleText(copy);
    } finally {
      copy.remove();
    }
  };
  const badge = root.querySelector('[data-testid="status"]');
  for (const [tone, label] of [['live', 'LIVE'], ['idle', 'IDLE'], ['errored', 'ERRORED'], ['invoked', 'INVOKED'], ['other', 'OFFLINE'], ['disabled', 'Disabled']]) {
    if (badge && !badge.classList.contains(`tone-${tone}`)) variant(badge, `badge tone-${tone}`, label);
  }
  // Text buttons in the style the panel does not show at the moment (primary: Retry, Set API Token).
  const textButton = Array.from(root.querySelectorAll('button.button:not(:disabled)')).find((b) => b.textContent?.trim());
  if (textButton) variant(textButton, textButton.classList.contains('secondary') ? 'button' : 'button secondary');
  return samples;
}

/**
 * Runs in the page (passed to `locator.evaluate` on any element of the document): the focus ring
 * of the focused element as a sample, its outline colour against what it is drawn on (the
 * outline sits outside the element, over its parent), or null when nothing is focused or
 * nothing is drawn. Non-text contrast: a ring needs 3:1 (WCAG 1.4.11).
 */
export function focusRingSample(anyElement: Element): (ColourSample & { readonly outline: string }) | null {
  const el = anyElement.ownerDocument.activeElement;
  if (!el || el === el.ownerDocument.body) return null;
  const style = getComputedStyle(el);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return null;
  const backgrounds: string[] = [];
  for (let n = el.parentElement; n; n = n.parentElement) backgrounds.push(getComputedStyle(n).backgroundColor);
  return {
    kind: 'focus ring',
    text: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
    color: style.outlineColor,
    backgrounds,
    opacity: 1,
    large: false,
    nonText: true,
    outline: `${style.outlineStyle} ${style.outlineWidth}, offset ${style.outlineOffset}`,
  };
}
