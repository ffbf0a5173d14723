/**
 * The heap's internals of `@pymm/core`, for tools: the object store (objects
 * as typed arrays addressed by handles) and its constants, the reference
 * store, roots and namespaces, the heap verifier, class and resource records,
 * the event bus, the trashcan rule, CPython's container operations (lists,
 * dicts, sets, attributes), the size model per CPython version, free lists
 * and the type-id helpers.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { containerLength, dictGet, dictSet, listAppend } from '@pymm/core/heap';
 * const heap = createRuntime().heap;
 * const xs = heap.newList();
 * listAppend(heap, xs, heap.newInt(7));
 * const d = heap.newDict();
 * dictSet(heap, d, heap.newStr('xs'), xs);
 * dictGet(heap, d, heap.newStr('xs')) === xs; // true
 * containerLength(heap, xs); // 1
 * ```
 *
 * @module @pymm/core/heap
 */

export { EventBus } from '../events/events.js';
export {
  FREE_LIST_LIMITS,
  type FreeListCounts,
  type FreeListKind,
  FreeLists,
} from '../objects/free-lists.js';
export {
  DICT_LOG_MINSIZE,
  type DictKeysShape,
  dictGrowLog2Size,
  dictKeysBytes,
  dictUsable,
  GC_HEADER_BYTES,
  intDigits,
  listResizeCapacity,
  SizeModel,
  type StrKind,
  setTableSizeAfterAdd,
  strKindOf,
  strLength,
} from '../objects/size-model.js';
export { isGcType, releasesItemsBackwards, TYPE_COUNT, typeName } from '../objects/type-id.js';
export type { ClassInfo, ClassSpec } from './class-registry.js';
export { deleteAttribute, getAttribute, hasAttribute, setAttribute } from './containers/attributes.js';
export { containerLength } from './containers/container-length.js';
export { dictClear, dictDelete, dictDeleteAt, dictGet, dictHas, dictSet } from './containers/dict.js';
export { type CustomKeys, findKey } from './containers/keys.js';
export {
  isList,
  listAppend,
  listClear,
  listDelete,
  listPop,
  listSet,
  sequenceGet,
} from './containers/list.js';
export { setAdd, setDiscard, setHas, setResize } from './containers/set.js';
export type { HeapOptions } from './heap-options.js';
export {
  HeapCapacityError,
  MAX_SLOTS,
  NO_ADDRESS,
  NULL_REF,
  ObjectStore,
  SERIALS_PER_SLOT,
  SLOT_BITS,
} from './object-store.js';
export { ReferenceStore } from './reference-store.js';
export type { ResourceRecord } from './resources.js';
export { Namespace, Roots } from './roots.js';
export { type TrashcanRule, trashcanRule } from './trashcan.js';
export { assertHeap, HeapCorruptionError, type HeapVerification } from './verifier.js';
