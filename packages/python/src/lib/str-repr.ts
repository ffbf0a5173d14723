/**
 * `repr(str)` as `Objects/unicodeobject.c`'s `unicode_repr`: single quotes
 * unless the text holds a single quote and no double quote; `\\`, the quote,
 * `\t`, `\n`, `\r` escaped; other non-printable characters as `\xNN`,
 * `\uNNNN` or `\UNNNNNNNN`. "Printable" is `Py_UNICODE_ISPRINTABLE`: not in
 * the categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (space excepted), taken from
 * the host's Unicode tables (CPython 3.11 has Unicode 14; characters assigned
 * later print as escapes there).
 */

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Whether code point `cp` prints as itself in `repr()` (`Py_UNICODE_ISPRINTABLE`). */
export function isPrintable(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return !NOT_PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** `repr(s)` for a Python str (JavaScript strings carry lone surrogates as themselves). */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp === 0x27 && quote === "'") out += "\\'";
    else if (cp === 0x5c) out += '\\\\';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (isPrintable(cp)) out += String.fromCodePoint(cp);
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}
