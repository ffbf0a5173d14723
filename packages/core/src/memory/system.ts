/**
 * A model of the C library's `malloc` as CPython's raw domain uses it (`PyMem_RawMalloc`,
 * `PyMem_RawRealloc`, `PyMem_RawFree`). It serves pymalloc's large and zero-byte
 * requests, and every request when it is the only allocator (`PYTHONMALLOC=malloc`).
 *
 * The model is glibc's chunk arithmetic on 64-bit, and nothing more:
 *
 * - A request of `n` bytes (0 is bumped to 1, as `_PyMem_RawMalloc` does) takes a
 *   chunk of `request2size(n) = max(32, roundUp16(n + 8))` bytes: an 8-byte size
 *   header, 16-byte alignment, a 32-byte minimum chunk. The usable size is the
 *   chunk minus 8 (what `malloc_usable_size` reports).
 * - A chunk of at least the mmap threshold (128 KiB, glibc's default
 *   `M_MMAP_THRESHOLD`) is mapped on its own: `roundUp4096(chunk + 8)` bytes, usable
 *   size chunk minus 16. glibc's dynamic threshold adjustment, and the rare case
 *   where the heap top is large enough to serve such a request, are not modelled.
 * - `heldBytes` is the sum of live chunk sizes. Freed heap chunks are assumed to
 *   go back to the system at once: the model has no bins, no top chunk, no
 *   trimming and hence no fragmentation of its own beyond rounding and headers.
 * - `reallocate` keeps the address when the new chunk is not larger (shrinking
 *   splits off the tail when at least 32 bytes are left over, as glibc does), and
 *   an mmapped chunk is resized in place (`mremap`). A heap chunk that must grow
 *   moves (malloc, copy, free); glibc sometimes grows in place into a free
 *   neighbour, which the model cannot know about.
 *
 * Block records live in typed-array slot tables; a freed slot is reused first
 * (LIFO, like glibc's tcache). Addresses are `SYSTEM_ADDRESS_BASE + slot * 16`,
 * a range no pymalloc address reaches, so an owner can be told in O(1).
 *
 * @module
 */

import type { Allocator, AllocatorStats } from './allocator.js';

/**
 * First simulated address the system allocator hands out (2^45); pymalloc addresses stay below it.
 *
 * @example
 * ```ts
 * import { createPymalloc, SYSTEM_ADDRESS_BASE } from '@pymm/core/memory';
 * createPymalloc().allocate(0) >= SYSTEM_ADDRESS_BASE; // true: 0-byte requests go to malloc
 * ```
 */
export const SYSTEM_ADDRESS_BASE = 2 ** 45;

/**
 * glibc's default mmap threshold in bytes (`DEFAULT_MMAP_THRESHOLD_MIN`, 128 KiB).
 *
 * @example
 * ```ts
 * import { DEFAULT_MMAP_THRESHOLD, systemChunkSize } from '@pymm/core/memory';
 * systemChunkSize(DEFAULT_MMAP_THRESHOLD) % 4096; // 0: mmapped chunks are whole pages
 * ```
 */
export const DEFAULT_MMAP_THRESHOLD = 128 * 1024;

const SIZE_SZ = 8;
const MINSIZE = 32;
const MALLOC_ALIGNMENT = 16;
const PAGE_SIZE = 4096;
const SLOT_STRIDE = 16;
const INITIAL_SLOTS = 1024;
/** Largest request accepted, like `PY_SSIZE_T_MAX` but limited to exact JavaScript integers. */
const MAX_REQUEST = Number.MAX_SAFE_INTEGER - PAGE_SIZE * 2;

/**
 * Options of {@link createSystemAllocator}.
 *
 * @example
 * ```ts
 * import { createSystemAllocator } from '@pymm/core/memory';
 * const noMmap = createSystemAllocator({ mmapThreshold: Number.POSITIVE_INFINITY });
 * noMmap.usableSize(noMmap.allocate(1_000_000)); // 1000008
 * ```
 */
export interface SystemAllocatorOptions {
  /**
   * Chunks of at least this many bytes are modelled as individually mmapped
   * (page-rounded). Default {@link DEFAULT_MMAP_THRESHOLD}; `Infinity` turns it off.
   */
  readonly mmapThreshold?: number;
}

/**
 * glibc's chunk size for a request (`request2size`: 8-byte header, 16-byte alignment,
 * 32-byte minimum), page-rounded when the chunk reaches the mmap threshold. A request
 * of 0 bytes is treated as 1, as CPython's raw allocator does.
 *
 * @example
 * ```ts
 * import { systemChunkSize } from '@pymm/core/memory';
 * systemChunkSize(0);      // 32
 * systemChunkSize(24);     // 32
 * systemChunkSize(25);     // 48
 * systemChunkSize(800000); // 802816 (mmapped: whole pages)
 * ```
 */
