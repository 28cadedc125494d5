// The current OBS profile as obs-websocket sees it: basic.ini parameters (GetProfileParameter /
// SetProfileParameter) with OBS's defaults, plus what lives beside basic.ini and is NOT reachable
// over the protocol (streamEncoder.json, the Advanced-mode encoder settings).

/** Video settings as GetVideoSettings reports them (obs_video_info of the main canvas). */
export interface FakeObsVideoSettings {
  fpsNumerator: number;
  fpsDenominator: number;
  baseWidth: number;
  baseHeight: number;
  outputWidth: number;
  outputHeight: number;
}

/**
 * Advanced output mode's stream encoder settings: OBS keeps them in the profile's
 * `streamEncoder.json`, which no obs-websocket request reads or writes. Field names are obs_x264's.
 */
export interface FakeObsStreamEncoderSettings {
  rate_control: string;
  /** kbps */
  bitrate: number;
  /** 0 = "auto": the encoder's own default (x264: 250 frames). */
  keyint_sec: number;
  preset: string;
  profile: string;
  tune: string;
}

/**
 * Defaults OBSBasic::InitBasicConfigDefaults / InitBasicConfigDefaults2 set (OBS 32, frontend/widgets/
 * OBSBasic.cpp), as config_get_string returns them: numbers in decimal, booleans "true"/"false".
 * A parameter with a default answers `defaultParameterValue`; one without answers null there.
 * SimpleOutput/StreamEncoder defaults to "nvenc" when an NVIDIA encoder is present; this fake has none.
 */
export const PROFILE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Output: {
    Mode: 'Simple',
    FilenameFormatting: '%CCYY-%MM-%DD %hh-%mm-%ss',
    DelayEnable: 'false',
    DelaySec: '20',
    DelayPreserve: 'true',
    Reconnect: 'true',
    RetryDelay: '2',
    MaxRetries: '25',
    BindIP: 'default',
    IPFamily: 'IPv4+IPv6',
    NewSocketLoopEnable: 'false',
    LowLatencyEnable: 'false',
  },
  Stream1: {
    IgnoreRecommended: 'false',
    EnableMultitrackVideo: 'false',
    MultitrackVideoMaximumAggregateBitrateAuto: 'true',
    MultitrackVideoMaximumVideoTracksAuto: 'true',
  },
  SimpleOutput: {
    FilePath: '/home/user/Videos',
    RecFormat2: 'hybrid_mp4',
    VBitrate: '6000',
    ABitrate: '160',
    UseAdvanced: 'false',
    Preset: 'veryfast',
    NVENCPreset2: 'p5',
    RecQuality: 'Stream',
    RecRB: 'false',
    RecRBTime: '20',
    RecRBSize: '512',
    RecRBPrefix: 'Replay',
    StreamAudioEncoder: 'aac',
    RecAudioEncoder: 'aac',
    RecTracks: '1',
    StreamEncoder: 'x264',
    RecEncoder: 'x264',
  },
  AdvOut: {
    ApplyServiceSettings: 'true',
    UseRescale: 'false',
    TrackIndex: '1',
    VodTrackIndex: '2',
    Encoder: 'obs_x264',
    RecType: 'Standard',
    RecFilePath: '/home/user/Videos',
    RecFormat2: 'hybrid_mp4',
    RecUseRescale: 'false',
    RecTracks: '1',
    RecEncoder: 'none',
    FLVTrack: '1',
    StreamMultiTrackAudioMixes: '1',
    FFOutputToFile: 'true',
    FFFilePath: '/home/user/Videos',
    FFExtension: 'mp4',
    FFVBitrate: '6000',
    FFVGOPSize: '250',
    FFUseRescale: 'false',
    FFIgnoreCompat: 'false',
    FFABitrate: '160',
    FFAudioMixes: '1',
    Track1Bitrate: '160',
    Track2Bitrate: '160',
    Track3Bitrate: '160',
    Track4Bitrate: '160',
    Track5Bitrate: '160',
    Track6Bitrate: '160',
    RecSplitFileTime: '15',
    RecSplitFileSize: '2048',
    RecRB: 'false',
    RecRBTime: '20',
    RecRBSize: '512',
    AudioEncoder: 'ffmpeg_aac',
    RecAudioEncoder: 'ffmpeg_aac',
  },
  Video: {
    // BaseCX/BaseCY and OutputCX/OutputCY default to the monitor's size and its ≤1280x720 scale;
    // OBS also writes them as user values at once, so they are set in initialProfile() too.
    BaseCX: '1920',
    BaseCY: '1080',
    OutputCX: '1280',
    OutputCY: '720',
    FPSType: '0',
    FPSCommon: '30',
    FPSInt: '30',
    FPSNum: '30',
    FPSDen: '1',
    ScaleType: 'bicubic',
    ColorFormat: 'NV12',
    ColorSpace: '709',
    ColorRange: 'Partial',
    SdrWhiteLevel: '300',
    HdrNominalPeakLevel: '1000',
  },
  Audio: {
    MonitoringDeviceId: 'default',
    SampleRate: '48000',
    ChannelSetup: 'Stereo',
    PeakMeterType: '0',
  },
};

