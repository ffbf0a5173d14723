/**
 * 3.13's `__static_attributes__`: the names a class's methods assign as `self.NAME` (the compiler
 * notes each `STORE_ATTR` on the name `self` inside a function of the class body, nested
 * functions included, nested classes apart), sorted, as a constant tuple of the class body.
 *
 * @module
 */

import type { ClassDef, Node } from '../ast-nodes.js';
import { constant } from './compile-expr.js';
import type { CodeContext } from './context.js';

/** The sorted names stored as `self.NAME` by the functions in a class body. */
export function staticAttributeNames(node: ClassDef): string[] {
  const names = new Set<string>();
  const stack: { node: Node; inFunction: boolean }[] = node.body.map((s) => ({ node: s, inFunction: false }));
  while (stack.length > 0) {
    const { node: at, inFunction } = stack.pop()!;
    if (at._type === 'ClassDef') continue;
    if (
      at._type === 'Attribute' &&
      at.ctx === 'Store' &&
      inFunction &&
      at.value._type === 'Name' &&
      at.value.id === 'self'
    )
      names.add(at.attr);
    const inner = inFunction || at._type === 'FunctionDef' || at._type === 'Lambda';
    for (const key in at) {
      // An augmented assignment's target is compiled apart (no STORE_ATTR is noted for it).
      if (key === '_type' || (at._type === 'AugAssign' && key === 'target')) continue;
      const value = (at as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value)
          if (v && typeof v === 'object' && '_type' in v) stack.push({ node: v as Node, inFunction: inner });
      } else if (value && typeof value === 'object' && '_type' in value) {
        stack.push({ node: value as Node, inFunction: inner });
      }
    }
  }
  return [...names].sort();
}

/** The class body's `__static_attributes__` constant (borrowed; the code object holds it). */
export function staticAttributesConstant(cx: CodeContext, node: ClassDef): number {
  const ip = cx.ip;
  const names = staticAttributeNames(node);
  if (names.length === 0) return ip.heap.emptyTuple;
  const items = names.map((n) => constant(cx, n, node.lineno));
  const tuple = ip.keepForever(ip.heap.newTuple(items));
  cx.consts.push(ip.own(tuple));
  return tuple;
}
