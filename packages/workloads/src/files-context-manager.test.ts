import { describe, expect, it } from 'vitest';
import { filesContextManager } from './files-context-manager.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const SCALE = 0.1;
const { files, pendingGenerators } = parameterValues(filesContextManager);
const filesPerPhase = Math.round(files * SCALE);

describe('files-context-manager', () => {
  const counted = observe(filesContextManager, 'refcount', { scale: SCALE });
  const generational = observe(filesContextManager, 'generational', { scale: SCALE });
  const markSweep = observe(filesContextManager, 'markSweep', { scale: SCALE });
  const noGC = observe(filesContextManager, 'noGC', { scale: SCALE });

  it('closes each file at the end of its with block under every strategy', () => {
    for (const run of [counted, generational, markSweep, noGC]) {
      expect(run.phase('with-statement').maxOpenFiles).toBe(1);
      expect(run.phase('with-statement').openFilesAtEnd).toBe(0);
    }
  });

  it('keeps forgotten files open until a collection under mark-sweep, but not under reference counting', () => {
    expect(counted.phase('close-forgotten').maxOpenFiles).toBe(1);
    expect(markSweep.phase('close-forgotten').maxOpenFiles).toBeGreaterThan(
      counted.phase('close-forgotten').maxOpenFiles,
    );
    expect(noGC.phase('close-forgotten').openFilesAtEnd).toBe(filesPerPhase);
  });

  it('keeps a file open while a suspended generator holds it', () => {
    const phase = counted.phase('suspended-generators');
    expect(phase.maxOpenFiles).toBe(pendingGenerators + 1);
    expect(phase.openFilesAtEnd).toBe(pendingGenerators);
  });

  it('never closes files caught in reference cycles under reference counting; a cycle collector does', () => {
    expect(counted.phase('reference-cycles').openFilesAtEnd).toBe(pendingGenerators + filesPerPhase);
    expect(counted.py.memory().openFiles).toBe(filesPerPhase);
    expect(generational.py.memory().openFiles).toBe(0);
    expect(markSweep.py.memory().openFiles).toBe(0);
    const closedByCollections = generational.collections.filter((c) => c.phase === 'reference-cycles');
    expect(closedByCollections.length).toBeGreaterThan(0);
  });
});
