// The one connection to OBS Studio, made only when needed: an OBS command, or a visible panel of
// the livestream OBS was last set up for (a "hold"). While someone holds it, OBS's stream status
// is sampled every 2 s (one request for every panel: OBS has one stream) and its encoder settings
// now and then; once nobody holds it and no command used it for a minute, it disconnects.
// A password OBS asks for is asked of the user once per attempt (the shell stores it). No `vscode`.
import type { ObsClient } from '../obs/obsClient';
import { obsClientModule } from '../obs/obsLoader';
import { isObsError, ObsError, type ObsEncoderSettings, type ObsVersion } from '../obs/obsTypes';
import type { HealthSample } from '../obs/health';
import { Emitter, type Disposable, type Event } from '../shared/emitter';
import type { Logger } from '../shared/log';
import type { Timers } from '../store/poller';

export const HEALTH_INTERVAL_MS = 2000;
const SETTINGS_MAX_AGE_MS = 60_000;
const IDLE_MS = 60_000;

export type ObsState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly version: ObsVersion }
  | { readonly kind: 'error'; readonly error: ObsError };

/** Where OBS's stream settings point (the key stays in memory, for comparisons only). */
export interface ObsTarget {
  readonly type: string;
  readonly server: string | null;
  readonly key: string | null;
}

export interface ObsSessionOptions {
  /** realtimekit.obsWebSocketUrl, read at each connection. */
  readonly url: () => string;
  /** The stored password (SecretStorage), or undefined. */
  readonly password: () => Promise<string | undefined>;
  /** Asks the user (OBS needs a password, or refused the one given); resolves with the new one, stored. */
  readonly askPassword: (reason: 'needed' | 'wrong') => Promise<string | undefined>;
  readonly log: Logger;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly connect?: (typeof ObsClient)['connect'];
}

const defaultTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class ObsSession implements Disposable {
  private readonly changed = new Emitter<void>();
  /** State, target, or a new health sample. */
  readonly onDidChange: Event<void> = this.changed.event;
  private current: ObsState = { kind: 'idle' };
  private obs: ObsClient | undefined;
  private connecting: Promise<ObsClient> | undefined;
  private subscriptions: Disposable[] = [];
  private holds = 0;
  private idleTimer: unknown;
  private sampleTimer: unknown;
  private sampling = false;
  private targetNow: ObsTarget | null = null;
  private samples: HealthSample[] = [];
  private settingsNow: { value: ObsEncoderSettings; at: number } | undefined;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly options: ObsSessionOptions) {
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
  }

  get state(): ObsState {
    return this.current;
  }

  get target(): ObsTarget | null {
    return this.targetNow;
  }

  /** The last two status samples (for the bitrate), newest last; empty unless sampling. */
  get health(): readonly HealthSample[] {
    return this.samples;
  }

  get encoderSettings(): ObsEncoderSettings | undefined {
    return this.settingsNow?.value;
  }

  /** The client, connected (asking for the password if OBS wants one). Rejects with ObsError. */
  client(): Promise<ObsClient> {
    this.touch();
    if (this.obs) return Promise.resolve(this.obs);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Keeps OBS connected and sampled while held (a visible panel of OBS's livestream). */
  hold(): Disposable {
    this.holds++;
    this.touch();
    void this.client().then(
      () => this.scheduleSample(0),
      () => undefined,
    );
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        this.holds--;
        if (this.holds === 0) this.scheduleSample(0); // with nobody holding: cancels sampling
        this.touch();
      },
    };
  }

  /** What OBS's stream settings are now (after Send to OBS, or read from OBS). */
  async refreshTarget(): Promise<ObsTarget> {
    const client = await this.client();
    const service = await client.streamService();
    this.targetNow = service;
    this.changed.fire();
    return service;
  }

  async disconnect(): Promise<void> {
    const obs = this.obs;
    this.reset({ kind: 'idle' });
    await obs?.disconnect();
  }

  dispose(): void {
    void this.disconnect();
    this.changed.dispose();
  }

  // ---- mechanics ------------------------------------------------------------------------------

  private async open(): Promise<ObsClient> {
    this.set({ kind: 'connecting' });
    const connect = this.options.connect ?? ((o) => obsClientModule().ObsClient.connect(o));
    const url = this.options.url();
    let password = await this.options.password();
    for (let asked = 0; ; asked++) {
      try {
        const obs = await connect({ url, ...(password !== undefined ? { password } : {}) });
        this.obs = obs;
        this.subscriptions = [
          obs.onClosed((error) => {
            this.options.log.warn(error.message);
            this.reset({ kind: 'error', error });
          }),
          obs.onStreamStateChanged(() => this.scheduleSample(0)),
        ];
        this.options.log.info(`Connected to OBS ${obs.version.obs} (obs-websocket ${obs.version.websocket}) at ${url}.`);
        this.set({ kind: 'connected', version: obs.version });
        this.targetNow = await obs.streamService().catch(() => null);
        this.changed.fire();
        return obs;
      } catch (err) {
        const error = isObsError(err) ? err : new ObsError('unreachable', String(err));
        if ((error.kind === 'passwordNeeded' || error.kind === 'auth') && asked === 0) {
          password = await this.options.askPassword(error.kind === 'auth' ? 'wrong' : 'needed');
          if (password !== undefined) continue;
        }
        this.options.log.warn(error.message);
        this.set({ kind: 'error', error });
        throw error;
      }
    }
  }

  /** Something used OBS: restart the idle countdown (it runs only when nobody holds it). */
  private touch(): void {
    if (this.idleTimer !== undefined) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.holds > 0 ? undefined : this.timers.setTimeout(() => void this.disconnectIfIdle(), IDLE_MS);
  }

  private async disconnectIfIdle(): Promise<void> {
    this.idleTimer = undefined;
    if (this.holds === 0 && (this.obs || this.current.kind === 'error')) {
      this.options.log.info('Disconnected from OBS (not used for a minute).');
      await this.disconnect();
    }
  }

  private scheduleSample(delayMs: number): void {
    if (this.sampleTimer !== undefined) this.timers.clearTimeout(this.sampleTimer);
    this.sampleTimer = this.holds > 0 && this.obs ? this.timers.setTimeout(() => void this.sample(), delayMs) : undefined;
  }

  private async sample(): Promise<void> {
    this.sampleTimer = undefined;
    const obs = this.obs;
    if (!obs || this.holds === 0 || this.sampling) return;
    this.sampling = true;
    try {
      const status = await obs.streamStatus();
      this.samples = [...this.samples.slice(-1), { at: this.now(), status }];
      if (!this.settingsNow || this.now() - this.settingsNow.at > SETTINGS_MAX_AGE_MS) {
        this.settingsNow = { value: await obs.encoderSettings(), at: this.now() };
      }
      this.changed.fire();
    } catch (err) {
      this.options.log.warn(`OBS health: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.sampling = false;
      this.scheduleSample(HEALTH_INTERVAL_MS);
    }
  }

  private set(state: ObsState): void {
    this.current = state;
    this.changed.fire();
  }

  private reset(state: ObsState): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions = [];
    this.obs = undefined;
    this.samples = [];
    this.settingsNow = undefined;
    if (this.sampleTimer !== undefined) this.timers.clearTimeout(this.sampleTimer);
    this.sampleTimer = undefined;
    this.set(state);
  }
}
