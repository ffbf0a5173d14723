/**
 * The descriptors a class's dict gains when the class is made (`type_new_descriptors`, then
 * `PyType_Ready`'s `add_members` and `add_getset`): a `member_descriptor` for each name of its own
 * `__slots__` (sorted), and the `getset_descriptor`s `__dict__` and `__weakref__` when the class
 * adds them to its base's layout. Each is a GC object holding a reference to its class
 * (`descr_traverse` visits `d_type`), so a class is always in a cycle with its dict.
 *
 * @module
 */

import type { Interp, ModuleScope, PyType } from './interp.js';
import { lookupType, typeOf } from './types.js';

/** Side data of a slot's `member_descriptor` or a `getset_descriptor`. */
export interface SlotDescriptorData {
  readonly kind: 'slot-descriptor';
  /** `member` for a `__slots__` name, `getset` for `__dict__` and `__weakref__`. */
  readonly what: 'member' | 'getset';
  readonly name: string;
  /** The class's name, for the repr (`<member 'x' of 'C' objects>`). */
  readonly owner: string;
}

/**
 * Adds the descriptors of a new class (`type` is its object, borrowed) to its namespace, in
 * CPython's order: the members of `ownSlots` (already sorted), then `__dict__` and `__weakref__`
 * where the class adds them. `slotsGiven` says whether the body defined `__slots__`, `listed`
 * the names it listed.
 */
export function addSlotDescriptors(
  ip: Interp,
  ns: ModuleScope,
  type: number,
  base: PyType,
  name: string,
  ownSlots: readonly string[],
  slotsGiven: boolean,
  listed: readonly string[],
): void {
  for (const slot of ownSlots) addDescriptor(ip, ns, type, 'member', slot, name);
  // type_new_slots: a class adds __dict__ (__weakref__) when its base has none and it has no
  // __slots__, or lists the name in them. An exception's base has its own dict.
  const baseHasDict = base.exception || lookupType(base, '__dict__') !== null;
  const baseHasWeak = lookupType(base, '__weakref__') !== null;
  if (!baseHasDict && (!slotsGiven || listed.includes('__dict__')))
    addDescriptor(ip, ns, type, 'getset', '__dict__', name);
  if (!baseHasWeak && (!slotsGiven || listed.includes('__weakref__')))
    addDescriptor(ip, ns, type, 'getset', '__weakref__', name);
}

function addDescriptor(
  ip: Interp,
  ns: ModuleScope,
  type: number,
  what: SlotDescriptorData['what'],
  name: string,
  owner: string,
): void {
  const data: SlotDescriptorData = { kind: 'slot-descriptor', what, name, owner };
  ip.scopeSetText(ns, name, ip.native(`${what}_descriptor`, [type], data));
}

/** The side data of a slot descriptor, or null when `slot` is none. */
export function slotDescriptorData(ip: Interp, slot: number): SlotDescriptorData | null {
  const data = ip.payload(slot) as SlotDescriptorData | undefined;
  return data?.kind === 'slot-descriptor' ? data : null;
}

/**
 * Reading a slot descriptor through an instance (`member_get`, `subtype_getweakref`): an unset
 * member is an `AttributeError`; `__weakref__` is the object's first weak reference, or None.
 * Owned.
 */
export function slotDescriptorGet(ip: Interp, data: SlotDescriptorData, obj: number): number {
  if (data.what === 'getset' && data.name === '__weakref__') {
    const refs = ip.heap.weakrefsTo(obj);
    return ip.own(refs.length > 0 ? refs[0] : ip.none);
  }
  return ip.raise('AttributeError', `'${typeOf(ip, obj).name}' object has no attribute '${data.name}'`);
}

/** The repr of a slot descriptor (`member_repr`, `getset_repr`). */
export function slotDescriptorRepr(data: SlotDescriptorData): string {
  return data.what === 'member'
    ? `<member '${data.name}' of '${data.owner}' objects>`
    : `<attribute '${data.name}' of '${data.owner}' objects>`;
}
