import { describe, expect, it } from 'vitest';
import { TRACE_HANDLERS } from './trace-operations.js';
import { TRACE_OPERATIONS } from './trace-reader.js';

describe('the trace operation table', () => {
  it('has one handler per operation, named after it, in the order of the spec', () => {
    expect(Object.keys(TRACE_HANDLERS)).toEqual([...TRACE_OPERATIONS]);
    for (const [name, handler] of Object.entries(TRACE_HANDLERS)) expect(handler.name).toBe(name);
  });
});
