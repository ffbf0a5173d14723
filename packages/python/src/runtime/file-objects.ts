/**
 * File objects: the file model of `../io` (CPython's `_io` classes as host objects) wrapped as Python
 * objects. What `open()` returns is one of core's `File` objects (so the strategies and the report see
 * it open until `close()`, a `with` exit or its deallocation); its `buffer` is a separate object, as
 * CPython's `BufferedReader` is. One virtual file system per run: files the program writes live in
 * memory, reads fall through to the real current directory, read-only.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { bytesOf, isBytesLike, newBytes } from '../builtins/bytes.js';
import {
  BufferedFile,
  checkNotClosed,
  type FileObject,
  fileRepr,
  PythonIOError,
  RawFile,
  TextFile,
  VirtualFileSystem,
} from '../io/index.js';
import { setAttr } from './attributes.js';
import { newBuiltin } from './callables.js';
import type { Interp, NativeFn, PyType } from './interp.js';
import { builtinType, defineBuiltinType } from './types.js';

/** Side data of a file object (the object `open()` returns, or a text file's `buffer`). */
export interface FileData {
  readonly kind: 'file';
  readonly file: FileObject;
  /** The text file's `buffer` object while it lives (slot and handle), else NULL_REF. */
  bufferSlot: number;
  bufferHandle: number;
}

/** The file state of one run: its virtual file system and its open `File` objects by handle. */
interface FileState {
  readonly vfs: VirtualFileSystem;
  readonly open: Map<number, FileObject>;
}

const STATES = new WeakMap<Interp, FileState>();

/** The run's file state, created (with the file types' methods) on the first use. */
export function fileState(ip: Interp): FileState {
  let state = STATES.get(ip);
  if (state) return state;
  state = { vfs: new VirtualFileSystem(), open: new Map() };
  STATES.set(ip, state);
  const open = state.open;
  // CPython's refcount close: a File object freed while open closes (flushes) its host file.
  ip.heap.events.on('resource-closed', (event) => {
    if (event.how !== 'dealloc') return;
    const file = open.get(event.handle);
    open.delete(event.handle);
    if (!file) return;
    try {
      file.close();
    } catch (error) {
      if (!(error instanceof PythonIOError)) throw error;
    }
  });
  installFileTypes(ip);
  return state;
}

/** Runs a file-model operation, turning a {@link PythonIOError} into the Python exception. */
export function ioCall<T>(ip: Interp, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof PythonIOError) raiseIOError(ip, error);
    throw error;
  }
}

/** Raises `error` as its Python exception (with `errno`, `strerror` and `filename` for an `OSError`). */
function raiseIOError(ip: Interp, error: PythonIOError): never {
  const typeName =
    error.pythonType === 'UnsupportedOperation' ? unsupportedOperation(ip).name : error.pythonType;
  const exc = ip.newException(typeName, error.pythonMessage);
  if (error.errno !== null) {
    const set = (name: string, value: number) => {
      setAttr(ip, exc, name, value);
      ip.drop(value);
    };
    set('errno', ip.int(error.errno));
    set('strerror', error.strerror === null ? ip.own(ip.none) : ip.str(error.strerror));
    set('filename', error.filename === null ? ip.own(ip.none) : ip.str(error.filename));
  }
  return ip.raiseObject(exc);
}

/** `io.UnsupportedOperation`: a subclass of both `OSError` and `ValueError`. */
export function unsupportedOperation(ip: Interp): PyType {
  const existing = ip.types.get('UnsupportedOperation');
  if (existing) return existing;
  const type = defineBuiltinType(ip, 'UnsupportedOperation', builtinType(ip, 'OSError'), true);
  const valueError = builtinType(ip, 'ValueError');
  const at = type.mro.indexOf(builtinType(ip, 'Exception'));
  type.mro.splice(at, 0, valueError);
  type.module = 'io';
  return type;
}

/** Wraps a host file returned by `open()` as a core `File` object, owned. */
export function newFileObject(ip: Interp, file: FileObject, bufferBytes: number): number {
  const state = fileState(ip);
  const slot = ip.own(ip.heap.newFile(file.name, bufferBytes));
  ip.setPayload(slot, { kind: 'file', file, bufferSlot: NULL_REF, bufferHandle: 0 } satisfies FileData);
  state.open.set(ip.store.handleOf(slot), file);
  return slot;
}

/** The side data of a file object, or undefined for any other object (a standard stream). */
function fileData(ip: Interp, self: number): FileData | undefined {
  const data = ip.payload(self) as FileData | undefined;
  return data?.kind === 'file' ? data : undefined;
}

function hostFile(ip: Interp, self: number): FileObject {
  const data = fileData(ip, self);
  if (!data)
    return ip.raise('TypeError', `descriptor requires an '_io' file object, not '${ip.typeName(self)}'`);
  return data.file;
}

