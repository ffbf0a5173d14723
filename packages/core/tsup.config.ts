import { defineConfig } from 'tsup';
import { packageOptions } from '../../tsup.base.ts';

/**
 * The root export and one entry per subpath export (`@pymm/core/gc`, `/heap`, `/memory`, `/trace`,
 * `/tracing`), each at `dist/<subpath>/index.*`. Code the entries share goes to shared chunks, in
 * CommonJS too, so that a class (an error, `ObjectStore`) is one class whichever entry it comes from.
 */
export default defineConfig({
  ...packageOptions,
  entry: {
    index: 'src/index.ts',
    'gc/index': 'src/gc/index.ts',
    'heap/index': 'src/heap/index.ts',
    'memory/index': 'src/memory/index.ts',
    'trace/index': 'src/trace/index.ts',
    'tracing/index': 'src/tracing/index.ts',
  },
  splitting: true,
});
