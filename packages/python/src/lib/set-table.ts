/**
 * The hash table of a CPython 3.11 `set` / `frozenset` (`Objects/setobject.c`),
 * slot for slot, so iteration order, `pop()` order and table sizes are
 * CPython's: `set_add_entry` (linear probes of up to `LINEAR_PROBES` slots,
 * then the `perturb` recurrence), dummies left by discards, `set_table_resize`
 * (fill ≥ 3/5 of the mask → the smallest power of two above 4 × used, or
 * 2 × used past 50000), `set_merge`'s fast paths, and `set_pop`'s finger.
 *
 * Entries are (hash, key id) pairs in typed arrays: the key id is the caller's
 * handle for the Python object. Whether two different keys with the same hash
 * are equal is decided by the caller's callback (Python `==`), which may
 * mutate the table; the search then restarts, as CPython's does.
 *
 * `sys.getsizeof(set)` is the set object (with its 8-slot small table) plus,
 * once the table has grown past 8 slots, 16 bytes per slot of `mask + 1`
 * (`@pymm/core`'s size model: `setObjectBytes()` and `setExtraBytes(mask + 1)`).
 */
import { PyLibError } from './python-error.js';

/** Decides `stored == key` for two different key ids whose hashes are equal (Python's `==`). */
export type KeyEquals = (stored: number, key: number) => boolean;

const MINSIZE = 8;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;
const EMPTY = -1;
const DUMMY = -2;

let scratchHi = 0;
let scratchLo = 0;

/** Splits a signed 64-bit hash into unsigned 32-bit halves (into the scratch pair). */
function splitHash(hash: bigint | number): void {
  if (typeof hash === 'number') {
    scratchLo = hash >>> 0;
    scratchHi = Math.floor(hash / 4294967296) >>> 0;
  } else {
    scratchLo = Number(BigInt.asUintN(32, hash));
    scratchHi = Number(BigInt.asUintN(32, hash >> 32n));
  }
}

/** A CPython 3.11 set table. */
export class SetTable {
  /** Table size minus one (`so->mask`). */
  mask = MINSIZE - 1;
  /** Active plus dummy slots (`so->fill`). */
  fill = 0;
  /** Active slots: the set's length (`so->used`). */
  used = 0;
  /** Where `pop()` starts looking (`so->finger`). */
  finger = 0;
  /** Key id per slot; -1 empty, -2 dummy. */
  keys: Int32Array = new Int32Array(MINSIZE).fill(EMPTY);
  /** High and low 32 bits of each slot's hash (a dummy's hash is -1, an empty slot's 0). */
  hashHi: Uint32Array = new Uint32Array(MINSIZE);
  hashLo: Uint32Array = new Uint32Array(MINSIZE);

  /** `set_add_entry`: adds `key` unless an equal key is present; returns whether it was added. */
  add(hash: bigint | number, key: number, equals: KeyEquals): boolean {
    splitHash(hash);
    return this.addSplit(scratchHi, scratchLo, key, equals);
  }

