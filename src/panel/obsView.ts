// The panel's OBS card as data: whether OBS is connected, whether its stream settings point at
// this livestream, and (when they do and OBS streams) the encoder's health. Pure.
import * as l10n from '@vscode/l10n';
import type { ObsView } from '../contract/livestreamPanel';
import type { ObsState, ObsTarget } from '../connection/obsSession';
import type { HealthSample } from '../obs/health';
import { healthView } from '../obs/health';
import type { ObsEncoderSettings } from '../obs/obsTypes';
import type { CredentialSource } from '../shared/credentials';

export interface ObsInput {
  readonly state: ObsState;
  readonly target: ObsTarget | null;
  readonly samples: readonly HealthSample[];
  readonly settings: ObsEncoderSettings | undefined;
}

/** Whether OBS's stream settings are this livestream's server and key. */
export function obsTargets(target: ObsTarget | null, livestream: CredentialSource): boolean {
  return !!target && target.type === 'rtmp_custom' && !!livestream.streamKey && target.key === livestream.streamKey && target.server === livestream.ingestServer;
}

export function obsView(input: ObsInput, livestream: CredentialSource): ObsView {
  const { state } = input;
  switch (state.kind) {
    case 'idle':
      return { state: 'idle' };
    case 'connecting':
      return { state: 'connecting' };
    case 'error':
      return { state: 'error', message: state.error.message, needsPassword: state.error.kind === 'passwordNeeded' || state.error.kind === 'auth' };
    case 'connected': {
      const mine = obsTargets(input.target, livestream);
      const latest = input.samples.at(-1);
      return {
        state: 'connected',
        version: l10n.t({
          message: 'OBS {0} (obs-websocket {1})',
          args: [state.version.obs, state.version.websocket],
          comment: ["{0} is OBS Studio's version, {1} the version of its obs-websocket server"],
        }),
        target: mine ? 'this' : 'other',
        health: mine && latest ? healthView(input.samples.at(-2), latest, input.settings) : null,
      };
    }
  }
}