export function systemChunkSize(nbytes: number, mmapThreshold: number = DEFAULT_MMAP_THRESHOLD): number {
  const chunk = heapChunkSize(nbytes === 0 ? 1 : nbytes);
  return chunk >= mmapThreshold ? mappedChunkSize(chunk) : chunk;
}

function heapChunkSize(request: number): number {
  const padded = request + SIZE_SZ + (MALLOC_ALIGNMENT - 1);
  return padded < MINSIZE ? MINSIZE : padded - (padded % MALLOC_ALIGNMENT);
}

function mappedChunkSize(chunk: number): number {
  return Math.ceil((chunk + SIZE_SZ) / PAGE_SIZE) * PAGE_SIZE;
}

/**
 * The system (`malloc`) allocator model. See the module comment for the rules.
 *
 * @example
 * ```ts
 * import { SystemAllocator } from '@pymm/core/memory';
 * const malloc = new SystemAllocator();
 * const p = malloc.allocate(100);
 * malloc.usableSize(p); // 104 (a 112-byte chunk minus its 8-byte header)
 * malloc.free(p);
 * malloc.stats().heldBytes; // 0
 * ```
 */
export class SystemAllocator implements Allocator {
  /** Model name. */
  readonly name = 'system';
  /** Chunks of at least this size are mmapped. */
  readonly mmapThreshold: number;

  // Slot tables: one entry per block record, reused LIFO.
  private requestOf = new Float64Array(INITIAL_SLOTS);
  /** Chunk size of a live slot; 0 marks a free slot. */
  private chunkOf = new Float64Array(INITIAL_SLOTS);
  private mappedOf = new Uint8Array(INITIAL_SLOTS);
  private freeSlots = new Int32Array(INITIAL_SLOTS);
  private freeSlotCount = 0;
  private slotHighWater = 0;

  private live = 0;
  private requested = 0;
  private usable = 0;
  private held = 0;
  private peakHeld = 0;

  /** Creates an empty allocator. Prefer {@link createSystemAllocator}. */
  constructor(options: SystemAllocatorOptions = {}) {
    const threshold = options.mmapThreshold ?? DEFAULT_MMAP_THRESHOLD;
    if (!(threshold > 0)) {
      throw new RangeError(`system allocator: mmapThreshold must be a positive number, got ${threshold}`);
    }
    this.mmapThreshold = threshold;
  }

  /** Live blocks. */
  get liveBlocks(): number {
    return this.live;
  }

  /** Sum of the requested sizes of live blocks. */
  get requestedBytes(): number {
    return this.requested;
  }

  /** Sum of the usable sizes of live blocks (`malloc_usable_size`). */
  get usableBytes(): number {
    return this.usable;
  }

  /** Sum of the chunk sizes of live blocks: what the model holds from the system. */
  get heldBytes(): number {
    return this.held;
  }

  /** Most bytes held at once. */
  get peakHeldBytes(): number {
    return this.peakHeld;
  }

  /** `malloc(nbytes)`: returns the address of a new block. */
  allocate(nbytes: number): number {
    checkRequest('allocate', nbytes);
    return this.take(nbytes);
  }

  /** `free(address)`; freeing address 0 (NULL) does nothing, as in C. */
  free(address: number): void {
    if (address === 0) return;
    this.release(this.slotOf('free', address));
  }

  /**
   * `realloc(address, nbytes)` with the rules in the module comment. Address 0
   * allocates. Returns the block's address, which changes only when it moved.
   */
  reallocate(address: number, nbytes: number): number {
    if (address === 0) return this.allocate(nbytes);
    checkRequest('reallocate', nbytes);
    const slot = this.slotOf('reallocate', address);
    const oldChunk = this.chunkOf[slot];
    const request = nbytes === 0 ? 1 : nbytes;
    let newChunk: number;
    if (this.mappedOf[slot] === 1) {
      // mremap: an mmapped chunk stays mapped, resized to whole pages.
      newChunk = mappedChunkSize(heapChunkSize(request));
    } else {
      const wanted = heapChunkSize(request);
      if (wanted > oldChunk) {
        const moved = this.take(nbytes);
        this.release(slot);
        return moved;
      }
      // Shrinking in place: the tail is split off only if it can form a chunk.
      newChunk = oldChunk - wanted >= MINSIZE ? wanted : oldChunk;
    }
    this.requested += nbytes - this.requestOf[slot];
    this.requestOf[slot] = nbytes;
    this.usable += newChunk - oldChunk;
    this.held += newChunk - oldChunk;
    this.chunkOf[slot] = newChunk;
    if (this.held > this.peakHeld) this.peakHeld = this.held;
    return address;
  }

