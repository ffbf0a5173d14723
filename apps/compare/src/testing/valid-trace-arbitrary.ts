/**
 * Random valid traces for fuzzing: a header and operations that CPython would
 * run without an error, generated against a model of what each slot holds.
 *
 * @module
 */

import fc from 'fast-check';

/** What a slot's object is, in the generator's model. */
interface ModelObject {
  readonly kind: 'none' | 'list' | 'tuple' | 'dict' | 'int' | 'str';
  /** Items of a list or tuple (object ids); values of a dict. */
  items: number[];
  /** Keys of a dict, parallel to `items`. */
  keys: number[];
}

/** One generated step: an operation choice and three parameters, decoded against the model. */
type Step = readonly [number, number, number, number];

/**
 * A valid trace: a header and operations that CPython would run without an
 * error (the generator keeps a model of every slot's object, shared between
 * slots by `move` and `getitem` as in Python).
 */
export function validTraceArbitrary(maxOperations = 40): fc.Arbitrary<string[]> {
  return fc
    .record({
      slots: fc.integer({ min: 1, max: 6 }),
      name: fc.oneof(fc.constantFrom('t', 'fuzz', 'a b'), fc.string({ minLength: 1, maxLength: 8 })),
      description: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      steps: fc.array(fc.tuple(fc.nat(19), fc.nat(63), fc.nat(63), fc.nat(63)), {
        maxLength: maxOperations,
        size: 'max',
      }),
    })
    .map(({ slots, name, description, steps }) => [
      JSON.stringify({
        format: 'pymm-trace',
        version: 1,
        slots,
        name,
        ...(description ? { description } : {}),
      }),
      ...operations(slots, steps),
    ]);
}

function operations(slots: number, steps: readonly Step[]): string[] {
  const objects: ModelObject[] = [{ kind: 'none', items: [], keys: [] }];
  const v: number[] = new Array(slots).fill(0);
  const make = (kind: ModelObject['kind'], items: number[] = []) => {
    objects.push({ kind, items, keys: [] });
    return objects.length - 1;
  };
  const slotWhere = (n: number, accept: (o: ModelObject) => boolean): number | null => {
    const fitting = v.map((id, slot) => [id, slot] as const).filter(([id]) => accept(objects[id]));
    return fitting.length === 0 ? null : fitting[n % fitting.length][1];
  };
  const lines: string[] = [];
  const emit = (...op: unknown[]) => lines.push(JSON.stringify(op));
  for (const [choice, a, b, c] of steps) {
    const d = a % slots;
    const s = b % slots;
    switch (choice) {
      case 0:
      case 1:
      case 2: {
        const op = ['list', 'flist', 'rlist'][choice];
        v[d] = make('list');
        emit(op, d);
        break;
      }
      case 3: {
        const items = Array.from({ length: c % 4 }, (_, i) => (b + i) % slots);
        v[d] =
          items.length === 0
            ? make('tuple')
            : make(
                'tuple',
                items.map((slot) => v[slot]),
              );
        emit('tuple', d, items);
        break;
      }
      case 4:
        v[d] = make('dict');
        emit('dict', d);
        break;
      case 5: {
        const n = [0, -5, 256, 257, 1_000, -1_000_000, 2 ** 53, -(2 ** 62) + 1024][c % 8] + (c % 3);
        v[d] = make('int');
        emit('int', d, n);
        break;
      }
      case 6:
        v[d] = make('str');
        emit('str', d, ['', 'x', 'id_1', 'two words', 'é', '\u{1F600}', 'tab\there'][c % 7]);
        break;
      case 7:
        v[d] = 0;
        emit('none', d);
        break;
      case 8:
        v[d] = v[s];
        emit('move', d, s);
        break;
      case 9:
      case 10: {
        const list = slotWhere(a, (o) => o.kind === 'list');
        if (list === null) break;
        objects[v[list]].items.push(v[s]);
        emit('append', list, s);
        break;
      }
      case 11: {
        const target = slotWhere(a, (o) => (o.kind === 'list' && o.items.length > 0) || o.kind === 'dict');
        if (target === null) break;
        const o = objects[v[target]];
        if (o.kind === 'list') {
          const k = (c % (2 * o.items.length)) - o.items.length;
          o.items[k < 0 ? k + o.items.length : k] = v[s];
          emit('setitem', target, k, s);
        } else {
          const k = c % 5;
          const at = o.keys.indexOf(k);
          if (at >= 0) o.items[at] = v[s];
          else {
            o.keys.push(k);
            o.items.push(v[s]);
          }
          emit('setitem', target, k, s);
        }
        break;
      }
      case 12: {
        const source = slotWhere(
          b,
          (o) => (o.kind === 'list' || o.kind === 'tuple' || o.kind === 'dict') && o.items.length > 0,
        );
        if (source === null) break;
        const o = objects[v[source]];
        if (o.kind === 'dict') {
          const at = c % o.keys.length;
          v[d] = o.items[at];
          emit('getitem', d, source, o.keys[at]);
        } else {
          const k = (c % (2 * o.items.length)) - o.items.length;
          v[d] = o.items[k < 0 ? k + o.items.length : k];
          emit('getitem', d, source, k);
        }
        break;
      }
      case 13: {
        const target = slotWhere(a, (o) => (o.kind === 'list' || o.kind === 'dict') && o.items.length > 0);
        if (target === null) break;
        const o = objects[v[target]];
        if (o.kind === 'dict') {
          const at = c % o.keys.length;
          emit('delitem', target, o.keys[at]);
          o.keys.splice(at, 1);
          o.items.splice(at, 1);
        } else {
          const k = (c % (2 * o.items.length)) - o.items.length;
          o.items.splice(k < 0 ? k + o.items.length : k, 1);
          emit('delitem', target, k);
        }
        break;
      }
      case 14: {
        const list = slotWhere(a, (o) => o.kind === 'list' && o.items.length > 0);
        if (list === null) break;
        objects[v[list]].items.pop();
        emit('pop', list);
        break;
      }
      case 15: {
        const target = slotWhere(a, (o) => o.kind === 'list' || o.kind === 'dict');
        if (target === null) break;
        objects[v[target]].items = [];
        objects[v[target]].keys = [];
        emit('clear', target);
        break;
      }
      case 16:
      case 17:
        emit('collect', c % 3);
        break;
      case 18:
        emit('gc', ['enable', 'disable', 'freeze', 'unfreeze'][c % 4]);
        break;
      default:
        emit('threshold', [0, 1, 5, 700][a % 4], b % 11, c % 11);
    }
  }
  return lines;
}
