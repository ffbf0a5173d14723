/**
 * Where a freed object's memory goes: onto its type's free list when the
 * list has room (`list_dealloc`, `dict_dealloc`, `float_dealloc`,
 * `tupledealloc`), else back to the allocator; and the free lists emptied by a
 * full collection (`clear_freelists`).
 *
 * @module
 */

import type { FreeListKind } from '../objects/free-lists.js';
import { TypeId } from '../objects/type-id.js';
import type { HeapCore } from './heap-core.js';

/** Puts a freed object's block on its type's free list; false when the type has none or it is full. */
export function pushFreeList(heap: HeapCore, type: TypeId, address: number, length: number): boolean {
  switch (type) {
    case TypeId.List:
      return heap.freeLists.pushList(address);
    case TypeId.Dict:
      return heap.freeLists.pushDict(address);
    case TypeId.Float:
      return heap.freeLists.pushFloat(address);
    case TypeId.Tuple:
      return heap.freeLists.pushTuple(length, address);
    default:
      return false;
  }
}

const FREE_LIST_TYPES: Record<FreeListKind, TypeId> = {
  list: TypeId.List,
  dict: TypeId.Dict,
  float: TypeId.Float,
  tuple: TypeId.Tuple,
};

/** Empties the free lists (a full collection's `clear_freelists`), returning their memory to the allocator. */
export function clearFreeLists(heap: HeapCore): void {
  heap.freeLists.clear((kind: FreeListKind, address: number, length: number) => {
    heap.allocator.free(address);
    const type = FREE_LIST_TYPES[kind];
    const bytes =
      kind === 'tuple'
        ? heap.sizes.tupleBytes(length)
        : kind === 'list'
          ? heap.sizes.listObjectBytes()
          : kind === 'dict'
            ? heap.sizes.dictObjectBytes()
            : heap.sizes.floatBytes();
    heap.strategy.released(type, bytes, true, -1);
  });
}
