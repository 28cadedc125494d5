// OBS Studio over obs-websocket 5, through obs-websocket-js (its JSON build: the MessagePack one
// is what a plain `require` picks). This file adds what the library leaves to its callers: a
// timeout on connecting and on every request (it has neither), errors a person can act on (OBS
// not running, a wrong or missing password, an OBS older than 28), and the few requests the
// extension needs, typed. No `vscode`; the stream key never reaches a log line or an error.
import * as l10n from '@vscode/l10n';
import OBSWebSocket, { OBSWebSocketError } from 'obs-websocket-js/json';
import { isObsError, ObsError, OBS_TIMEOUT_MS, type ObsEncoderSettings, type ObsStreamService, type ObsStreamStatus, type ObsVersion } from './obsTypes';

export { ObsError, isObsError, OBS_TIMEOUT_MS } from './obsTypes';
export type { ObsEncoderSettings, ObsErrorKind, ObsStreamService, ObsStreamStatus, ObsVersion } from './obsTypes';

export interface ObsConnectOptions {
  readonly url: string;
  /** Undefined: connect without; OBS then says whether it needs one (kind passwordNeeded). */
  readonly password?: string;
  readonly timeoutMs?: number;
}

type StreamStateListener = (state: { readonly active: boolean; readonly state: string }) => void;

export class ObsClient {
  private closedListeners: Array<(error: ObsError) => void> = [];
  private closedByUs = false;

  private constructor(
    private readonly ws: OBSWebSocket,
    readonly url: string,
    readonly version: ObsVersion,
    private readonly timeoutMs: number,
  ) {
    ws.on('ConnectionClosed', (err) => {
      if (!this.closedByUs) this.closedListeners.forEach((l) => l(new ObsError('closed', closedMessage(err.code, err.message), err.code)));
    });
  }

  /** Connects and identifies, or fails with an ObsError within the timeout. */
  static async connect(options: ObsConnectOptions): Promise<ObsClient> {
    const timeoutMs = options.timeoutMs ?? OBS_TIMEOUT_MS;
    const ws = new OBSWebSocket();
    ws.on('ConnectionError', () => undefined); // reported through connect()'s rejection
    try {
      const noAnswer = (): ObsError =>
        new ObsError(
          'timeout',
          l10n.t({
            message: 'OBS at {0} did not answer within {1} s: is it OBS 28 or later, with Tools → WebSocket Server Settings enabled?',
            args: [options.url, timeoutMs / 1000],
            comment: ["{0} is OBS's WebSocket address, {1} a number of seconds; Tools → WebSocket Server Settings is OBS's own menu"],
          }),
        );
      await withTimeout(ws.connect(options.url, options.password, { rpcVersion: 1 }), timeoutMs, noAnswer);
      const version = await withTimeout(ws.call('GetVersion'), timeoutMs, noAnswer);
      return new ObsClient(ws, options.url, { obs: version.obsVersion, websocket: version.obsWebSocketVersion }, timeoutMs);
    } catch (err) {
      void ws.disconnect().catch(() => undefined);
      throw connectError(err, options);
    }
  }

  onClosed(listener: (error: ObsError) => void): { dispose(): void } {
    this.closedListeners.push(listener);
    return { dispose: () => (this.closedListeners = this.closedListeners.filter((l) => l !== listener)) };
  }

  onStreamStateChanged(listener: StreamStateListener): { dispose(): void } {
    const handler = (e: { outputActive: boolean; outputState: string }): void => listener({ active: e.outputActive, state: e.outputState });
    this.ws.on('StreamStateChanged', handler);
    return { dispose: () => void this.ws.off('StreamStateChanged', handler) };
  }

  async disconnect(): Promise<void> {
    this.closedByUs = true;
    await this.ws.disconnect().catch(() => undefined);
  }

  // ---- requests ----------------------------------------------------------------------------------

  async streamService(): Promise<ObsStreamService> {
    const r = await this.call('GetStreamServiceSettings');
    const settings = (r.streamServiceSettings ?? {}) as Record<string, unknown>;
    return { type: r.streamServiceType, server: stringOr(settings.server), key: stringOr(settings.key) };
  }

