import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, makeNonce, renderShellHtml } from '../../src/panel/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function render(title = 'Keynote', nonce = 'bm9uY2Vub25jZW5vbmNl', account = 'a'.repeat(32)) {
  return renderShellHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
    codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
    title,
    account,
  });
}

describe('panel HTML shell', () => {
  it('has a strict CSP: nothing by default, one nonce’d script, no network', () => {
    const csp = contentSecurityPolicy(CSP_SOURCE, 'abc');
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    assert.equal(directives['default-src'], "'none'");
    assert.equal(directives['script-src'], "'nonce-abc'");
    assert.equal(directives['connect-src'], "'none'");
    assert.equal(directives['style-src'], CSP_SOURCE);
    assert.equal(directives['font-src'], CSP_SOURCE);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval') && !csp.includes('*'));
  });

  it('loads exactly one script, carrying the nonce, and the CSP meta comes first', () => {
    const html = render();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="bm9uY2Vub25jZW5vbmNl"/);
    assert.match(scripts[0], /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"/);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'CSP before any resource');
    assert.ok(
      html.includes(
        `content="default-src 'none'; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}; script-src 'nonce-bm9uY2Vub25jZW5vbmNl'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"`,
      ),
      'the CSP as written',
    );
    assert.match(html, /codicon\.css/);
    assert.match(html, /panel\.css/);
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/<style/i.test(html), 'no inline styles');
  });

  it('escapes the title wherever it appears', () => {
    const html = render('<img src=x onerror=alert(1)> & "q"');
    assert.ok(!html.includes('<img'), 'raw markup from the title');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;'));
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });

  it('names the account the page may show, escaped, so a restored view of another account is dropped', () => {
    assert.match(render('K', 'n', '0123456789abcdef0123456789abcdef'), /<body data-account="0123456789abcdef0123456789abcdef">/);
    assert.match(render('K', 'n', ''), /<body data-account="">/);
    assert.match(render('K', 'n', '"><script>'), /<body data-account="&quot;&gt;&lt;script&gt;">/);
  });

  it('has one polite live region, outside the part the script re-renders', () => {
    const html = render();
    assert.equal(html.match(/aria-live=/g)?.length, 1);
    assert.match(html, /<\/main>\s*<div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"><\/div>/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  });
});
