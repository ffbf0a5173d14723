/**
 * The `io` module: `open` (the built-in), `DEFAULT_BUFFER_SIZE`, `UnsupportedOperation`, and the
 * file types by name.
 *
 * @module
 */

import { openBuiltin } from '../builtins/open.js';
import { DEFAULT_BUFFER_SIZE } from '../io/index.js';
import { fileState, unsupportedOperation } from '../runtime/file-objects.js';
import type { Interp } from '../runtime/interp.js';
import { builtinType } from '../runtime/types.js';
import type { ModuleSpec } from './modules.js';

/** The `io` module. */
export function ioModule(_ip: Interp): ModuleSpec {
  return {
    functions: { open: openBuiltin },
    values: (ip) => {
      fileState(ip);
      const values: Record<string, number> = {
        DEFAULT_BUFFER_SIZE: ip.int(DEFAULT_BUFFER_SIZE),
        UnsupportedOperation: ip.own(unsupportedOperation(ip).slot),
      };
      for (const name of ['TextIOWrapper', 'BufferedReader', 'BufferedWriter', 'BufferedRandom', 'FileIO'])
        values[name] = ip.own(builtinType(ip, name).slot);
      return values;
    },
  };
}