  /** Sets Custom (rtmp_custom) with this server and key, then reads it back: true when OBS kept both. */
  async setCustomService(server: string, key: string): Promise<boolean> {
    await this.call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server, key } });
    const back = await this.streamService();
    return back.type === 'rtmp_custom' && back.server === server && back.key === key;
  }

  async streamStatus(): Promise<ObsStreamStatus> {
    const r = await this.call('GetStreamStatus');
    return {
      active: r.outputActive,
      reconnecting: r.outputReconnecting,
      durationMs: r.outputDuration,
      congestion: r.outputCongestion,
      bytes: r.outputBytes,
      skippedFrames: r.outputSkippedFrames,
      totalFrames: r.outputTotalFrames,
    };
  }

  async startStream(): Promise<void> {
    await this.call('StartStream');
  }

  async stopStream(): Promise<void> {
    await this.call('StopStream');
  }

  /**
   * What OBS lets a client read of its streaming encoder: in Simple output mode the encoder and
   * bitrates are profile parameters (the keyframe interval only through custom x264 options,
   * else the encoder's default of 250 frames); in Advanced mode only the encoder's name.
   */
  async encoderSettings(): Promise<ObsEncoderSettings> {
    const param = async (category: string, name: string): Promise<string | null> =>
      (await this.call('GetProfileParameter', { parameterCategory: category, parameterName: name })).parameterValue ?? null;
    const [mode, video] = await Promise.all([param('Output', 'Mode'), this.call('GetVideoSettings')]);
    const fps = video.fpsDenominator > 0 ? video.fpsNumerator / video.fpsDenominator : null;
    if (mode === 'Advanced') {
      return { mode, encoder: await param('AdvOut', 'Encoder'), videoBitrateKbps: null, audioBitrateKbps: null, keyframeSeconds: null, keyframeDefaulted: false, fps };
    }
    const [encoder, vbitrate, abitrate, useAdvanced, x264Settings] = await Promise.all([
      param('SimpleOutput', 'StreamEncoder'),
      param('SimpleOutput', 'VBitrate'),
      param('SimpleOutput', 'ABitrate'),
      param('SimpleOutput', 'UseAdvanced'),
      param('SimpleOutput', 'x264Settings'),
    ]);
    const keyint = useAdvanced === 'true' ? Number(/(?:^|\s)keyint=(\d+)/.exec(x264Settings ?? '')?.[1]) : NaN;
    const frames = Number.isFinite(keyint) && keyint > 0 ? keyint : DEFAULT_KEYINT_FRAMES;
    return {
      mode: mode ?? 'Simple',
      encoder,
      videoBitrateKbps: numberOr(vbitrate),
      audioBitrateKbps: numberOr(abitrate),
      keyframeSeconds: fps ? Math.round((frames / fps) * 10) / 10 : null,
      keyframeDefaulted: !(Number.isFinite(keyint) && keyint > 0),
      fps,
    };
  }

  private call<T extends keyof RequestTypes>(type: T, data?: RequestTypes[T]): Promise<ResponseTypes[T]> {
    const request = (this.ws.call as (t: T, d?: RequestTypes[T]) => Promise<ResponseTypes[T]>)(type, data);
    const noAnswer = (): ObsError =>
      new ObsError(
        'timeout',
        l10n.t({ message: 'OBS did not answer {0} within {1} s.', args: [type, this.timeoutMs / 1000], comment: ['{0} is an obs-websocket request name such as GetStreamStatus, {1} a number of seconds'] }),
      );
    return withTimeout(request, this.timeoutMs, noAnswer).catch((err: unknown) => {
      throw isObsError(err) ? err : requestError(type, err);
    });
  }
}

type RequestTypes = import('obs-websocket-js/json').OBSRequestTypes;
type ResponseTypes = import('obs-websocket-js/json').OBSResponseTypes;

/** x264, NVENC and AMD's default keyframe interval when OBS's is left at 0 (auto). */
const DEFAULT_KEYINT_FRAMES = 250;

