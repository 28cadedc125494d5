// Runs inside the app dashboard's webview (bundled for the browser as dist/dashboard.js). Like the
// livestream panel's script it never touches the network (CSP connect-src 'none'): it renders the
// view the extension posts, keeps it with setState so a re-shown or restored dashboard paints at
// once, and turns clicks into typed messages the extension validates.
// First: configures the translations before any module below builds text (see l10nSetup.ts).
import './l10nSetup';
import * as l10n from '@vscode/l10n';
import { DASHBOARD_COMMANDS, isRangeDays, type DashboardInbound, type DashboardOutbound, type DashboardView, type DashboardWebviewState } from '../contract/appDashboard';
import { oneOf } from '../contract/common';
import { patchKeepingFocus } from './patch';
import { renderDashboard, UPDATED_ID } from './renderDashboard';
import { updatedAgoText } from './updatedAgo';

interface VsCodeApi {
  postMessage(message: DashboardInbound): void;
  getState(): unknown;
  setState(state: DashboardWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') as HTMLElement;
/** The account the extension shows data of now ('' when signed out), written into the page. */
const account = document.body.dataset.account ?? '';

let view: DashboardView | undefined;
/** Webview-clock time the shown data was loaded (the extension sends its age, not its clock). */
let loadedAt: number | undefined;

function updatedText(): string {
  if (!view) return '';
  if (loadedAt === undefined) return view.fetch.loading ? '' : l10n.t('Not loaded yet');
  return updatedAgoText(Date.now() - loadedAt);
}

function render(): void {
  if (!view) return;
  // Patched in place (patch.ts): the focused range button keeps the focus across a reload.
  patchKeepingFocus(root, renderDashboard(view, updatedText()));
  root.setAttribute('aria-busy', String(view.fetch.loading && view.chart.state === 'loading'));
  document.title = view.title;
}

const post = (message: DashboardInbound) => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<DashboardOutbound>) => {
  const message = event.data;
  if (!message || typeof message !== 'object' || message.type !== 'update') return;
  view = message.view;
  loadedAt = view.fetch.ageMs === null ? undefined : Date.now() - view.fetch.ageMs;
  // A view without data (signed out, another account) replaces the saved one too.
  const keep = view.notice ? {} : { view, ...(loadedAt !== undefined ? { loadedAt } : {}) };
  vscode.setState({ ...message.state, account, ...keep });
  render();
});

root.addEventListener('click', (event) => {
  const target = (event.target as Element).closest<HTMLElement>('[data-action]');
  if (!target || (target as HTMLButtonElement).disabled) return;
  const { action, days, livestreamId, command } = target.dataset;
  switch (action) {
    case 'refresh':
      post({ type: 'refresh' });
      break;
    case 'range': {
      const n = Number(days);
      if (isRangeDays(n)) post({ type: 'range', days: n });
      break;
    }
    case 'open-livestream':
      if (livestreamId) post({ type: 'openLivestream', livestreamId });
      break;
    case 'command':
      if (oneOf(DASHBOARD_COMMANDS, command)) post({ type: 'command', command });
      break;
  }
});

// "Updated Ns ago" ticks locally: no message, no network.
setInterval(() => {
  const updated = document.getElementById(UPDATED_ID);
  if (updated && view) updated.textContent = updatedText();
}, 1000);

// Paint the saved view at once (re-shown, or restored after a reload), only under the same account.
const saved = vscode.getState() as DashboardWebviewState | undefined;
if (saved?.view && saved.version === 1 && saved.account === account && account !== '') {
  view = saved.view;
  loadedAt = saved.loadedAt;
  render();
}
post({ type: 'ready' });
