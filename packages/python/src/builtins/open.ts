/**
 * `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
 * opener=None)` on the run's virtual file system, as CPython 3.11's `_io.open` builds its objects.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { fileStats, openFile } from '../io/index.js';
import { fileState, ioCall, newFileObject } from '../runtime/file-objects.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { keyword } from './arguments.js';

const PARAMETERS = ['file', 'mode', 'buffering', 'encoding', 'errors', 'newline', 'closefd', 'opener'];

/** An optional `str` argument (`None` for null). */
function optionalText(ip: Interp, slot: number | undefined, name: string): string | null {
  if (slot === undefined || slot === ip.none) return null;
  if (ip.store.type[slot] !== TypeId.Str)
    ip.raise('TypeError', `open() argument '${name}' must be str or None, not ${ip.typeName(slot)}`);
  return ip.text(slot);
}

/** `open(...)`: a file object (a core `File`), owned. */
export const openBuiltin: NativeFn = (ip, args, kw) => {
  if (args.length > PARAMETERS.length)
    ip.raise('TypeError', `open() takes at most 8 arguments (${args.length} given)`);
  const given = new Map<string, number>();
  args.forEach((value, i) => {
    given.set(PARAMETERS[i], value);
  });
  for (const [name, value] of keyword(ip, 'open', kw, PARAMETERS)) {
    if (given.has(name))
      ip.raise(
        'TypeError',
        `argument for open() given by name ('${name}') and position (${PARAMETERS.indexOf(name) + 1})`,
      );
    given.set(name, value);
  }
  const file = given.get('file');
  if (file === undefined) return ip.raise('TypeError', "open() missing required argument 'file' (pos 1)");
  if (ip.store.type[file] !== TypeId.Str)
    ip.raise('TypeError', `pymm's open() takes a path as str, not ${ip.typeName(file)}`);
  const mode = optionalText(ip, given.get('mode'), 'mode') ?? 'r';
  const bufferingSlot = given.get('buffering');
  let buffering = -1;
  if (bufferingSlot !== undefined) {
    if (!ip.isInt(bufferingSlot))
      ip.raise('TypeError', `'${ip.typeName(bufferingSlot)}' object cannot be interpreted as an integer`);
    buffering = Number(ip.intValue(bufferingSlot));
  }
  const closefd = given.get('closefd');
  if (closefd !== undefined && !ip.truthy(closefd))
    ip.raise('ValueError', 'Cannot use closefd=False with file name');
  const opener = given.get('opener');
  if (opener !== undefined && opener !== ip.none)
    ip.raise('NotImplementedError', "open()'s opener is not supported by pymm");
  const options = {
    buffering,
    encoding: optionalText(ip, given.get('encoding'), 'encoding'),
    errors: optionalText(ip, given.get('errors'), 'errors'),
    newline: optionalText(ip, given.get('newline'), 'newline'),
  };
  const state = fileState(ip);
  const path = ip.text(file);
  const { file: host } = ioCall(ip, () => openFile(state.vfs, path, mode, options, ip.heap.sizes.version));
  return newFileObject(ip, host, fileStats(host).bufferSize);
};