  /** {@link add} with the hash as unsigned 32-bit halves. */
  addSplit(hi: number, lo: number, key: number, equals: KeyEquals): boolean {
    restart: while (true) {
      const mask = this.mask;
      const keys = this.keys;
      let i = lo & mask;
      let freeslot = -1;
      let perturbHi = hi;
      let perturbLo = lo;
      while (true) {
        let entry = i;
        let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
          const startkey = keys[entry];
          if (startkey === EMPTY) {
            if (freeslot < 0) {
              this.fill++;
              this.used++;
              this.setSlot(entry, key, hi, lo);
              if (this.fill * 5 < mask * 3) return true;
              this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
              return true;
            }
            this.used++;
            this.setSlot(freeslot, key, hi, lo);
            return true;
          }
          if (startkey === DUMMY) freeslot = entry;
          else if (this.hashLo[entry] === lo && this.hashHi[entry] === hi) {
            if (startkey === key || equals(startkey, key)) return false;
            // The comparison changed the table: start over.
            if (keys !== this.keys || keys[entry] !== startkey) continue restart;
          }
          entry++;
        } while (probes--);
        perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
        perturbHi >>>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturbLo) & mask;
      }
    }
  }

  private setSlot(slot: number, key: number, hi: number, lo: number): void {
    this.keys[slot] = key;
    this.hashHi[slot] = hi;
    this.hashLo[slot] = lo;
  }

  /** `set_lookkey`: the slot holding a key equal to `key`, or -1. */
  find(hash: bigint | number, key: number, equals: KeyEquals): number {
    splitHash(hash);
    const hi = scratchHi;
    const lo = scratchLo;
    restart: while (true) {
      const mask = this.mask;
      const keys = this.keys;
      let i = lo & mask;
      let perturbHi = hi;
      let perturbLo = lo;
      while (true) {
        let entry = i;
        let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
          const startkey = keys[entry];
          if (startkey === EMPTY) return -1;
          if (startkey !== DUMMY && this.hashLo[entry] === lo && this.hashHi[entry] === hi) {
            if (startkey === key || equals(startkey, key)) {
              if (keys !== this.keys || keys[entry] !== startkey) continue restart;
              return entry;
            }
            if (keys !== this.keys || keys[entry] !== startkey) continue restart;
          }
          entry++;
        } while (probes--);
        perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
        perturbHi >>>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturbLo) & mask;
      }
    }
  }

  /** `set_discard_entry`: removes the key equal to `key`, leaving a dummy; returns the removed key id or -1. */
  discard(hash: bigint | number, key: number, equals: KeyEquals): number {
    const slot = this.find(hash, key, equals);
    if (slot < 0) return -1;
    const old = this.keys[slot];
    this.setSlot(slot, DUMMY, 0xffffffff, 0xffffffff);
    this.used--;
    return old;
  }

  /** `set_pop`: removes and returns the key id at or after the finger. KeyError when empty. */
  pop(): number {
    if (this.used === 0) throw new PyLibError('KeyError', 'pop from an empty set');
    let entry = this.finger & this.mask;
    while (this.keys[entry] < 0) {
      entry++;
      if (entry > this.mask) entry = 0;
    }
    const key = this.keys[entry];
    this.setSlot(entry, DUMMY, 0xffffffff, 0xffffffff);
    this.used--;
    this.finger = entry + 1;
    return key;
  }

  /** The first slot at or after `position` holding a key (iteration order is slot order), or -1. */
  nextSlot(position: number): number {
    const keys = this.keys;
    for (let i = position; i <= this.mask; i++) if (keys[i] >= 0) return i;
    return -1;
  }

  /** The key ids in iteration (slot) order. */
  keyIds(): number[] {
    const out: number[] = [];
    for (let i = this.nextSlot(0); i >= 0; i = this.nextSlot(i + 1)) out.push(this.keys[i]);
    return out;
  }

  /** `set_clear_internal`: empty, back to the 8-slot small table. */
  clear(): void {
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
    this.keys = new Int32Array(MINSIZE).fill(EMPTY);
    this.hashHi = new Uint32Array(MINSIZE);
    this.hashLo = new Uint32Array(MINSIZE);
  }

  /** `set_table_resize`: a table of the smallest power of two above `minused`, the active entries reinserted in slot order. */
  resize(minused: number): void {
    let newsize = MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    if (newsize === MINSIZE && this.mask === MINSIZE - 1 && this.fill === this.used) return;
    const oldKeys = this.keys;
    const oldHi = this.hashHi;
    const oldLo = this.hashLo;
    this.keys = new Int32Array(newsize).fill(EMPTY);
    this.hashHi = new Uint32Array(newsize);
    this.hashLo = new Uint32Array(newsize);
    this.mask = newsize - 1;
    this.fill = this.used;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] >= 0) this.insertClean(oldKeys[i], oldHi[i], oldLo[i]);
    }
  }

  /** `set_insert_clean`: puts a key known to be absent into the first free slot of its probe sequence. */
  private insertClean(key: number, hi: number, lo: number): void {
    const mask = this.mask;
    const keys = this.keys;
    let perturbHi = hi;
    let perturbLo = lo;
    let i = lo & mask;
    while (true) {
      if (keys[i] === EMPTY) {
        this.setSlot(i, key, hi, lo);
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (keys[i + j] === EMPTY) {
            this.setSlot(i + j, key, hi, lo);
            return;
          }
        }
      }
      perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
      perturbHi >>>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturbLo) & mask;
    }
  }

  /**
   * The one resize `set_update_internal` does before adding `count` keys from
   * a dict (or `set_merge` from a set), expecting few to be present already.
   */
  reserve(count: number): void {
    if ((this.fill + count) * 5 >= this.mask * 3) this.resize((this.used + count) * 2);
  }

  /** `set_merge`: adds every key of `other` (`set.update(s)`, `set(s)`, `s.copy()`, `s | t`). */
  merge(other: SetTable, equals: KeyEquals): void {
    if (other === this || other.used === 0) return;
    this.reserve(other.used);
    // Our table is empty, as large as theirs, and they have no dummies: copy it slot for slot.
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
      this.keys.set(other.keys);
      this.hashHi.set(other.hashHi);
      this.hashLo.set(other.hashLo);
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    // Our table is empty: no duplicates to look for.
    if (this.fill === 0) {
      this.fill = other.used;
      this.used = other.used;
      for (let i = 0; i <= other.mask; i++) {
        if (other.keys[i] >= 0) this.insertClean(other.keys[i], other.hashHi[i], other.hashLo[i]);
      }
      return;
    }
    for (let i = 0; i <= other.mask; i++) {
      if (other.keys[i] >= 0) this.addSplit(other.hashHi[i], other.hashLo[i], other.keys[i], equals);
    }
  }
}
