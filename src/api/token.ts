// What an API token must look like to travel in an `Authorization` header. Cloudflare tokens are
// plain ASCII; a pasted one may carry a smart quote, a non-breaking space or a control character
// from a document, and fetch would then fail as if the network were down. Checked before the
// token is stored (the input box) and before any request (a token from the environment).
import * as l10n from '@vscode/l10n';

export interface UnsafeCharacter {
  /** 1-based position in the token, so the message can point at it without showing the token. */
  readonly position: number;
  /** What kind of character it is, never the character itself: an English key (`describe`), worded by unsafeTokenMessage. */
  readonly what: string;
}

/** The first character a header cannot carry, or undefined when the token is sendable. */
export function unsafeTokenCharacter(token: string): UnsafeCharacter | undefined {
  let position = 0;
  for (const char of token) {
    position++;
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x21 && code <= 0x7e) continue;
    return { position, what: describe(code) };
  }
  return undefined;
}

function describe(code: number): string {
  if (code === 0) return 'a NUL character';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code === 0x20) return 'a space';
  if ([0x2018, 0x2019, 0x201c, 0x201d].includes(code)) return 'a typographic quote';
  if ([0x00a0, 0x2007, 0x202f, 0x200b, 0xfeff].includes(code)) return 'an invisible space';
  return 'a non-ASCII character';
}

/** "The token has a typographic quote at position 12" (the message names the place, never the token). */
export function unsafeTokenMessage(found: UnsafeCharacter): string {
  const at = found.position;
  switch (found.what) {
    case 'a NUL character':
      return l10n.t({ message: 'The token has a NUL character at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
    case 'a control character':
      return l10n.t({ message: 'The token has a control character at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
    case 'a space':
      return l10n.t({ message: 'The token has a space at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
    case 'a typographic quote':
      return l10n.t({ message: 'The token has a typographic quote at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
    case 'an invisible space':
      return l10n.t({ message: 'The token has an invisible space at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
    default:
      return l10n.t({ message: 'The token has a non-ASCII character at position {0}: that character cannot be sent to the API. Copy the token again from the Cloudflare dashboard.', args: [at], comment: ['{0} is a 1-based character position in the token'] });
  }
}
