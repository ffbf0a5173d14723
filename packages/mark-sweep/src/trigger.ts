/**
 * Collection triggers: the *policy* that decides when a cycle starts,
 * separate from the plan that decides how it runs (MMTk's `GCTrigger`).
 * A trigger looks at the heap's live bytes (`sys.getsizeof` of every live
 * object, which with no reference counting only falls when the collector
 * frees) and names a *target*: a cycle starts when an allocation would take
 * the live bytes past it.
 *
 * - {@link GrowthTrigger} (the default) is GOGC-like: after a cycle that left
 *   `S` bytes alive, the program may allocate `max(S × growthFactor,
 *   minimumBudgetBytes)` more bytes before the next one. With the default
 *   factor of 1 (100 %) the heap peaks at about twice what survives.
 * - {@link FixedHeapTrigger} models a fixed heap size (`-Xmx`-like): a cycle
 *   starts whenever the live bytes would pass it.
 *
 * @module
 */

/**
 * The smallest allocation budget between two collections: 256 KiB, about
 * 4,000 small objects (a 64-byte instance, a 56-byte list). Without it a tiny
 * program would collect on almost every allocation (`S × factor` is small when
 * little survives). It plays the role of Go's 4 MB minimum heap, scaled to the
 * simulated object sizes, and is a few times CPython's first-generation
 * threshold of 700 container allocations.
 *
 * @example
 * ```ts
 * import { DEFAULT_MINIMUM_BUDGET_BYTES } from '@pymm/mark-sweep';
 * DEFAULT_MINIMUM_BUDGET_BYTES; // 262144
 * ```
 */
export const DEFAULT_MINIMUM_BUDGET_BYTES = 256 * 1024;

/**
 * Default growth factor: the program may allocate as many bytes as survived
 * the last collection (GOGC=100).
 *
 * @example
 * ```ts
 * import { DEFAULT_GROWTH_FACTOR } from '@pymm/mark-sweep';
 * DEFAULT_GROWTH_FACTOR; // 1
 * ```
 */
export const DEFAULT_GROWTH_FACTOR = 1;

/**
 * When to start a collection. Implement it to plug your own policy into
 * `markSweep({ trigger })`.
 *
 * @example
 * ```ts
 * import type { CollectionTrigger } from '@pymm/mark-sweep';
 * // Collect every time the heap holds more than 1 MiB more than it did after the last collection.
 * class EveryMebibyte implements CollectionTrigger {
 *   target = 1 << 20;
 *   shouldCollect(liveBytes: number, incomingBytes: number): boolean {
 *     return liveBytes + incomingBytes > this.target;
 *   }
 *   cycleCompleted(survivingBytes: number): void {
 *     this.target = survivingBytes + (1 << 20);
 *   }
 * }
 * new EveryMebibyte().shouldCollect(2 << 20, 64); // true
 * ```
 */
export interface CollectionTrigger {
  /** Live bytes past which the next collection starts. */
  readonly target: number;
  /** Whether a collection should start before `incomingBytes` more are allocated on a heap holding `liveBytes`. */
  shouldCollect(liveBytes: number, incomingBytes: number): boolean;
  /** A cycle finished; `survivingBytes` is what it left alive (live bytes when marking ended, minus what it freed). */
  cycleCompleted(survivingBytes: number): void;
}

/**
 * GOGC-like trigger: the allocation budget after a cycle is the surviving
 * bytes times `growthFactor`, but never less than `minimumBudgetBytes`.
 *
 * @example
 * ```ts
 * import { GrowthTrigger } from '@pymm/mark-sweep';
 * const trigger = new GrowthTrigger(1, 1000);
 * trigger.target;                   // 1000: the first budget is the minimum
 * trigger.cycleCompleted(5000);     // 5,000 bytes survived
 * trigger.target;                   // 10000: another 5,000 may be allocated
 * trigger.shouldCollect(9990, 64);  // true
 * ```
 */
export class GrowthTrigger implements CollectionTrigger {
  target: number;

  constructor(
    /** Budget as a fraction of the surviving bytes (1 = 100 %). */
    readonly growthFactor = DEFAULT_GROWTH_FACTOR,
    /** Smallest budget, in bytes. */
    readonly minimumBudgetBytes = DEFAULT_MINIMUM_BUDGET_BYTES,
  ) {
    if (!(growthFactor > 0) || !Number.isFinite(growthFactor)) {
      throw new RangeError(`markSweep: growthFactor must be a positive number, got ${growthFactor}`);
    }
    if (!(minimumBudgetBytes >= 0) || !Number.isFinite(minimumBudgetBytes)) {
      throw new RangeError(`markSweep: minimumBudgetBytes must be zero or more, got ${minimumBudgetBytes}`);
    }
    this.target = minimumBudgetBytes;
  }

  /** The bytes the program may allocate after a cycle that left `survivingBytes` alive. */
  budgetFor(survivingBytes: number): number {
    return Math.max(survivingBytes * this.growthFactor, this.minimumBudgetBytes);
  }

  shouldCollect(liveBytes: number, incomingBytes: number): boolean {
    return liveBytes + incomingBytes > this.target;
  }

  cycleCompleted(survivingBytes: number): void {
    this.target = survivingBytes + this.budgetFor(survivingBytes);
  }
}

/**
 * Fixed-heap trigger: collect whenever the live bytes would pass `heapBytes`.
 * When a collection cannot bring the heap under the limit (more than
 * `heapBytes` survive), the next one waits for `minimumBudgetBytes` more
 * rather than running on every allocation; pair it with
 * `createRuntime({ heapLimit })` for a hard limit that raises `MemoryError`.
 *
 * @example
 * ```ts
 * import { FixedHeapTrigger } from '@pymm/mark-sweep';
 * const trigger = new FixedHeapTrigger(1 << 20);
 * trigger.shouldCollect(1 << 20, 64); // true
 * trigger.cycleCompleted(2 << 20);    // the live data outgrew the heap
 * trigger.target > 2 << 20;           // true: collect again after the minimum budget
 * ```
 */
export class FixedHeapTrigger implements CollectionTrigger {
  target: number;

  constructor(
    /** The heap size, in bytes of live objects. */
    readonly heapBytes: number,
    /** Budget used when more than `heapBytes` survive a collection. */
    readonly minimumBudgetBytes = DEFAULT_MINIMUM_BUDGET_BYTES,
  ) {
    if (!(heapBytes > 0) || !Number.isFinite(heapBytes)) {
      throw new RangeError(`markSweep: heapBytes must be a positive number, got ${heapBytes}`);
    }
    this.target = heapBytes;
  }

  shouldCollect(liveBytes: number, incomingBytes: number): boolean {
    return liveBytes + incomingBytes > this.target;
  }

  cycleCompleted(survivingBytes: number): void {
    this.target =
      survivingBytes >= this.heapBytes ? survivingBytes + this.minimumBudgetBytes : this.heapBytes;
  }
}
