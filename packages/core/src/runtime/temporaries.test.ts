/**
 * Releasing temporaries re-entrantly: a temporary's finalizer, run while the
 * temporaries are being released, may itself create temporaries, bind them,
 * and even flush. The roots must stay consistent whatever it does.
 *
 * Found by the model-based test of issue 11 (packages/reliability, seed 12).
 * The tests marked `BUG (issue 11)` are expected to fail (`it.fails`) until
 * `Runtime.releaseTemporaries` is fixed; then vitest reports them, and
 * `.fails` should be removed.
 */

import { describe, expect, it } from 'vitest';
import { verifyHeap } from '../heap/verifier.js';
import { recordingRefcount } from '../test-support.js';
import { createRuntime } from './runtime.js';

describe('releasing temporaries while a finalizer runs', () => {
  it('a statement releases a temporary whose finalizer binds a global', () => {
    const py = createRuntime({ strategy: recordingRefcount() });
    const Phoenix = py.class('Phoenix', {
      del: (self) => {
        py.globals.graveyard = py.list([self]);
      },
    });
    Phoenix.new(); // a temporary nobody keeps
    py.locals.y = py.list(); // the statement releases it: __del__ resurrects it
    py.flushTemporaries();
    expect(py.heap.roots.temporaryCount).toBe(0);
    expect(verifyHeap(py.heap).problems).toEqual([]);
  });

  // packages/core/src/runtime/runtime.ts, `releaseTemporaries` (since commit 66f3d1b, "release
  // temporaries in place"): it decrefs the stale temporaries in place and compacts the array
  // afterwards. `flushTemporaries` calls it at depth 0, so a finalizer run by the release runs
  // top-level statements, and each of them ends with a nested `releaseTemporaries` that compacts
  // the same array under the outer loop; the outer one then subtracts its `stale` again:
  // `temporaryCount` becomes -1, later temporaries are stored at index -1 (lost), and their
  // references are never released (a count too high, as the verifier reports).
  // Today `OperationContext.releaseTemporaries` has `Roots.takeTemporariesBefore` take them out first.
  it('flushTemporaries releasing a temporary whose finalizer binds a global', () => {
    const py = createRuntime({ strategy: recordingRefcount() });
    const Phoenix = py.class('Phoenix', {
      del: (self) => {
        py.globals.graveyard = py.list([self]);
      },
    });
    Phoenix.new();
    py.flushTemporaries();
    expect(py.heap.roots.temporaryCount).toBe(0); // -1
    py.locals.x = py.list(); // the next temporary is lost: list x keeps a count of 2
    expect(verifyHeap(py.heap).problems).toEqual([]);
  });

  it('a finalizer that flushes while a statement releases temporaries', () => {
    const py = createRuntime({ strategy: recordingRefcount() });
    const Flusher = py.class('Flusher', {
      del: () => {
        py.list();
        py.flushTemporaries();
      },
    });
    Flusher.new();
    py.list();
    py.list();
    py.locals.y = py.list();
    py.flushTemporaries();
    expect(py.heap.roots.temporaryCount).toBe(0); // -4
    py.locals.z = py.list();
    expect(verifyHeap(py.heap).problems).toEqual([]);
  });
});
