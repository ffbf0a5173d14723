/**
 * `str.encode` and `bytes.decode` with the codecs pymm knows (UTF-8, ASCII, Latin-1, by any of
 * their `codecs` aliases) and the error handlers `strict`, `ignore`, `replace` and
 * `backslashreplace`, with CPython's `UnicodeEncodeError`/`UnicodeDecodeError` messages.
 *
 * @module
 */

import { lookupCodec } from '../io/text-codec.js';
import { decodeUtf8 } from '../lib/utf8-codec.js';
import type { Interp } from '../runtime/interp.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import { newBytes } from './bytes.js';

const HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace'];

function codecOf(ip: Interp, encoding: string, errors: string) {
  const codec = lookupCodec(encoding);
  if (!codec) ip.raise('LookupError', `unknown encoding: ${encoding}`);
  if (!HANDLERS.includes(errors)) ip.raise('LookupError', `unknown error handler name '${errors}'`);
  return codec;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function escapeChar(code: number): string {
  if (code < 0x100) return `\\x${hex2(code)}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** `text.encode(encoding, errors)`: a new bytes object, owned. */
export function encodeText(ip: Interp, text: string, encoding: string, errors: string): number {
  const codec = codecOf(ip, encoding, errors);
  if (codec === 'utf-8') {
    if (
      /[\ud800-\udfff]/.test(text) &&
      /(?:[^\ud800-\udbff]|^)[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])/.test(text)
    ) {
      const points = Array.from(text, (c) => c.codePointAt(0)!);
      const at = points.findIndex((c) => c >= 0xd800 && c <= 0xdfff);
      if (errors === 'strict')
        ip.raise(
          'UnicodeEncodeError',
          `'utf-8' codec can't encode character '${escapeChar(points[at])}' in position ${at}: surrogates not allowed`,
        );
    }
    return newBytes(ip, new TextEncoder().encode(text), false, true);
  }
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  const points = Array.from(text, (c) => c.codePointAt(0)!);
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const c = points[i];
    if (c < limit) {
      out.push(c);
      continue;
    }
    if (errors === 'strict') {
      let end = i + 1;
      while (end < points.length && points[end] >= limit) end++;
      const what =
        end === i + 1
          ? `character '${escapeChar(c)}' in position ${i}`
          : `characters in position ${i}-${end - 1}`;
      ip.raise('UnicodeEncodeError', `'${codec}' codec can't encode ${what}: ordinal not in range(${limit})`);
    }
    if (errors === 'replace') out.push(0x3f);
    else if (errors === 'backslashreplace') for (const ch of escapeChar(c)) out.push(ch.charCodeAt(0));
  }
  return newBytes(ip, Uint8Array.from(out), false, true);
}

/** `data.decode(encoding, errors)`: the text (the caller makes the str). */
export function decodeData(ip: Interp, data: Uint8Array, encoding: string, errors: string): string {
  const codec = codecOf(ip, encoding, errors);
  const fail = (start: number, end: number, reason: string): string => {
    if (errors === 'strict') {
      const what =
        end - start === 1
          ? `byte 0x${hex2(data[start])} in position ${start}`
          : `bytes in position ${start}-${end - 1}`;
      ip.raise('UnicodeDecodeError', `'${codec}' codec can't decode ${what}: ${reason}`);
    }
    if (errors === 'ignore') return '';
    if (errors === 'replace') return '\ufffd';
    let out = '';
    for (let i = start; i < end; i++) out += `\\x${hex2(data[i])}`;
    return out;
  };
  if (codec === 'utf-8') return decodeUtf8(data, (e) => fail(e.start, e.end, e.reason));
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    out +=
      codec === 'ascii' && b >= 0x80 ? fail(i, i + 1, 'ordinal not in range(128)') : String.fromCharCode(b);
  }
  return out;
}

/** Defines `UnicodeEncodeError` and `UnicodeDecodeError` (subclasses of `UnicodeError`), as `defineExceptions` does the others. */
export function defineUnicodeErrors(ip: Interp): void {
  for (const name of ['UnicodeEncodeError', 'UnicodeDecodeError']) {
    if (ip.types.has(name)) continue;
    const type = defineBuiltinType(ip, name, builtinType(ip, 'UnicodeError'), true);
    type.info = ip.nativeClass(name, true);
    ip.typeByClass[type.info.id] = type;
  }
}
