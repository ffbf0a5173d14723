/**
 * The `io` module: `open` (the built-in), `DEFAULT_BUFFER_SIZE`, `UnsupportedOperation`, the file
 * types by name, and the in-memory files `StringIO` and `BytesIO` (a text or byte buffer with a
 * position, as `Modules/_io/stringio.c` and `bytesio.c` keep them).
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { arity } from '../builtins/arguments.js';
import { bytesOf, isBytesLike, newBytes } from '../builtins/bytes.js';
import { openBuiltin } from '../builtins/open.js';
import { DEFAULT_BUFFER_SIZE } from '../io/index.js';
import { fileState, unsupportedOperation } from '../runtime/file-objects.js';
import type { Interp, NativeFn, PyType } from '../runtime/interp.js';
import { nativeKind } from '../runtime/native-sizes.js';
import { builtinType, defineBuiltinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';

/** Side data of an in-memory file: its contents (code points or bytes) and position. */
interface MemoryFileData {
  readonly kind: 'memory-file';
  readonly text: boolean;
  contents: number[];
  position: number;
  closed: boolean;
}

function memoryFile(ip: Interp, self: number): MemoryFileData {
  const data = ip.payload(self) as MemoryFileData;
  if (data.closed) ip.raise('ValueError', 'I/O operation on closed file.');
  return data;
}

/** The value of `contents[from:to]`: a str or bytes object, owned. */
function sliceValue(ip: Interp, data: MemoryFileData, from: number, to: number): number {
  const part = data.contents.slice(from, to);
  if (!data.text) return newBytes(ip, Uint8Array.from(part));
  let text = '';
  for (let i = 0; i < part.length; i += 4096) text += String.fromCodePoint(...part.slice(i, i + 4096));
  return ip.str(text);
}

/** The units a write takes: code points of a str (StringIO) or the bytes of a bytes-like (BytesIO). */
function unitsOf(ip: Interp, data: MemoryFileData, value: number): number[] {
  if (data.text) {
    if (ip.store.type[value] !== TypeId.Str)
      ip.raise('TypeError', `string argument expected, got '${ip.typeName(value)}'`);
    return [...ip.text(value)].map((c) => c.codePointAt(0)!);
  }
  if (!isBytesLike(ip, value))
    ip.raise('TypeError', `a bytes-like object is required, not '${ip.typeName(value)}'`);
  return [...bytesOf(ip, value)];
}

function sizeOf(ip: Interp, slot: number | undefined): number {
  if (slot === undefined || slot === ip.none) return -1;
  if (!ip.isInt(slot))
    ip.raise('TypeError', `argument should be integer or None, not '${ip.typeName(slot)}'`);
  return Number(ip.intValue(slot));
}

const MEMORY_FILE_METHODS: Record<string, NativeFn> = {
  write: (ip, [self, value]) => {
    const data = memoryFile(ip, self);
    const units = unitsOf(ip, data, value);
    while (data.contents.length < data.position) data.contents.push(0);
    for (let i = 0; i < units.length; i++) data.contents[data.position + i] = units[i];
    data.position += units.length;
    return ip.int(units.length);
  },
  read: (ip, [self, size]) => {
    const data = memoryFile(ip, self);
    const n = sizeOf(ip, size);
    const from = Math.min(data.position, data.contents.length);
    const to = n < 0 ? data.contents.length : Math.min(data.contents.length, from + n);
    data.position = Math.max(data.position, to);
    return sliceValue(ip, data, from, to);
  },
  readline: (ip, [self, size]) => {
    const data = memoryFile(ip, self);
    const n = sizeOf(ip, size);
    const from = Math.min(data.position, data.contents.length);
    let to = data.contents.indexOf(10, from);
    to = to < 0 ? data.contents.length : to + 1;
    if (n >= 0) to = Math.min(to, from + n);
    data.position = Math.max(data.position, to);
    return sliceValue(ip, data, from, to);
  },
  getvalue: (ip, [self]) => {
    const data = memoryFile(ip, self);
    return sliceValue(ip, data, 0, data.contents.length);
  },
  seek: (ip, [self, offset, whence]) => {
    const data = memoryFile(ip, self);
    const how = whence === undefined ? 0 : Number(ip.intValue(whence));
    const at = Number(ip.intValue(offset));
    if (how === 0 && at < 0) ip.raise('ValueError', `negative seek value ${at}`);
    data.position = how === 0 ? at : how === 1 ? data.position + at : data.contents.length + at;
    return ip.int(data.position);
  },
  tell: (ip, [self]) => ip.int(memoryFile(ip, self).position),
  close: (ip, [self]) => {
    (ip.payload(self) as MemoryFileData).closed = true;
    return ip.own(ip.none);
  },
  __enter__: (ip, [self]) => {
    memoryFile(ip, self);
    return ip.own(self);
  },
  __exit__: (ip, [self]) => {
    (ip.payload(self) as MemoryFileData).closed = true;
    return ip.own(ip.none);
  },
};

/** `StringIO(initial_value='')` or `BytesIO(initial_bytes=b'')`. */
function memoryFileType(ip: Interp, name: 'StringIO' | 'BytesIO'): PyType {
  const existing = ip.types.get(name);
  if (existing) return existing;
  const type = defineBuiltinType(ip, name, builtinType(ip, 'object'));
  type.module = '_io';
  for (const [method, fn] of Object.entries(MEMORY_FILE_METHODS)) type.methods.set(method, fn);
  const text = name === 'StringIO';
  type.ctor = (ip2, args) => {
    arity(ip2, name, args, 0, 1);
    // sys.getsizeof of a new one, measured per version (scripts/measure-sizes.py).
    const size = nativeKind(ip2.heap.sizes.version, name).size;
    const slot = ip2.own(ip2.heap.newNative(ip2.nativeClass(name), size, [], { gc: true }));
    const data: MemoryFileData = { kind: 'memory-file', text, contents: [], position: 0, closed: false };
    ip2.setPayload(slot, data);
    if (args.length === 1 && args[0] !== ip2.none) data.contents = unitsOf(ip2, data, args[0]);
    return slot;
  };
  return type;
}

/** The `io` module. */
export function ioModule(_ip: Interp): ModuleSpec {
  return {
    functions: { open: openBuiltin },
    values: (ip) => {
      fileState(ip);
      const values: Record<string, number> = {
        DEFAULT_BUFFER_SIZE: ip.int(DEFAULT_BUFFER_SIZE),
        UnsupportedOperation: ip.own(unsupportedOperation(ip).slot),
        StringIO: ip.own(memoryFileType(ip, 'StringIO').slot),
        BytesIO: ip.own(memoryFileType(ip, 'BytesIO').slot),
      };
      for (const name of ['TextIOWrapper', 'BufferedReader', 'BufferedWriter', 'BufferedRandom', 'FileIO'])
        values[name] = ip.own(builtinType(ip, name).slot);
      return values;
    },
  };
}