function withTimeout<T>(promise: Promise<T>, ms: number, timeout: () => ObsError): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

function connectError(err: unknown, { url, password }: ObsConnectOptions): ObsError {
  if (isObsError(err)) return err;
  const code = err instanceof OBSWebSocketError ? err.code : undefined;
  const text = err instanceof Error ? err.message : String(err);
  if (code === 4009) {
    return password === undefined
      ? new ObsError('passwordNeeded', l10n.t({ message: 'OBS at {0} asks for its WebSocket password (Tools → WebSocket Server Settings → Show Connect Info).', args: [url], comment: ["{0} is OBS's WebSocket address; the → paths are OBS's own menus"] }), code)
      : new ObsError(
          'auth',
          l10n.t({ message: 'OBS at {0} refused the WebSocket password: it is wrong. Copy it again from Tools → WebSocket Server Settings → Show Connect Info.', args: [url], comment: ["{0} is OBS's WebSocket address; the → paths are OBS's own menus"] }),
          code,
        );
  }
  if (code === 4010 || /subprotocol/i.test(text)) {
    return new ObsError(
      'version',
      l10n.t({
        message: '{0} is not obs-websocket 5: OBS Studio 28 or later is needed (it includes obs-websocket 5). Update OBS, or disable an old obs-websocket 4 plugin.',
        args: [url],
        comment: ["{0} is OBS's WebSocket address"],
      }),
      code,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|connect/i.test(text) || code === 1006) {
    return new ObsError(
      'unreachable',
      l10n.t({
        message: 'OBS is not reachable at {0}: start OBS and enable Tools → WebSocket Server Settings → Enable WebSocket server (or fix realtimekit.obsWebSocketUrl).',
        args: [url],
        comment: ["{0} is OBS's WebSocket address; the → paths are OBS's own menus"],
      }),
      code,
    );
  }
  return new ObsError(
    'unreachable',
    l10n.t({ message: "Couldn't connect to OBS at {0} ({1}). Check that OBS runs with its WebSocket server enabled.", args: [url, text], comment: ["{0} is OBS's WebSocket address, {1} the connection's own error text"] }),
    code,
  );
}

function closedMessage(code: number, reason: string): string {
  return reason
    ? l10n.t({ message: 'OBS closed the connection ({0}: {1}).', args: [code, reason], comment: ["{0} is a WebSocket close code, {1} OBS's reason"] })
    : l10n.t({ message: 'OBS closed the connection ({0}).', args: [code], comment: ['{0} is a WebSocket close code'] });
}

function requestError(type: string, err: unknown): ObsError {
  if (err instanceof OBSWebSocketError) {
    switch (err.code) {
      case 500:
        return new ObsError('request', l10n.t({ message: 'OBS refused {0}: OBS is streaming already.', args: [type], comment: ['{0} is an obs-websocket request name such as StartStream'] }), err.code);
      case 501:
        return new ObsError('request', l10n.t({ message: 'OBS refused {0}: OBS is not streaming.', args: [type], comment: ['{0} is an obs-websocket request name such as StartStream'] }), err.code);
      case 204:
        return new ObsError('request', l10n.t({ message: 'OBS refused {0}: this OBS does not know the request.', args: [type], comment: ['{0} is an obs-websocket request name such as StartStream'] }), err.code);
    }
    return new ObsError(
      'request',
      err.message
        ? l10n.t({ message: 'OBS refused {0}: {1}.', args: [type, err.message], comment: ["{0} is an obs-websocket request name such as StartStream, {1} OBS's own reason"] })
        : l10n.t({ message: 'OBS refused {0}: status {1}.', args: [type, err.code], comment: ['{0} is an obs-websocket request name such as StartStream, {1} its status code'] }),
      err.code,
    );
  }
  return new ObsError(
    'closed',
    l10n.t({ message: 'OBS {0} failed: {1}', args: [type, err instanceof Error ? err.message : String(err)], comment: ['{0} is an obs-websocket request name such as StartStream, {1} the error text'] }),
  );
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function numberOr(value: string | null): number | null {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) ? n : null;
}
