/**
 * The `sys` module: `getsizeof`, `getrefcount`, `intern`, `getrecursionlimit`/`setrecursionlimit`,
 * `stdout`/`stderr` (text streams writing to the run's outputs), `argv`, `exit`, `maxsize`,
 * `_getframe`, `exc_info`, `version_info`.
 *
 * @module
 */

import { TypeId } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import { arity, intArg } from '../builtins/arguments.js';
import type { Interp, NativeFn } from '../runtime/interp.js';
import { builtinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';

/** Side data of a standard stream. */
export interface StreamData {
  readonly kind: 'stream';
  readonly name: string;
  write(text: string): void;
}

/** Creates `sys.stdout` and `sys.stderr` (kept for the whole run) and their methods. */
export function createStreams(ip: Interp): { stdout: number; stderr: number } {
  const type = builtinType(ip, 'TextIOWrapper');
  type.methods.set('write', (ip2, [self, text]) => {
    if (ip2.store.type[text] !== TypeId.Str)
      ip2.raise('TypeError', `write() argument must be str, not ${ip2.typeName(text)}`);
    (ip2.payload(self) as StreamData).write(ip2.text(text));
    return ip2.int([...ip2.text(text)].length);
  });
  type.methods.set('flush', (ip2) => ip2.own(ip2.none));
  const make = (name: string, write: (text: string) => void) =>
    ip.keepForever(ip.native('TextIOWrapper', [], { kind: 'stream', name, write } satisfies StreamData));
  const stdout = make('<stdout>', ip.options.stdout);
  const stderr = make('<stderr>', ip.options.stderr);
  ip.drop(stdout);
  ip.drop(stderr);
  return { stdout, stderr };
}

const getsizeof: NativeFn = (ip, args) => {
  arity(ip, 'getsizeof', args, 1, 2);
  return ip.int(ip.store.sizeof[args[0]]);
};

const getrefcount: NativeFn = (ip, args) => {
  arity(ip, 'getrefcount', args, 1, 1);
  const slot = args[0];
  const static_ = (ip.store.flags[slot] & 2) !== 0;
  if (static_) return ip.int(ip.heap.sizes.version === '3.11' ? 1_000_000_000 : 4294967295);
  return ip.int(ip.store.refcount[slot]);
};

/** The `sys` module. */
export function sysModule(_ip: Interp): ModuleSpec {
  return {
    functions: {
      getsizeof,
      getrefcount,
      intern: (ip2, args) => {
        arity(ip2, 'intern', args, 1, 1);
        if (ip2.store.type[args[0]] !== TypeId.Str)
          ip2.raise('TypeError', `intern() argument must be str, not ${ip2.typeName(args[0])}`);
        return ip2.str(ip2.text(args[0]), true);
      },
      getrecursionlimit: (ip2) => ip2.int(ip2.recursionLimit),
      setrecursionlimit: (ip2, args) => {
        arity(ip2, 'setrecursionlimit', args, 1, 1);
        const n = intArg(ip2, args[0], '');
        if (n < 1) ip2.raise('ValueError', 'recursion limit must be greater or equal than 1');
        ip2.recursionLimit = n;
        return ip2.own(ip2.none);
      },
      exit: (ip2, args) => {
        const exc = ip2.newException('SystemExit', undefined, args.length ? ip2.own(args[0]) : NULL_REF);
        return ip2.raiseObject(exc);
      },
      _getframe: (ip2, args) => {
        let f = ip2.frame;
        for (let depth = args.length ? intArg(ip2, args[0], '') : 0; depth > 0 && f; depth--) f = f.back;
        if (!f) ip2.raise('ValueError', 'call stack is not deep enough');
        return ip2.own(ip2.frameObject(f!));
      },
      exc_info: (ip2) => {
        const exc = ip2.handling;
        if (exc === NULL_REF) return ip2.own(ip2.heap.newTuple([ip2.none, ip2.none, ip2.none]));
        const tb = ip2.tracebackOf(exc);
        const t = ip2.own(ip2.heap.newTuple([ip2.typeObjectOf(exc), exc, tb]));
        ip2.drop(tb);
        return t;
      },
    },
    values: (ip2) => {
      const argv = ip2.options.argv.map((a) => ip2.str(a));
      const list = ip2.newList(argv);
      for (const a of argv) ip2.drop(a);
      const [major, minor] = ip2.heap.sizes.version.split('.').map(Number);
      const version = ip2.own(ip2.heap.newTuple([ip2.int(major), ip2.int(minor)]));
      return {
        stdout: ip2.own(ip2.sysStdout()),
        stderr: ip2.own(ip2.sysStderr()),
        __stdout__: ip2.own(ip2.sysStdout()),
        __stderr__: ip2.own(ip2.sysStderr()),
        argv: list,
        maxsize: ip2.int(2n ** 63n - 1n),
        version_info: version,
      };
    },
  };
}
