// The panel's small building blocks: buttons with an accessible name, copy buttons, times with
// the absolute time in their title, cards and labelled fields. Everything through `h()`.
import type { TimeText } from '../contract/livestreamPanel';
import { h, icon, type Child } from './dom';

export function button(label: string, iconName: string, props: Record<string, string>, text?: string, extraClass = ''): HTMLButtonElement {
  const cls = text ? `button ${extraClass}`.trim() : `icon-button ${extraClass}`.trim();
  return h('button', { type: 'button', class: cls, title: label, 'aria-label': label, ...props }, icon(iconName), text ? h('span', {}, text) : null);
}

/**
 * A copy button: `label` is its accessible name ("Copy stream key"), `done` what the live region
 * says after the click ("Copied the stream key", as `data-done`, read by main.ts). Both are whole
 * translated sentences from the caller.
 */
export function copyButton(field: string, label: string, done: string): HTMLButtonElement {
  return button(label, 'copy', { 'data-action': 'copy', 'data-field': field, 'data-key': `copy:${field}`, 'data-done': done });
}

export function time(t: TimeText): HTMLElement {
  return t.relative ? h('time', { title: t.absolute }, t.relative) : h('span', { class: 'muted' }, '—');
}

/** Table cells: the UTC time to the minute (sessions far back all read "6 months ago"), relative in the tooltip. */
export function cellTime(t: TimeText): HTMLElement {
  return t.short ? h('time', { title: `${t.relative} · ${t.absolute}` }, t.short) : h('span', { class: 'muted' }, '—');
}

export function card(id: string, title: string, iconName: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: `card card-${id}`, 'aria-labelledby': `${id}-title`, 'data-key': `card:${id}` },
    h('h2', { id: `${id}-title` }, icon(iconName), ' ', title),
    ...children,
  );
}

export function field(label: string, value: Child, ...actions: Child[]): HTMLElement {
  return h('div', { class: 'field' }, h('div', { class: 'field-label' }, label), h('div', { class: 'field-value' }, value), h('div', { class: 'field-actions' }, ...actions));
}

