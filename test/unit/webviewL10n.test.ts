// The webviews' translations: the bundle the extension writes into <body data-l10n="…"> is read
// when it is an object of strings, and anything else leaves the page in English. Then, with a
// bundle configured, the webview's own texts come out translated (and English again after).
import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { configureL10n, parseL10nAttribute } from '../../src/webview/l10nSetup';
import { updatedAgoText } from '../../src/webview/updatedAgo';
import { runningText } from '../../src/webview/renderGoLive';
import { afterError } from '../../src/webview/preview/outcome';

describe('webview translations: the data-l10n attribute', () => {
  it('no attribute, or an empty one, is English (no bundle)', () => {
    assert.equal(parseL10nAttribute(undefined), undefined);
    assert.equal(parseL10nAttribute(null), undefined);
    assert.equal(parseL10nAttribute(''), undefined);
  });

  it('reads a bundle: English message -> translation, placeholders and all', () => {
    const bundle = { 'Updated just now': 'Gerade aktualisiert', 'Page {0} of {1}': 'Seite {0} von {1}', 'Open “{0}”/Tooltip of a livestream link': '„{0}“ öffnen' };
    assert.deepEqual(parseL10nAttribute(JSON.stringify(bundle)), bundle);
    assert.deepEqual(parseL10nAttribute('{}'), {});
  });

  it('malformed JSON, or JSON that is not an object, is English', () => {
    for (const bad of ['{', 'not json', '{"a": }', '[]', '["Refresh", "Aktualisieren"]', 'null', '"Refresh"', '42', 'true']) {
      assert.equal(parseL10nAttribute(bad), undefined, bad);
    }
  });

  it('keeps string entries and { message, comment } entries (the shape l10n-dev exports), and leaves out the others (those messages stay English)', () => {
    const attribute = JSON.stringify({
      Refresh: 'Aktualisieren',
      'Running/A session that has not stopped yet': { message: 'Läuft', comment: ['A session that has not stopped yet'] },
      Retry: 7,
      Back: null,
      Next: { comment: ['no message'] },
    });
    assert.deepEqual(parseL10nAttribute(attribute), { Refresh: 'Aktualisieren', 'Running/A session that has not stopped yet': 'Läuft' });
  });

  it('configures nothing without a usable bundle', () => {
    assert.equal(configureL10n(undefined), false);
    assert.equal(configureL10n('{oops'), false);
    assert.equal(updatedAgoText(0), 'Updated just now');
  });
});

describe('webview translations: texts with a bundle configured', () => {
  // The bundle is global to @vscode/l10n: put English back for every other test.
  afterEach(() => l10n.config({ contents: {} }));

  it('the webview texts come out translated, placeholders filled in the translation\'s order', () => {
    const bundle = {
      'Updated just now': 'Gerade aktualisiert',
      'Updated {0} min ago/{0} is a number of minutes (1 to 59)': 'Vor {0} Min. aktualisiert',
      '{0}m {1}s/A duration: minutes, seconds (m, s abbreviated)': '{1} s und {0} min',
      'Waiting for the stream: Cloudflare has no playback for it yet.': 'Warten auf den Stream.',
    };
    assert.equal(configureL10n(JSON.stringify(bundle)), true);
    assert.equal(updatedAgoText(1000), 'Gerade aktualisiert');
    assert.equal(updatedAgoText(180_000), 'Vor 3 Min. aktualisiert');
    assert.equal(updatedAgoText(7_200_000), 'Updated 2 h ago', 'a message the bundle lacks stays English');
    assert.equal(runningText(252_000), '12 s und 4 min');
    assert.deepEqual(afterError({ fatal: true, type: 'networkError', details: 'manifestLoadError', response: { code: 404 } }, 0), { kind: 'wait', sentence: 'Warten auf den Stream.' });
  });

  it('is English again once the bundle is emptied', () => {
    assert.equal(updatedAgoText(1000), 'Updated just now');
    assert.equal(runningText(252_000), '4m 12s');
  });
});
