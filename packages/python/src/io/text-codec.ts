/**
 * The codecs a text file can use: UTF-8 (the default), ASCII and Latin-1, found by name as
 * `codecs.lookup` finds them (`encodings.normalize_encoding`, then the aliases of `encodings.aliases`
 * for these three), with the `UnicodeEncodeError` and `UnicodeDecodeError` messages of their strict
 * error handler.
 */

import { PythonIOError } from './python-io-error.js';

/** A codec's canonical name (`codecs.lookup(name).name`). */
export type CodecName = 'utf-8' | 'ascii' | 'latin-1';

const ALIASES: Record<string, CodecName> = {};
for (const name of ['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001'])
  ALIASES[name] = 'utf-8';
for (const name of [
  'ascii',
  '646',
  'ansi_x3.4_1968',
  'ansi_x3_4_1968',
  'ansi_x3.4_1986',
  'cp367',
  'csascii',
  'ibm367',
  'iso646_us',
  'iso_646.irv_1991',
  'iso_ir_6',
  'us',
  'us_ascii',
]) {
  ALIASES[name] = 'ascii';
}
for (const name of [
  'latin_1',
  '8859',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso8859',
  'iso8859_1',
  'iso_8859_1',
  'iso_8859_1_1987',
  'iso_ir_100',
  'l1',
  'latin',
  'latin1',
]) {
  ALIASES[name] = 'latin-1';
}

/** The names this module resolves (for the test that checks them against `codecs.lookup`). */
export const CODEC_ALIASES: Readonly<Record<string, CodecName>> = ALIASES;

/**
 * The codec `encoding` names, or `null` when it is none of the three: `encodings.normalize_encoding`
 * (runs of characters other than letters, digits and `.` become `_`), lower-cased, then the aliases.
 */
export function lookupCodec(encoding: string): CodecName | null {
  const normalized = encoding
    .replace(/[^A-Za-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return ALIASES[normalized] ?? null;
}

/** `repr` of one character as a UnicodeEncodeError message prints it (`'\xe9'`, `'\u20ac'`, `'\U0001f600'`). */
function characterEscape(code: number): string {
  if (code < 0x100) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  if (code < 0x10000) return `'\\u${code.toString(16).padStart(4, '0')}'`;
  return `'\\U${code.toString(16).padStart(8, '0')}'`;
}

/** Encodes `text` with a single-byte codec (`limit` 0x80 for ASCII, 0x100 for Latin-1), strict. */
export function encodeSingleByte(text: string, codec: 'ascii' | 'latin-1'): Uint8Array {
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  const codes = Array.from(text, (char) => char.codePointAt(0) as number);
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < limit) {
      out[i] = codes[i];
      continue;
    }
    let end = i + 1;
    while (end < codes.length && codes[end] >= limit) end++;
    const what =
      end === i + 1
        ? `character ${characterEscape(codes[i])} in position ${i}`
        : `characters in position ${i}-${end - 1}`;
    throw new PythonIOError(
      'UnicodeEncodeError',
      `'${codec}' codec can't encode ${what}: ordinal not in range(${limit})`,
    );
  }
  return out;
}

/** Decodes `data` with a single-byte codec, strict (ASCII refuses bytes from 0x80). */
export function decodeSingleByte(data: Uint8Array, codec: 'ascii' | 'latin-1'): string {
  let out = '';
  for (let start = 0; start < data.length; start += 4096) {
    const part = data.subarray(start, Math.min(data.length, start + 4096));
    if (codec === 'ascii') {
      const bad = part.findIndex((byte) => byte >= 0x80);
      if (bad >= 0) {
        const byte = part[bad].toString(16).padStart(2, '0');
        throw new PythonIOError(
          'UnicodeDecodeError',
          `'ascii' codec can't decode byte 0x${byte} in position ${start + bad}: ordinal not in range(128)`,
        );
      }
    }
    out += String.fromCharCode(...part);
  }
  return out;
}
