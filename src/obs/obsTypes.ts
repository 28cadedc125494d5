// What the extension knows of OBS without loading the OBS client: its errors and the shapes of
// what it reads. The client itself (obsClient.ts, with obs-websocket-js and ws) is a bundle of its
// own, loaded the first time OBS is used (obsLoader.ts), so activation stays small and fast. Two
// bundles mean two copies of a class: recognise an ObsError by its mark, not by instanceof.

/** Every OBS request answers within this, or fails as a timeout. */
export const OBS_TIMEOUT_MS = 5000;

export type ObsErrorKind = 'unreachable' | 'passwordNeeded' | 'auth' | 'version' | 'timeout' | 'request' | 'closed';

export class ObsError extends Error {
  readonly isObsError = true;
  constructor(
    readonly kind: ObsErrorKind,
    message: string,
    /** obs-websocket's request status or close code, when there was one. */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ObsError';
  }
}

export interface ObsVersion {
  readonly obs: string;
  readonly websocket: string;
}

export interface ObsStreamService {
  readonly type: string;
  readonly server: string | null;
  readonly key: string | null;
}

/** GetStreamStatus, as OBS reports it. */
export interface ObsStreamStatus {
  readonly active: boolean;
  readonly reconnecting: boolean;
  readonly durationMs: number;
  readonly congestion: number;
  readonly bytes: number;
  readonly skippedFrames: number;
  readonly totalFrames: number;
}

/** What OBS exposes of its streaming encoder (see encoderSettings()). */
export interface ObsEncoderSettings {
  readonly mode: 'Simple' | 'Advanced' | string;
  /** OBS's encoder id (x264, obs_x264, nvenc, ...); null when it does not say. */
  readonly encoder: string | null;
  readonly videoBitrateKbps: number | null;
  readonly audioBitrateKbps: number | null;
  /** Seconds, when it can be known; null when OBS does not expose it (Advanced mode). */
  readonly keyframeSeconds: number | null;
  /** What the keyframe interval is when not set: x264/NVENC's default of 250 frames. */
  readonly keyframeDefaulted: boolean;
  readonly fps: number | null;
}

export function isObsError(value: unknown): value is ObsError {
  return typeof value === 'object' && value !== null && (value as { isObsError?: unknown }).isObsError === true;
}
