/**
 * Object ids (addresses, up to 2^53) to object numbers: an open-addressing hash table over typed
 * arrays, for the million lookups of reading a snapshot (a `Map` keyed by such numbers is several
 * times slower).
 *
 * @module
 */

/** A map from address to object number with linear probing. */
export class AddressIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private slot(address: number): number {
    const lo = (address % 4294967296) | 0;
    const hi = (address / 4294967296) | 0;
    let h = Math.imul(lo ^ (lo >>> 16), 0x45d9f3b) ^ Math.imul(hi, 0x27d4eb2d);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== address) i = (i + 1) & this.mask;
    return i;
  }

  /** The object number of `address`, or -1. */
  get(address: number): number {
    const i = this.slot(address);
    return this.keys[i] === address ? this.values[i] : -1;
  }

  /** Records `address` as object `value`; false when the address is already there. */
  add(address: number, value: number): boolean {
    const i = this.slot(address);
    if (this.keys[i] === address) return false;
    this.keys[i] = address;
    this.values[i] = value;
    if (++this.size * 2 > this.keys.length) this.grow();
    return true;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      const j = this.slot(keys[i]);
      this.keys[j] = keys[i];
      this.values[j] = values[i];
    }
  }
}
