// Runs inside the livestream panel's webview (bundled for the browser as dist/webview.js).
// It never touches the network (CSP connect-src 'none'): it renders the view model the extension
// posts, keeps it with setState so a re-shown panel paints at once, and turns clicks into typed
// messages. The stream key lives only in `revealed` (memory), never in setState, and is dropped
// on Hide or when the webview is torn down.
// First: configures the translations before any module below builds text (see l10nSetup.ts).
import './l10nSetup';
import * as l10n from '@vscode/l10n';
import {
  COPY_FIELDS,
  isPageSize,
  oneOf,
  PANEL_COMMANDS,
  type InboundMessage,
  type OutboundMessage,
  type PanelState,
  type PanelView,
  type RevealedSecret,
  type WebviewState,
} from '../contract/livestreamPanel';
import { shownStatus, statusAnnouncement, type ShownStatus } from './announce';
import { patchKeepingFocus } from './patch';
import { updatedAgoText } from './updatedAgo';
import { renderPanel, UPDATED_ID } from './render';
import { LIVE_DURATION_ID, runningText } from './renderGoLive';

interface VsCodeApi {
  postMessage(message: InboundMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') as HTMLElement;
/** The account the extension shows data of now ('' when signed out), written into the page. */
const account = document.body.dataset.account ?? '';

let view: PanelView | undefined;
let state: PanelState | undefined;
let revealed: RevealedSecret | undefined;
/** Webview-clock time the shown data was loaded (the extension sends its age, not its clock). */
let loadedAt: number | undefined;

function updatedText(): string {
  if (!view) {
    return '';
  }
  if (loadedAt === undefined) {
    return view.fetch.loading ? '' : l10n.t('Not loaded yet');
  }
  return updatedAgoText(Date.now() - loadedAt);
}

/** Webview-clock time the session in progress started (the extension sends how long it has run). */
let liveStartedAt: number | undefined;

function liveRunningText(): string {
  return runningText(liveStartedAt === undefined ? null : Date.now() - liveStartedAt);
}

function render(): void {
  if (!view) {
    return;
  }
  // Patched in place, not replaced: the focus, a selection and what a screen reader is reading
  // stay where they are while a watched livestream re-renders every few seconds (patch.ts).
  patchKeepingFocus(root, renderPanel(view, { revealed, updatedText: updatedText(), runningText: liveRunningText() }));
  root.setAttribute('aria-busy', String(view.fetch.loading && !view.details));
  document.title = view.title;
}

/**
 * The panel's one live region (in the shell, so it exists before anything is said into it).
 * The same words twice in a row are still said: a no-break space makes them a change.
 */
const announcer = document.getElementById('announcer');
function announce(message: string): void {
  if (announcer) {
    announcer.textContent = announcer.textContent === message ? `${message}\u00a0` : message;
  }
}

/** The status last shown, so a re-render with the same status says nothing. */
let shown: ShownStatus | undefined;

/** What the revealed key belongs to: when any of it changes, the key shown may be stale. */
function keyIdentity(v: PanelView | undefined): string {
  const d = v?.details;
  return d ? JSON.stringify([v.livestreamId, d.header.updated.absolute, d.encoder]) : '';
}

function applyView(next: PanelView, nextState: PanelState): void {
  if (keyIdentity(next) !== keyIdentity(view) || !next.details?.encoder.hasStreamKey) {
    revealed = undefined;
  }
  const drilled = nextState.session !== state?.session;
  view = next;
  state = nextState;
  loadedAt = next.fetch.ageMs === null ? undefined : Date.now() - next.fetch.ageMs;
  const running = next.details?.live?.runningMs;
  liveStartedAt = running === null || running === undefined ? undefined : Date.now() - running;
  // A view that shows no data (signed out, another account) replaces the saved one too, so a
  // reload never paints the previous account's livestream.
  const keep = next.notice ? {} : { view: next, ...(loadedAt !== undefined ? { loadedAt } : {}) };
  vscode.setState({ ...nextState, account, ...keep });
  render();
  if (drilled) {
    // Into a session: its view starts at the top. Back: where the sessions were.
    if (nextState.session) window.scrollTo(0, 0);
    else document.getElementById('sessions-title')?.scrollIntoView({ block: 'start' });
  }
  const message = statusAnnouncement(shown, next);
  shown = shownStatus(next) ?? shown;
  if (message) {
    announce(message);
  }
}

window.addEventListener('message', (event: MessageEvent<OutboundMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') {
    return;
  }
  switch (message.type) {
    case 'update':
      applyView(message.view, message.state);
      break;
    case 'secret':
      revealed = message.secret;
      render();
      break;
  }
});

const post = (message: InboundMessage) => vscode.postMessage(message);

function flash(button: HTMLElement): void {
  const glyph = button.querySelector('.codicon');
  if (!glyph) {
    return;
  }
  glyph.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => glyph.classList.replace('codicon-check', 'codicon-copy'), 1500);
}

