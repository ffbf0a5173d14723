/**
 * Test support: deterministic pseudo-random ints and floats for the numeric
 * comparisons with CPython (xorshift32, so a failure reproduces).
 */

/** A xorshift32 generator of unsigned 32-bit integers. */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** `count` ints: small, around 2**53 and 2**64, and up to `maxWords` 32-bit words, of both signs. */
export function randomInts(next: () => number, count: number, maxWords = 40): bigint[] {
  const out: bigint[] = [
    0n,
    1n,
    -1n,
    2n,
    -2n,
    3n,
    7n,
    10n,
    2n ** 53n,
    2n ** 53n + 1n,
    -(2n ** 63n),
    2n ** 64n - 1n,
  ];
  while (out.length < count) {
    const kind = next() % 4;
    let value: bigint;
    if (kind === 0) value = BigInt(next() % 200) - 100n;
    else if (kind === 1) value = BigInt(next());
    else {
      const words = kind === 2 ? 2 + (next() % 3) : 1 + (next() % maxWords);
      value = 0n;
      for (let i = 0; i < words; i++) value = (value << 32n) | BigInt(next());
    }
    out.push(next() & 1 ? -value : value);
  }
  return out;
}

/** `count` doubles: specials, small integers and halves, decimal-looking values and random bit patterns. */
export function randomFloats(next: () => number, count: number): number[] {
  const out = [
    0,
    -0,
    1,
    -1,
    0.5,
    -0.5,
    2,
    Infinity,
    -Infinity,
    Number.NaN,
    1e308,
    5e-324,
    0.1,
    2.5,
    3.5,
    -2.5,
  ];
  const view = new DataView(new ArrayBuffer(8));
  while (out.length < count) {
    const kind = next() % 4;
    let x: number;
    if (kind === 0) x = ((next() % 40) - 20) / 2;
    else if (kind === 1) x = Number(`${next() % 100000}e${(next() % 20) - 10}`);
    else if (kind === 2) x = (next() % 2000) / 8 - 125;
    else {
      view.setUint32(0, next());
      view.setUint32(4, next());
      x = view.getFloat64(0);
    }
    out.push(next() & 1 ? -x : x);
  }
  return out;
}
