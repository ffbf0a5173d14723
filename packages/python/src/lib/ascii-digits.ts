/**
 * `_PyUnicode_TransformDecimalAndSpaceToASCII`, which `int(str)` and
 * `float(str)` apply first: characters below U+007F stay; other whitespace
 * (`str.isspace()`) becomes a space; other decimal digits (category Nd) become
 * their ASCII digit; anything else becomes `?` (which no parser accepts).
 */

const NON_ASCII_SPACE = /[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const DECIMAL = /\p{Nd}/u;

/** The value of decimal digit `cp` (category Nd): its distance from the zero that starts its run of ten. */
function decimalValue(cp: number): number {
  let start = cp;
  while (start > 0 && DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** The text with non-ASCII spaces and digits made ASCII; `text` itself when it is all ASCII. */
export function transformDecimalAndSpaceToAscii(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f) out += ch;
    else if (NON_ASCII_SPACE.test(ch)) out += ' ';
    else if (DECIMAL.test(ch)) out += String.fromCharCode(0x30 + decimalValue(cp));
    else out += '?';
  }
  return out;
}

/** `Py_ISSPACE`: the ASCII whitespace C's `isspace` knows. */
export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