/** `close()`, a `with` exit: closes the host file (flushing it), then core's `File` record. */
function closeFileObject(ip: Interp, self: number, how: 'close' | 'with'): number {
  const file = hostFile(ip, self);
  const state = fileState(ip);
  try {
    ioCall(ip, () => file.close());
  } finally {
    if (ip.store.type[self] === TypeId.File) {
      state.open.delete(ip.store.handleOf(self));
      ip.heap.closeFile(self, how);
    }
  }
  return ip.own(ip.none);
}

/** A `size` argument: an int, or `None` (as -1). */
function sizeArg(ip: Interp, slot: number | undefined): number {
  if (slot === undefined || slot === ip.none) return -1;
  if (!ip.isInt(slot))
    ip.raise('TypeError', `argument should be integer or None, not '${ip.typeName(slot)}'`);
  return Number(ip.intValue(slot));
}

/** A value read from a file: `str` from a text file, `bytes` from a binary one, owned. */
function readValue(ip: Interp, value: string | Uint8Array): number {
  return typeof value === 'string' ? ip.str(value) : newBytes(ip, value);
}

/** What `write` takes: `str` for a text file, a bytes-like object for a binary one. */
function writeValue(ip: Interp, file: FileObject, value: number): string | Uint8Array {
  if (file instanceof TextFile) {
    if (ip.store.type[value] !== TypeId.Str)
      ip.raise('TypeError', `write() argument must be str, not ${ip.typeName(value)}`);
    return ip.text(value);
  }
  if (!isBytesLike(ip, value))
    ip.raise('TypeError', `a bytes-like object is required, not '${ip.typeName(value)}'`);
  return bytesOf(ip, value);
}

/** `f.buffer`: the text file's `BufferedReader`/`BufferedWriter`, one object while it lives. */
function bufferObject(ip: Interp, self: number): number {
  const data = fileData(ip, self);
  if (!data || !(data.file instanceof TextFile))
    return ip.raise('AttributeError', `'${ip.typeName(self)}' object has no attribute 'buffer'`);
  if (data.bufferSlot !== NULL_REF && ip.store.handleOf(data.bufferSlot) === data.bufferHandle)
    return ip.own(data.bufferSlot);
  const buffer = data.file.buffer;
  // The buffer object's size is core's raw file object's; its buffer memory is counted on the File.
  const slot = ip.own(
    ip.heap.newNative(ip.nativeClass(bufferedTypeName(buffer)), ip.heap.sizes.fileBytes(), [], { gc: false }),
  );
  ip.setPayload(slot, {
    kind: 'file',
    file: buffer,
    bufferSlot: NULL_REF,
    bufferHandle: 0,
  } satisfies FileData);
  data.bufferSlot = slot;
  data.bufferHandle = ip.store.handleOf(slot);
  return slot;
}

function bufferedTypeName(file: BufferedFile): string {
  return { reader: 'BufferedReader', writer: 'BufferedWriter', random: 'BufferedRandom' }[file.kind];
}

