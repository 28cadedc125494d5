// A tiny extension loaded only by the integration runners (as a second extensionDevelopmentPath),
// so tests can reach platform APIs that need an ExtensionContext (SecretStorage) without the
// extension under test exposing its own context.
'use strict';

function activate(context) {
  return { secrets: context.secrets, extensionMode: context.extensionMode };
}

function deactivate() {}

module.exports = { activate, deactivate };