export const DEFAULT_VIDEO: Readonly<FakeObsVideoSettings> = {
  fpsNumerator: 30,
  fpsDenominator: 1,
  baseWidth: 1920,
  baseHeight: 1080,
  outputWidth: 1280,
  outputHeight: 720,
};

/** obs_x264's defaults (plugins/obs-x264/obs-x264.c), which an absent streamEncoder.json amounts to. */
export const DEFAULT_STREAM_ENCODER: Readonly<FakeObsStreamEncoderSettings> = {
  rate_control: 'CBR',
  bitrate: 6000,
  keyint_sec: 0,
  preset: 'veryfast',
  profile: '',
  tune: '',
};

/** x264's own i_keyint_max, used when keyint_sec is 0 (OBS passes nothing then). */
export const X264_DEFAULT_KEYINT_FRAMES = 250;

export type ProfileValues = Record<string, Record<string, string>>;

/** User values of a fresh profile: OBS writes the canvas sizes at once (see PROFILE_DEFAULTS.Video). */
export function initialProfile(video: FakeObsVideoSettings): ProfileValues {
  return {
    Video: {
      BaseCX: String(video.baseWidth),
      BaseCY: String(video.baseHeight),
      OutputCX: String(video.outputWidth),
      OutputCY: String(video.outputHeight),
    },
  };
}

/** RequestHandler::GetProfileParameter's three cases (default known / user value only / neither). */
export function readProfileParameter(
  user: ProfileValues,
  category: string,
  name: string,
): { parameterValue: string | null; defaultParameterValue: string | null } {
  const userValue = Object.prototype.hasOwnProperty.call(user[category] ?? {}, name) ? (user[category]?.[name] ?? null) : null;
  const defaults = PROFILE_DEFAULTS[category];
  const def = defaults && Object.prototype.hasOwnProperty.call(defaults, name) ? (defaults[name] ?? null) : null;
  if (def !== null) return { parameterValue: userValue ?? def, defaultParameterValue: def };
  if (userValue !== null) return { parameterValue: userValue, defaultParameterValue: null };
  return { parameterValue: null, defaultParameterValue: null };
}

/** config_get_string with the default applied (what the frontend reads when it starts an output). */
export function profileValue(user: ProfileValues, category: string, name: string): string | null {
  return readProfileParameter(user, category, name).parameterValue;
}

/** config_get_bool: "true"/"1" style values; anything else false. */
export function profileBool(user: ProfileValues, category: string, name: string): boolean {
  const v = profileValue(user, category, name);
  return v !== null && (v.toLowerCase() === 'true' || v === '1');
}

/** config_get_uint/int: a leading integer, else 0 (strtoll-like). */
export function profileInt(user: ProfileValues, category: string, name: string): number {
  const v = profileValue(user, category, name);
  const m = v === null ? null : /^\s*[-+]?\d+/.exec(v);
  return m ? Number.parseInt(m[0], 10) : 0;
}
