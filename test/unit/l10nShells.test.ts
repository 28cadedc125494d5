// The three HTML shells (the livestream panel's and the app dashboard's renderShellHtml, the
// preview's renderPreviewHtml) carry the display language's bundle for the page's script in
// <body data-l10n="…">, only when VS Code has one (a language other than English), and translate
// their own placeholder text.
import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { contentSecurityPolicy, renderShellHtml, type L10nBundle } from '../../src/panel/html';
import { previewContentSecurityPolicy, renderPreviewHtml } from '../../src/preview/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'bm9uY2Vub25jZW5vbmNl';

function panel(extra: { l10nBundle?: L10nBundle; language?: string } = {}, title = 'Keynote'): string {
  return renderShellHtml({
    cspSource: CSP_SOURCE,
    nonce: NONCE,
    scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`,
    styleUri: `${CSP_SOURCE}/ext/media/panel.css`,
    codiconsUri: `${CSP_SOURCE}/ext/dist/codicons/codicon.css`,
    title,
    account: 'a'.repeat(32),
    ...extra,
  });
}

function preview(extra: { l10nBundle?: L10nBundle; language?: string } = {}): string {
  return renderPreviewHtml({
    cspSource: CSP_SOURCE,
    nonce: NONCE,
    scriptUri: `${CSP_SOURCE}/ext/dist/preview.js`,
    styleUris: [`${CSP_SOURCE}/ext/media/panel.css`],
    title: 'Preview: Keynote',
    playbackUrl: 'https://customer-x.cloudflarestream.com/abc/manifest/video.m3u8',
    ...extra,
  });
}

const SHELLS: Array<[string, (extra?: { l10nBundle?: L10nBundle; language?: string }) => string]> = [
  ['panel and dashboard shell', panel],
  ['preview shell', preview],
];

/** The body tag's attributes, decoded the way the browser hands them to dataset. */
function bodyAttributes(html: string): Map<string, string> {
  const tag = /<body\b([^>]*)>/.exec(html)?.[1];
  assert.ok(tag !== undefined, 'a <body> tag');
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/\s([a-z0-9-]+)(?:="([^"]*)")?/g)) attrs.set(m[1]!, decode(m[2] ?? ''));
  return attrs;
}

function decode(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return text.replace(/&(#(\d+)|[a-z]+);/g, (whole, name: string, code?: string) => (code ? String.fromCharCode(Number(code)) : (named[name] ?? whole)));
}

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return decode(m[1]!);
}

const TRICKY: L10nBundle = {
  'Loading {0}…': 'Chargement de {0}… <b>"guillemets"</b> & \'apostrophes\'',
  'Copy': '"><script>alert(1)</script>',
  'A & B < C': 'A &amp; B &lt; C',
};

describe('l10n in the webview shells', () => {
  for (const [name, render] of SHELLS) {
    describe(name, () => {
      it('has no data-l10n without a bundle (English)', () => {
        const html = render();
        assert.ok(!html.includes('data-l10n'), 'no attribute at all');
        assert.ok(!bodyAttributes(html).has('data-l10n'));
      });

      it('carries the bundle as JSON in data-l10n, so that the page reads back exactly what VS Code gave', () => {
        const html = render({ l10nBundle: TRICKY });
        const value = bodyAttributes(html).get('data-l10n');
        assert.ok(value !== undefined, 'data-l10n on <body>');
        assert.deepEqual(JSON.parse(value), TRICKY);
      });

      it('escapes ", <, > and & of the translations: nothing leaves the attribute', () => {
        const html = render({ l10nBundle: TRICKY });
        const tag = /<body\b[^>]*>/.exec(html)![0];
        const raw = /data-l10n="([^"]*)"/.exec(tag)![1]!;
        assert.ok(!/[<>"]/.test(raw), `no raw <, > or " inside the attribute: ${raw}`);
        assert.ok(!/&(?!(amp|lt|gt|quot|#\d+);)/.test(raw), 'every & starts an entity');
        assert.ok(!html.includes('<script>alert(1)</script>'), 'a translation cannot inject markup');
        assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'still exactly one script');
      });

      it('leaves the CSP exactly as it is without a bundle', () => {
        assert.equal(cspOf(render({ l10nBundle: TRICKY })), cspOf(render()));
        assert.ok(!cspOf(render({ l10nBundle: TRICKY })).includes('unsafe-inline'));
      });

      it('an empty bundle is still a bundle (VS Code found the file), and keeps an empty object', () => {
        assert.deepEqual(JSON.parse(bodyAttributes(render({ l10nBundle: {} })).get('data-l10n')!), {});
      });

      it('says the display language in <html lang> (en by default)', () => {
        assert.match(render(), /<html lang="en">/);
        assert.match(render({ language: 'pt-br' }), /<html lang="pt-br">/);
        assert.match(render({ language: 'x"><script>' }), /<html lang="x&quot;&gt;&lt;script&gt;">/);
      });
    });
  }

  it('the CSPs themselves are the ones the shells always had', () => {
    assert.equal(cspOf(panel({ l10nBundle: TRICKY })), contentSecurityPolicy(CSP_SOURCE, NONCE));
    assert.equal(
      cspOf(preview({ l10nBundle: TRICKY })),
      previewContentSecurityPolicy(CSP_SOURCE, NONCE, 'https://customer-x.cloudflarestream.com/abc/manifest/video.m3u8'),
    );
  });

  describe("the shells' own text goes through l10n.t", () => {
    // @vscode/l10n is one module-wide configuration: back to English (an empty bundle) afterwards.
    after(() => l10n.config({ contents: {} }));

    it('English without a bundle', () => {
      assert.match(panel(), /Loading Keynote…<\/p>/);
      assert.match(preview(), /Loading the preview…<\/p>/);
    });

    it('the translation with a bundle, escaped as text', () => {
      l10n.config({
        contents: {
          'Loading {0}…/{0} is the title of the panel, e.g. a livestream\'s name or "Dashboard: Production Events"': 'Ŀǿǿȧȧḓīƞɠ {0}… <i>',
          'Loading the preview…': 'Ŀǿǿȧȧḓīƞɠ ŧħḗḗ ƥřḗḗṽīḗḗẇ…',
        },
      });
      assert.match(panel({}, 'Key & <note>'), /Ŀǿǿȧȧḓīƞɠ Key &amp; &lt;note&gt;… &lt;i&gt;<\/p>/);
      assert.match(preview(), /Ŀǿǿȧȧḓīƞɠ ŧħḗḗ ƥřḗḗṽīḗḗẇ…<\/p>/);
    });
  });
});
