/**
 * Compiling a trace: each batch of decoded operations becomes one generated
 * JavaScript function of straight-line calls, with every argument a literal,
 * so that running it makes no `switch` on the operation and reads no row.
 * The compiler follows what each variable holds through the trace (a trace
 * is straight-line code: `v[d]` changes only where an operation stores into
 * it), and where that is known for certain it calls the step that skips the
 * check of what the slot holds (`appendList` for an `append` to a slot that
 * holds a list). Where it is not known (after a `getitem`), or where the
 * check would fail, it calls the checked step, which throws the reference's
 * error. What depends on the run (an index against a list's length, a dict
 * key) is still checked when the code runs.
 *
 * @module
 */

import { OpCode, type TraceBatch } from './trace-batch.js';
import type { TraceMachine } from './trace-machine.js';
import { TRACE_STEPS } from './trace-operations.js';

/** What the compiler knows a variable holds. */
const Known = { Unknown: 0, List: 1, Tuple: 2, Dict: 3, Other: 4 } as const;

/** A compiled batch: runs its operations on the machine. */
export type CompiledBatch = (machine: TraceMachine) => void;

/**
 * Compiles the batches of one trace, in order: what the variables hold at the
 * end of one batch is what they hold at the start of the next.
 */
export class TraceCompiler {
  /** What each variable holds (a {@link Known} value); every variable starts as `None`. */
  private readonly known: Uint8Array;

  constructor(slots: number) {
    this.known = new Uint8Array(slots).fill(Known.Other);
  }

  /** The JavaScript source of a batch's function body (for tests and for reading). */
  source(batch: TraceBatch): string {
    const known = this.known;
    const { code, line, a, b, c } = batch;
    const out: string[] = ['const h = m.heap;'];
    for (let i = 0; i < batch.count; i++) {
      const d = a[i];
      let call: string;
      switch (code[i]) {
        case OpCode.List:
        case OpCode.Flist:
        case OpCode.Rlist:
          call = `S.${NAMES[code[i]]}(m, ${d})`;
          known[d] = Known.List;
          break;
        case OpCode.Tuple: {
          const items: number[] = [];
          for (let j = 0; j < c[i]; j++) items.push(batch.items[b[i] + j]);
          call = `S.tuple(m, ${d}, [${items.join(', ')}], 0, ${items.length})`;
          known[d] = Known.Tuple;
          break;
        }
        case OpCode.Dict:
          call = `S.dict(m, ${d})`;
          known[d] = Known.Dict;
          break;
        case OpCode.Int:
          call = `S.int(m, ${d}, ${number(c[i])})`;
          known[d] = Known.Other;
          break;
        case OpCode.Str:
          call = `S.str(m, ${d}, ${JSON.stringify(batch.texts[b[i]])})`;
          known[d] = Known.Other;
          break;
        case OpCode.None:
          call = `S.none(m, ${d})`;
          known[d] = Known.Other;
          break;
        case OpCode.Move:
          call = `S.move(m, ${d}, ${b[i]})`;
          known[d] = known[b[i]];
          break;
        case OpCode.Append:
          call =
            known[d] === Known.List
              ? `S.appendList(m, ${d}, ${b[i]})`
              : `S.append(m, ${line[i]}, ${d}, ${b[i]})`;
          break;
        case OpCode.Setitem:
          call =
            known[d] === Known.List
              ? `S.setitemList(m, ${line[i]}, ${d}, ${number(c[i])}, ${b[i]})`
              : known[d] === Known.Dict
                ? `S.setitemDict(m, ${d}, ${number(c[i])}, ${b[i]})`
                : `S.setitem(m, ${line[i]}, ${d}, ${number(c[i])}, ${b[i]})`;
          break;
        case OpCode.Getitem: {
          const s = b[i];
          call =
            known[s] === Known.List || known[s] === Known.Tuple
              ? `S.getitemSequence(m, ${line[i]}, ${d}, ${s}, ${number(c[i])})`
              : known[s] === Known.Dict
                ? `S.getitemDict(m, ${line[i]}, ${d}, ${s}, ${number(c[i])})`
                : `S.getitem(m, ${line[i]}, ${d}, ${s}, ${number(c[i])})`;
          known[d] = Known.Unknown;
          break;
        }
        case OpCode.Delitem:
          call =
            known[d] === Known.List
              ? `S.delitemList(m, ${line[i]}, ${d}, ${number(c[i])})`
              : known[d] === Known.Dict
                ? `S.delitemDict(m, ${line[i]}, ${d}, ${number(c[i])})`
                : `S.delitem(m, ${line[i]}, ${d}, ${number(c[i])})`;
          break;
        case OpCode.Pop:
          call = known[d] === Known.List ? `S.popList(m, ${line[i]}, ${d})` : `S.pop(m, ${line[i]}, ${d})`;
          break;
        case OpCode.Clear:
          call =
            known[d] === Known.List || known[d] === Known.Dict
              ? `S.clearContainer(m, ${d})`
              : `S.clear(m, ${line[i]}, ${d})`;
          break;
        case OpCode.Collect:
          call = `S.collect(m, ${d})`;
          break;
        case OpCode.Gc:
          call = `S.gc(m, ${d})`;
          break;
        default:
          call = `S.threshold(m, ${d}, ${b[i]}, ${number(c[i])})`;
      }
      out.push(`h.operation++; ${call};`);
    }
    return out.join('\n');
  }

  /** Compiles a batch into a function. */
  compile(batch: TraceBatch): CompiledBatch {
    const body = new Function('S', 'm', this.source(batch)) as (
      steps: typeof TRACE_STEPS,
      m: TraceMachine,
    ) => void;
    return (machine) => body(TRACE_STEPS, machine);
  }
}

/** The step names of the operations that make tagged lists, by code. */
const NAMES: Record<number, string> = {
  [OpCode.List]: 'list',
  [OpCode.Flist]: 'flist',
  [OpCode.Rlist]: 'rlist',
};

/** A double as JavaScript source that reads back as the same double (`-0` included). */
function number(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}
