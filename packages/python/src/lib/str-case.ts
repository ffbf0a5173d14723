/**
 * Case and character-class methods of `str` (Unicode) and of `bytes`/`bytearray` (ASCII only,
 * `Python/pyctype.c`): `title`, `capitalize`, `swapcase`, `casefold`, and the `is...` predicates.
 * Texts are JavaScript strings; `ascii` selects the bytes rules (a byte is a Latin-1 character).
 *
 * @module
 */

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const TITLE = /\p{Lt}/u;

function isUpper(c: string, ascii: boolean): boolean {
  return ascii ? c >= 'A' && c <= 'Z' : UPPER.test(c);
}

function isLower(c: string, ascii: boolean): boolean {
  return ascii ? c >= 'a' && c <= 'z' : LOWER.test(c);
}

function isTitle(c: string, ascii: boolean): boolean {
  return !ascii && TITLE.test(c);
}

function isCased(c: string, ascii: boolean): boolean {
  return isUpper(c, ascii) || isLower(c, ascii) || isTitle(c, ascii);
}

/** `upper()`: every character's uppercase (ASCII letters only for bytes). */
export function upperText(s: string, ascii: boolean): string {
  return ascii ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s.toUpperCase();
}

/** `lower()`. */
export function lowerText(s: string, ascii: boolean): string {
  return ascii ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase();
}

/** The title case of one character (the upper case for all but the few titlecase digraphs). */
function titleChar(c: string): string {
  const digraphs: Record<string, string> = {
    Ǆ: 'ǅ',
    ǅ: 'ǅ',
    ǆ: 'ǅ',
    Ǉ: 'ǈ',
    ǈ: 'ǈ',
    ǉ: 'ǈ',
    Ǌ: 'ǋ',
    ǋ: 'ǋ',
    ǌ: 'ǋ',
    Ǳ: 'ǲ',
    ǲ: 'ǲ',
    ǳ: 'ǲ',
  };
  return digraphs[c] ?? (c === 'ß' ? 'Ss' : c.toUpperCase());
}

/** `title()`: a cased character after an uncased one is title-cased, the others lowered. */
export function titleText(s: string, ascii: boolean): string {
  let out = '';
  let previousCased = false;
  for (const c of s) {
    if (previousCased) out += ascii ? lowerText(c, true) : c.toLowerCase();
    else out += ascii ? upperText(c, true) : titleChar(c);
    previousCased = isCased(c, ascii);
  }
  return out;
}

/** `capitalize()`: the first character title-cased (upper-cased for bytes), the rest lowered. */
export function capitalizeText(s: string, ascii: boolean): string {
  const chars = [...s];
  if (chars.length === 0) return s;
  const first = ascii ? upperText(chars[0], true) : titleChar(chars[0]);
  return first + lowerText(chars.slice(1).join(''), ascii);
}

/** `swapcase()`. */
export function swapcaseText(s: string, ascii: boolean): string {
  let out = '';
  for (const c of s) {
    if (isUpper(c, ascii)) out += ascii ? lowerText(c, true) : c.toLowerCase();
    else if (isLower(c, ascii)) out += ascii ? upperText(c, true) : c.toUpperCase();
    else out += c;
  }
  return out;
}

/** `casefold()`: lower case with the full case folding of `ß` and the few other expanding folds. */
export function casefoldText(s: string): string {
  return s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/ﬁ/g, 'fi')
    .replace(/ﬂ/g, 'fl')
    .replace(/ﬀ/g, 'ff');
}

/** `isupper()`: some cased character and no lowercase or titlecase one. */
export function isUpperText(s: string, ascii: boolean): boolean {
  let cased = false;
  for (const c of s) {
    if (isLower(c, ascii) || isTitle(c, ascii)) return false;
    if (isUpper(c, ascii)) cased = true;
  }
  return cased;
}

/** `islower()`: some cased character and no uppercase or titlecase one. */
export function isLowerText(s: string, ascii: boolean): boolean {
  let cased = false;
  for (const c of s) {
    if (isUpper(c, ascii) || isTitle(c, ascii)) return false;
    if (isLower(c, ascii)) cased = true;
  }
  return cased;
}

/** `istitle()`: uppercase and titlecase characters only after uncased ones, lowercase only after cased ones. */
export function isTitleText(s: string, ascii: boolean): boolean {
  let cased = false;
  let previousCased = false;
  for (const c of s) {
    if (isUpper(c, ascii) || isTitle(c, ascii)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (isLower(c, ascii)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else previousCased = false;
  }
  return cased;
}

const DECIMAL = /^\p{Nd}+$/u;
const DIGIT =
  /^[\p{Nd}\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792]+$/u;
const NUMERIC =
  /^[\p{Nd}\p{Nl}\p{No}\u3007\u3405\u3483\u382a\u3b4d\u4e00\u4e03\u4e07\u4e09\u4e5d\u4e8c\u4e94\u4e96\u4ebf\u4ec0\u4edf\u4ee8\u4f0d\u4f70\u5104\u5146\u5169\u516b\u516d\u5341\u5343-\u5345\u534c\u53c1-\u53c4\u56db\u58f1\u58f9\u5e7a\u5efe-\u5eff\u5f0c-\u5f0e\u5f10\u62fe\u634c\u67d2\u6f06\u7396\u767e\u8086\u842c\u8cae\u8cb3\u8d30\u9621\u9646\u964c\u9678\u96f6]+$/u;

/** `isdecimal()` (Unicode category Nd; ASCII digits for bytes' `isdigit`). */
export function isDecimalText(s: string, ascii: boolean): boolean {
  return ascii ? /^[0-9]+$/.test(s) : DECIMAL.test(s);
}

/** `isdigit()`: decimals and the other characters with a digit value (superscripts, circled digits). */
export function isDigitText(s: string, ascii: boolean): boolean {
  return ascii ? /^[0-9]+$/.test(s) : DIGIT.test(s);
}

/** `isnumeric()`: characters with a numeric value (digits, fractions, Roman numerals, CJK numerals). */
export function isNumericText(s: string): boolean {
  return NUMERIC.test(s);
}

/** `isalpha()` (Unicode letters; ASCII letters for bytes). */
export function isAlphaText(s: string, ascii: boolean): boolean {
  return ascii ? /^[A-Za-z]+$/.test(s) : /^\p{L}+$/u.test(s);
}

/** `isalnum()`: every character alphabetic or numeric. */
export function isAlnumText(s: string, ascii: boolean): boolean {
  return ascii
    ? /^[A-Za-z0-9]+$/.test(s)
    : s.length > 0 && [...s].every((c) => /\p{L}/u.test(c) || NUMERIC.test(c));
}

/** `isidentifier()`: XID_Start (or `_`) then XID_Continue characters. */
export function isIdentifierText(s: string): boolean {
  return /^[\p{XIDS}_][\p{XIDC}]*$/u.test(s);
}

/** `isascii()`. */
export function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `isprintable()`: no character of the categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs other than the space. */
export function isPrintableText(s: string): boolean {
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(s.replaceAll(' ', ''));
}