  /**
   * Usable bytes of a live block (`malloc_usable_size`).
   *
   * @example
   * ```ts
   * import { createSystemAllocator } from '@pymm/core/memory';
   * const malloc = createSystemAllocator();
   * malloc.usableSize(malloc.allocate(0)); // 24
   * ```
   */
  usableSize(address: number): number {
    const slot = this.slotOf('usableSize', address);
    return this.chunkOf[slot] - (this.mappedOf[slot] === 1 ? 2 * SIZE_SZ : SIZE_SZ);
  }

  /** Counters at this moment (a fresh object each call). */
  stats(): AllocatorStats {
    return {
      allocator: this.name,
      liveBlocks: this.live,
      requestedBytes: this.requested,
      usedBlockBytes: this.usable,
      heldBytes: this.held,
      fragmentationBytes: this.held - this.usable,
      arenasAllocated: 0,
      arenasFreed: 0,
      arenasHighWater: 0,
      arenasCurrent: 0,
      poolsPerSizeClass: [],
      systemBlocks: this.live,
      systemBytes: this.requested,
      peakHeldBytes: this.peakHeld,
    };
  }

  private take(nbytes: number): number {
    let slot: number;
    if (this.freeSlotCount > 0) {
      slot = this.freeSlots[--this.freeSlotCount];
    } else {
      if (this.slotHighWater === this.chunkOf.length) this.grow();
      slot = this.slotHighWater++;
    }
    const heapChunk = heapChunkSize(nbytes === 0 ? 1 : nbytes);
    const mapped = heapChunk >= this.mmapThreshold;
    const chunk = mapped ? mappedChunkSize(heapChunk) : heapChunk;
    this.requestOf[slot] = nbytes;
    this.chunkOf[slot] = chunk;
    this.mappedOf[slot] = mapped ? 1 : 0;
    this.live++;
    this.requested += nbytes;
    this.usable += chunk - (mapped ? 2 * SIZE_SZ : SIZE_SZ);
    this.held += chunk;
    if (this.held > this.peakHeld) this.peakHeld = this.held;
    return SYSTEM_ADDRESS_BASE + slot * SLOT_STRIDE;
  }

  private release(slot: number): void {
    const chunk = this.chunkOf[slot];
    this.live--;
    this.requested -= this.requestOf[slot];
    this.usable -= chunk - (this.mappedOf[slot] === 1 ? 2 * SIZE_SZ : SIZE_SZ);
    this.held -= chunk;
    this.chunkOf[slot] = 0;
    this.freeSlots[this.freeSlotCount++] = slot;
  }

  private slotOf(operation: string, address: number): number {
    const slot = (address - SYSTEM_ADDRESS_BASE) / SLOT_STRIDE;
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slotHighWater) {
      throw new RangeError(
        `system allocator: ${operation}(${formatAddress(address)}): not an address this allocator handed out`,
      );
    }
    if (this.chunkOf[slot] === 0) {
      throw new RangeError(
        `system allocator: ${operation}(${formatAddress(address)}): the block was already freed (double free or use after free)`,
      );
    }
    return slot;
  }

  private grow(): void {
    const size = this.chunkOf.length * 2;
    const requestOf = new Float64Array(size);
    requestOf.set(this.requestOf);
    this.requestOf = requestOf;
    const chunkOf = new Float64Array(size);
    chunkOf.set(this.chunkOf);
    this.chunkOf = chunkOf;
    const mappedOf = new Uint8Array(size);
    mappedOf.set(this.mappedOf);
    this.mappedOf = mappedOf;
    const freeSlots = new Int32Array(size);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }
}

/**
 * Creates a {@link SystemAllocator}: the `malloc` model, usable on its own
 * (every object goes through it, like `PYTHONMALLOC=malloc`).
 *
 * @example
 * ```ts
 * import { createSystemAllocator } from '@pymm/core/memory';
 * const malloc = createSystemAllocator();
 * const list = malloc.allocate(56);
 * malloc.stats().heldBytes; // 64
 * malloc.free(list);
 * ```
 */
export function createSystemAllocator(options: SystemAllocatorOptions = {}): SystemAllocator {
  return new SystemAllocator(options);
}

function checkRequest(operation: string, nbytes: number): void {
  if (!Number.isInteger(nbytes) || nbytes < 0 || nbytes > MAX_REQUEST) {
    throw new RangeError(
      `system allocator: ${operation}(${nbytes}): the size must be a non-negative integer of at most ${MAX_REQUEST} bytes`,
    );
  }
}

/**
 * Formats a simulated address as hexadecimal, for error messages.
 *
 * @example
 * ```ts
 * import { formatAddress } from '@pymm/core/memory';
 * formatAddress(2 ** 20 + 48); // '0x100030'
 * ```
 */
export function formatAddress(address: number): string {
  return Number.isFinite(address) && address >= 0 ? `0x${address.toString(16)}` : String(address);
}
