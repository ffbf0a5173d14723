/** The machine a benchmark ran on, printed with every result. */
import { cpus, totalmem } from 'node:os';

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu.trim()}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Forces a host GC when node runs with --expose-gc (for memory figures). */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Host memory in use: JS heap plus typed-array buffers. */
export function hostBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
