// What a livestream panel's controller needs from its host (manager.ts in VS Code, the tests'
// stand-ins): the store, the webview, the commands it runs, and the host's own state it shows.
import type { Livestream } from '../api/types';
import type { CopyField, ObsView, OutboundMessage, PanelCommand } from '../contract/livestreamPanel';
import type { Logger } from '../shared/log';
import type { Timers } from '../store/poller';
import type { LivestreamStore } from '../store/store';

/**
 * Which value the panel copied, as a key (never shown): the host confirms with a whole sentence
 * of its own for it ("Copied the session ID"), translated there.
 */
export type CopiedValue = 'session ID';

export interface PanelEnv {
  getStore(): LivestreamStore | undefined;
  /** `realtimekit.autoRefreshSeconds` (0 = off), read at each scheduling. */
  autoRefreshSeconds(): number;
  /** Delivers a message to the webview (called only once it said `ready`, and while visible). */
  post(message: OutboundMessage): void;
  setTitle(title: string): void;
  /** Copies the field through its copy command (which confirms without echoing the value). */
  copy(field: CopyField): void;
  openPlayback(url: string): void;
  runCommand(command: PanelCommand): void;
  /** Watched until it goes LIVE, until when; undefined when not watched. */
  watching?(): { readonly until: number } | undefined;
  /** The stream key was revealed (to configure an encoder): watch for the encoder. */
  startWatching?(name: string): void;
  checklistOpen?(): boolean | undefined;
  setChecklistOpen?(open: boolean): void;
  /** OBS's side of the stream for this livestream (panel/obsView.ts). */
  obs?(livestream: Livestream): ObsView;
  /** A new view was built (the livestream may have become known): the host re-checks what it holds for it. */
  viewBuilt?(): void;
  /** Copies a value the panel loaded (the open session's ID) and confirms without echoing it. */
  copyText?(text: string, what: CopiedValue): void;
  /** Opens another livestream of the same app in its own panel (a meeting's livestreams). */
  openLivestream?(livestreamId: string, name: string): void;
  readonly log: Logger;
  readonly now?: () => number;
  readonly timers?: Timers;
}
