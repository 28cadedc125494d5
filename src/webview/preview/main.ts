// Runs inside the playback preview's webview (bundled for the browser as dist/preview.js, with
// hls.js; the livestream panel never loads it). It asks first whether this editor can decode the
// stream at all, then plays the HLS muted, waits (with backoff) while there is no playback yet,
// starts at once when the extension says the livestream is LIVE, and says when it stopped.
// The page is built once; updates change text and attributes in place, so the video, the focus
// and a screen reader's position survive them.
// First: configures the translations before any module below builds text (see l10nSetup.ts).
import '../l10nSetup';
import * as l10n from '@vscode/l10n';
import Hls, { Events, type ErrorData, type ManifestParsedData } from 'hls.js/dist/hls.light.mjs';
import type { PreviewMessage, PreviewPhase, PreviewUpdate } from '../../contract/preview';
import { isObject } from '../../shared/json';
import { isActiveStatus, presentStatus } from '../../shared/status';
import { h, icon } from '../dom';
import { capability, STREAM_CODECS, windowMediaSource, type Capability, type MediaSourceLike } from './capability';
import { afterError, retryDelayMs } from './outcome';

interface VsCodeApi {
  postMessage(message: PreviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (message: PreviewMessage): void => vscode.postMessage(message);

// ---- the page -------------------------------------------------------------------------------

function actionButton(label: string, iconName: string, onClick: () => void, extraClass = 'secondary'): HTMLButtonElement {
  const b = h('button', { type: 'button', class: `button ${extraClass}` }, icon(iconName), h('span', {}, label));
  b.addEventListener('click', onClick);
  return b;
}

const title = h('h1', { 'data-testid': 'name' });
const badge = h('span', { class: 'badge', 'data-testid': 'status', hidden: true });
const latency = h('span', { class: 'muted', 'data-testid': 'latency', title: l10n.t('How far playback is behind the newest segment the player knows of (not glass-to-glass).') });
const video = h('video', { muted: true, autoplay: true, playsinline: true, controls: true, 'data-testid': 'video' });
video.muted = true;
const messageIcon = icon('loading', 'codicon-modifier-spin');
/** The one polite live region: phase changes are announced, countdowns are not. */
const message = h('span', { role: 'status', 'data-testid': 'message' }, l10n.t('Checking what this editor can play…'));
const nextTry = h('span', { class: 'muted', 'data-testid': 'next-try' });
const openInBrowser = actionButton(l10n.t('Open in Browser'), 'link-external', () => post({ type: 'openInBrowser' }), '');
const copyUrl = actionButton(l10n.t('Copy Playback URL'), 'copy', () => post({ type: 'copyUrl' }));
const watch = actionButton(l10n.t('Watch Until Live'), 'eye', () => post({ type: 'watch' }));
const retry = actionButton(l10n.t('Try Again'), 'refresh', () => start());

document.getElementById('app')?.replaceChildren(
  h('header', { class: 'preview-header' }, title, badge, latency),
  h('div', { class: 'stage' }, video, h('p', { class: 'stage-message' }, messageIcon, ' ', message, ' ', nextTry)),
  h('div', { class: 'actions' }, openInBrowser, copyUrl, watch, retry),
);
document.getElementById('app')?.removeAttribute('aria-busy');
document.body.dataset.phase = 'checking';

// ---- state ----------------------------------------------------------------------------------

const startedAt = performance.now();
const mediaSource: MediaSourceLike | undefined = windowMediaSource(window as unknown as { MediaSource?: MediaSourceLike; ManagedMediaSource?: MediaSourceLike });
const editorCapability: Capability = capability(mediaSource);

let current: PreviewUpdate | undefined;
let phase: PreviewPhase = 'checking';
let hls: Hls | undefined;
let attempt = 0;
let mediaRecoveries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let latencyTimer: ReturnType<typeof setInterval> | undefined;

const SPINNING: readonly PreviewPhase[] = ['checking', 'waiting', 'loading'];
const PHASE_ICONS: Readonly<Record<PreviewPhase, string>> = {
  checking: 'loading',
  waiting: 'loading',
  loading: 'loading',
  playing: 'play',
  unsupported: 'warning',
  noUrl: 'info',
  stopped: 'debug-stop',
  refused: 'error',
  failed: 'error',
};

function setPhase(next: PreviewPhase, sentence: string): void {
  const changed = next !== phase || message.textContent !== sentence;
  phase = next;
  document.body.dataset.phase = next;
  messageIcon.className = `codicon codicon-${PHASE_ICONS[next]}${SPINNING.includes(next) ? ' codicon-modifier-spin' : ''}`;
  if (message.textContent !== sentence) message.textContent = sentence;
  if (next !== 'waiting') nextTry.textContent = '';
  renderButtons();
  if (changed) post({ type: 'phase', phase: next, detail: sentence });
}

function renderButtons(): void {
  const url = current?.playbackUrl ?? null;
  openInBrowser.hidden = !url;
  copyUrl.hidden = !url;
  watch.hidden = !current || current.watching || current.status === 'LIVE' || !['waiting', 'stopped'].includes(phase);
  retry.hidden = !['failed', 'refused'].includes(phase);
}

function renderHeader(update: PreviewUpdate): void {
  if (title.textContent !== update.name) title.textContent = update.name;
  document.title = l10n.t({ message: 'Preview: {0}', args: [update.name], comment: ["The playback preview's tab title; {0} is the livestream's name"] });
  if (update.status === null) {
    badge.hidden = true;
    return;
  }
  const p = presentStatus(update.status);
  badge.hidden = false;
  badge.className = `badge tone-${p.key}`;
  badge.replaceChildren(icon(p.icon, p.spin ? 'codicon-modifier-spin' : ''), ` ${p.label}`);
}

// ---- the player -----------------------------------------------------------------------------

function stopPlayer(): void {
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
  if (latencyTimer !== undefined) clearInterval(latencyTimer);
  latencyTimer = undefined;
  latency.textContent = '';
  hls?.destroy();
  hls = undefined;
}

/** Loads the manifest now (a new player each time: a failed one is not reused). */
function start(): void {
  stopPlayer();
  const url = current?.playbackUrl;
  if (!current || !url) {
    setPhase('noUrl', current ? l10n.t({ message: '“{0}” has no playback URL.', args: [current.name], comment: ['{0} is the livestream\'s name'] }) : l10n.t('Waiting for the extension…'));
    return;
  }
  if (!editorCapability.ok) {
    setPhase('unsupported', editorCapability.sentence);
    return;
  }
  const player = new Hls({
    // No worker: the CSP allows none, and one stream needs none.
    enableWorker: false,
    lowLatencyMode: true,
    // This file retries the manifest itself (with backoff, and at once on LIVE).
    manifestLoadPolicy: { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 20_000, timeoutRetry: null, errorRetry: null } },
  });
  hls = player;
  if (phase !== 'waiting') setPhase('loading', l10n.t('Loading the playback…'));
  player.on(Events.ERROR, (_event: string, data: ErrorData) => hls === player && onError(data));
  player.on(Events.MANIFEST_PARSED, (_event: string, data: ManifestParsedData) => hls === player && onManifest(data));
  player.loadSource(url);
  player.attachMedia(video);
}

function onManifest(data: ManifestParsedData): void {
  // The stream's own codecs, when the manifest names them.
  const level = data.levels[0];
  const codecs = { video: level?.videoCodec ?? STREAM_CODECS.video, audio: level?.audioCodec ?? (level?.videoCodec ? undefined : STREAM_CODECS.audio) };
  const verdict = capability(mediaSource, codecs);
  if (!verdict.ok) {
    stopPlayer();
    setPhase('unsupported', verdict.sentence);
    return;
  }
  if (phase === 'waiting') setPhase('loading', l10n.t('Loading the playback…'));
  video.play().catch(() => {
    // Autoplay of a muted video is allowed in webviews; if a host refuses, the controls remain.
  });
}

function onError(data: ErrorData): void {
  const next = afterError(data, mediaRecoveries);
  switch (next.kind) {
    case 'ignore':
      return;
    case 'recoverMedia':
      mediaRecoveries += 1;
      hls?.recoverMediaError();
      return;
    case 'unsupported':
      stopPlayer();
      // The editor said it could, then refused the stream's buffers: say what we know.
      setPhase('unsupported', l10n.t('This editor could not decode the stream, so open it in a browser, or preview it from VS Code in a browser (code-server, Codespaces).'));
      return;
    case 'refused':
    case 'failed':
      stopPlayer();
      setPhase(next.kind, next.sentence);
      return;
    case 'wait': {
      stopPlayer();
      const delay = retryDelayMs(attempt, current?.status === 'LIVE');
      attempt += 1;
      setPhase('waiting', next.sentence);
      nextTry.textContent = l10n.t({ message: 'Next try in {0} s.', args: [Math.round(delay / 1000)], comment: ['{0} is a number of seconds'] });
      retryTimer = setTimeout(start, delay);
      return;
    }
  }
}

function onFrames(): void {
  if (!hls || phase === 'playing' || video.currentTime <= 0) return;
  attempt = 0;
  mediaRecoveries = 0;
  setPhase(
    'playing',
    l10n.t({ message: 'Playing, muted. First frame {0} ms after the preview opened.', args: [Math.round(performance.now() - startedAt)], comment: ['{0} is a number of milliseconds'] }),
  );
  latencyTimer = setInterval(showLatency, 1000);
  showLatency();
}

function showLatency(): void {
  const seconds = hls?.latency;
  latency.textContent = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? l10n.t({ message: 'Latency {0} s', args: [seconds.toFixed(1)], comment: ['{0} is a number of seconds, e.g. 4.2'] }) : '';
}

video.addEventListener('timeupdate', onFrames);

// ---- messages from the extension -------------------------------------------------------------

function isUpdate(data: unknown): data is PreviewUpdate {
  return (
    isObject(data) &&
    data.type === 'update' &&
    typeof data.name === 'string' &&
    (data.status === null || typeof data.status === 'string') &&
    (data.playbackUrl === null || typeof data.playbackUrl === 'string') &&
    typeof data.watching === 'boolean'
  );
}

function onUpdate(update: PreviewUpdate): void {
  const before = current;
  current = update;
  renderHeader(update);
  if (!before || before.playbackUrl !== update.playbackUrl) {
    start();
    return;
  }
  const wentLive = update.status === 'LIVE' && before.status !== 'LIVE';
  const stopped = before.status === 'LIVE' && update.status !== null && !isActiveStatus(update.status);
  if (stopped) {
    stopPlayer();
    setPhase('stopped', update.status === 'ERRORED' ? l10n.t('The livestream errored and stopped.') : l10n.t('The livestream stopped.'));
  } else if (wentLive && (phase === 'waiting' || phase === 'stopped')) {
    attempt = 0;
    start();
  } else {
    renderButtons();
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isUpdate(event.data)) onUpdate(event.data);
});

post({ type: 'ready' });
