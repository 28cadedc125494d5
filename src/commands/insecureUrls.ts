// The question asked before the API token goes over plain http to another machine: once per URL.
// A yes is remembered (global state, like a trusted domain); a no lasts until the window reloads,
// so a refusal does not turn into a modal on every refresh.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

const APPROVED_KEY = 'realtimekit.approvedInsecureApiUrls';

export function insecureUrlApprover(state: vscode.Memento, log: { warn(message: string): void }): (baseUrl: string) => Promise<boolean> {
  const declined = new Set<string>();
  const pending = new Map<string, Promise<boolean>>();
  const approved = (): string[] => {
    const value = state.get<unknown>(APPROVED_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  const ask = async (baseUrl: string): Promise<boolean> => {
    const send = l10n.t('Send Unencrypted');
    const choice = await vscode.window.showWarningMessage(
      l10n.t({
        message: '{0} is {1}: plain http to another machine. The API token would travel unencrypted, readable by anyone on the way. Send it anyway?',
        args: ['realtimekit.apiBaseUrl', baseUrl],
        comment: ['{0} is the name of a setting, {1} the URL it is set to'],
      }),
      { modal: true, detail: l10n.t('Use https unless this is a proxy you control on a network you trust. You are asked once for this URL.') },
      send,
    );
    if (choice === send) {
      await state.update(APPROVED_KEY, [...approved(), baseUrl]);
      log.warn(`Plain http to ${baseUrl} was allowed: the API token travels unencrypted.`);
      return true;
    }
    declined.add(baseUrl);
    log.warn(`Plain http to ${baseUrl} was refused: nothing is sent until the setting uses https or the window reloads.`);
    return false;
  };
  return (baseUrl) => {
    if (approved().includes(baseUrl)) return Promise.resolve(true);
    if (declined.has(baseUrl)) return Promise.resolve(false);
    let answer = pending.get(baseUrl);
    if (!answer) {
      answer = ask(baseUrl).finally(() => pending.delete(baseUrl));
      pending.set(baseUrl, answer);
    }
    return answer;
  };
}