/** The methods of every file type (stdout's `write`/`flush` stay as they were for the streams). */
const FILE_METHODS: Record<string, NativeFn> = {
  read: (ip, [self, size]) => {
    const file = hostFile(ip, self);
    const n = sizeArg(ip, size);
    return readValue(
      ip,
      ioCall(ip, () => file.read(n)),
    );
  },
  readline: (ip, [self, size]) => {
    const file = hostFile(ip, self);
    const n = sizeArg(ip, size);
    return readValue(
      ip,
      ioCall(ip, () => file.readline(n)),
    );
  },
  readlines: (ip, [self, hint]) => {
    const file = hostFile(ip, self);
    const n = sizeArg(ip, hint);
    const lines = ioCall(ip, () => file.readlines(n) as (string | Uint8Array)[]);
    const list = ip.newList([]);
    for (const line of lines) {
      const value = readValue(ip, line);
      ip.listAppend(list, value);
      ip.drop(value);
    }
    return list;
  },
  readinto: (ip, [self, target]) => {
    const file = hostFile(ip, self);
    if (file instanceof TextFile)
      return ip.raise('AttributeError', "'TextIOWrapper' object has no attribute 'readinto'");
    if (ip.store.type[target] !== TypeId.ByteArray)
      ip.raise(
        'TypeError',
        `readinto() argument must be read-write bytes-like object, not ${ip.typeName(target)}`,
      );
    let into = bytesOf(ip, target);
    if (ip.payload(target) === undefined) {
      into = new Uint8Array(ip.store.scalar[target]);
      ip.setPayload(target, { kind: 'bytes', bytes: into });
    }
    const data = ioCall(ip, () => file.read(into.length));
    into.set(data);
    return ip.int(data.length);
  },
  write: (ip, [self, value]) => {
    const file = hostFile(ip, self);
    const data = writeValue(ip, file, value);
    return ip.int(ioCall(ip, () => (file as TextFile).write(data)));
  },
  writelines: (ip, [self, lines]) => {
    const file = hostFile(ip, self);
    const items = ip.items(lines).map((line) => writeValue(ip, file, line));
    ioCall(ip, () => (file as TextFile).writelines(items));
    return ip.own(ip.none);
  },
  flush: (ip, [self]) => {
    const file = hostFile(ip, self);
    ioCall(ip, () => file.flush());
    return ip.own(ip.none);
  },
  close: (ip, [self]) => closeFileObject(ip, self, 'close'),
  seek: (ip, [self, offset, whence]) => {
    const file = hostFile(ip, self);
    if (!ip.isInt(offset))
      ip.raise('TypeError', `'${ip.typeName(offset)}' object cannot be interpreted as an integer`);
    const how = whence === undefined ? 0 : Number(ip.intValue(whence));
    const at = ip.intValue(offset);
    return ip.int(ioCall(ip, () => (file as TextFile).seek(file instanceof TextFile ? at : Number(at), how)));
  },
  tell: (ip, [self]) => {
    const file = hostFile(ip, self);
    return ip.int(ioCall(ip, () => file.tell()));
  },
  readable: (ip, [self]) => ip.bool(ioCall(ip, () => hostFile(ip, self).readable())),
  writable: (ip, [self]) => ip.bool(ioCall(ip, () => hostFile(ip, self).writable())),
  seekable: (ip, [self]) => ip.bool(ioCall(ip, () => hostFile(ip, self).seekable())),
  __iter__: (ip, [self]) => {
    ioCall(ip, () => checkNotClosed(hostFile(ip, self)));
    return ip.own(self);
  },
  __next__: (ip, [self]) => {
    const file = hostFile(ip, self);
    const line = ioCall(ip, () => file.next());
    if (line === null) return ip.raise('StopIteration');
    return readValue(ip, line);
  },
  __enter__: (ip, [self]) => {
    ioCall(ip, () => checkNotClosed(hostFile(ip, self)));
    return ip.own(self);
  },
  __exit__: (ip, [self]) => closeFileObject(ip, self, 'with'),
};

/** The read-only attributes of the file types (properties, as CPython's getsets). */
const FILE_PROPERTIES: Record<string, NativeFn> = {
  closed: (ip, [self]) => {
    const data = fileData(ip, self);
    return ip.bool(data ? data.file.closed : false);
  },
  name: (ip, [self]) => {
    const data = fileData(ip, self);
    return ip.str(data ? data.file.name : (ip.payload(self) as { name: string }).name);
  },
  mode: (ip, [self]) => ip.str(hostFile(ip, self).mode),
  buffer: (ip, [self]) => bufferObject(ip, self),
  encoding: (ip, [self]) => {
    const file = hostFile(ip, self);
    if (!(file instanceof TextFile))
      return ip.raise('AttributeError', `'${ip.typeName(self)}' object has no attribute 'encoding'`);
    return ip.str(file.encoding);
  },
};

/** Installs the methods and properties on `TextIOWrapper` and the buffered types. */
function installFileTypes(ip: Interp): void {
  const object = builtinType(ip, 'object');
  const types = [builtinType(ip, 'TextIOWrapper')];
  types[0].module = '_io';
  const previousRepr = ip.nativeRepr;
  ip.nativeRepr = (slot) => {
    const data = fileData(ip, slot);
    return data ? fileRepr(data.file) : previousRepr(slot);
  };
  for (const name of ['BufferedReader', 'BufferedWriter', 'BufferedRandom', 'FileIO']) {
    const type = ip.types.get(name) ?? defineBuiltinType(ip, name, object);
    type.module = '_io';
    types.push(type);
  }
  const properties = new Map<string, number>();
  for (const [name, getter] of Object.entries(FILE_PROPERTIES)) {
    const fget = newBuiltin(ip, name, getter);
    const property = ip.native('property', [fget], {
      kind: 'property',
      func: fget,
      fset: NULL_REF,
      fdel: NULL_REF,
    });
    ip.drop(fget);
    properties.set(name, ip.keepForever(property));
    ip.drop(property);
  }
  for (const type of types) {
    for (const [name, fn] of Object.entries(FILE_METHODS)) {
      const previous = type.methods.get(name);
      type.methods.set(
        name,
        previous
          ? (ip2, args, kw) => (fileData(ip2, args[0]) ? fn(ip2, args, kw) : previous(ip2, args, kw))
          : fn,
      );
    }
    for (const [name, property] of properties)
      if (name !== 'buffer' || type.name === 'TextIOWrapper') type.attrs.set(name, property);
  }
}

/** Whether `file` is a binary file (`bytes` in and out). */
export function isBinaryFile(file: FileObject): boolean {
  return file instanceof BufferedFile || file instanceof RawFile;
}