root.addEventListener('click', (event) => {
  const target = (event.target as Element).closest<HTMLElement>('[data-action]');
  if (!target || target instanceof HTMLSelectElement || (target as HTMLButtonElement).disabled) {
    return;
  }
  const { action, field, command, pageNo, sessionId, livestreamId } = target.dataset;
  switch (action) {
    case 'open-session':
      if (sessionId) post({ type: 'openSession', sessionId });
      break;
    case 'close-session':
      post({ type: 'closeSession' });
      break;
    case 'copy-session-id':
      post({ type: 'copySessionId' });
      flash(target);
      announce(l10n.t('Copied the session ID'));
      break;
    case 'open-livestream':
      if (livestreamId) post({ type: 'openLivestream', livestreamId });
      break;
    case 'scroll-to':
      document.getElementById(target.dataset.target ?? '')?.scrollIntoView({ block: 'start' });
      break;
    case 'copy':
      if (oneOf(COPY_FIELDS, field)) {
        post({ type: 'copy', field });
        flash(target);
        // The status bar's confirmation is not read out; this is.
        announce(target.dataset.done ?? l10n.t('Copied'));
      }
      break;
    case 'reveal':
      post({ type: 'reveal' });
      break;
    case 'hide':
      revealed = undefined;
      render();
      break;
    case 'open-playback':
      post({ type: 'openPlayback' });
      break;
    case 'refresh':
      post({ type: 'refresh' });
      break;
    case 'command':
      if (oneOf(PANEL_COMMANDS, command)) {
        post({ type: 'command', command });
      }
      break;
    case 'page':
      if (state) {
        post({ type: 'page', page: { pageNo: Number(pageNo), perPage: state.page.perPage } });
      }
      break;
  }
});

// Escape leaves a session's view, as Back does.
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state?.session) {
    post({ type: 'closeSession' });
  }
});

// The checklist's <details> opened or closed: the extension remembers it for every panel.
root.addEventListener(
  'toggle',
  (event) => {
    const target = event.target;
    if (target instanceof HTMLDetailsElement && target.dataset.action === 'checklist' && view?.details && target.open !== view.details.checklist.open) {
      post({ type: 'checklist', open: target.open });
    }
  },
  true,
);

root.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLSelectElement) || target.dataset.action !== 'per-page' || !state) {
    return;
  }
  const perPage = Number(target.value);
  if (isPageSize(perPage)) {
    post({ type: 'page', page: { pageNo: 1, perPage } });
  }
});

// The "Updated Ns ago" and "Running for" texts tick locally: no message, no network.
setInterval(() => {
  const updated = document.getElementById(UPDATED_ID);
  if (updated && view) {
    updated.textContent = updatedText();
  }
  const running = document.getElementById(LIVE_DURATION_ID);
  if (running) {
    running.textContent = liveRunningText();
  }
}, 1000);

// Paint the last view at once when the panel is re-shown or restored, then ask for fresh data;
// but only a view saved under the account shown now: after a sign-out or an account switch it
// would be someone else's data for a round trip.
const saved = vscode.getState() as WebviewState | undefined;
if (saved?.view && saved.version === 1 && saved.account === account && account !== '') {
  view = saved.view;
  state = { version: 1, ref: saved.ref, page: saved.page, ...(saved.session ? { session: saved.session } : {}) };
  loadedAt = saved.loadedAt;
  shown = shownStatus(saved.view);
  render();
}
post({ type: 'ready' });
