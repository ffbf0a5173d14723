/**
 * The file system a Python program sees under pymm: files the program writes live in memory; files it
 * reads come from those first, else from a real base directory, read-only. Nothing real is ever written,
 * created, truncated or deleted.
 */

import { readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { osError } from './python-io-error.js';

/**
 * One file's contents, shared by every open file object on it (as an inode is): what one writer's raw
 * write puts here, every reader sees at its next raw read.
 */
export interface VirtualFile {
  /** The bytes; only the first `size` are the file's. */
  data: Uint8Array;
  /** The file's length in bytes. */
  size: number;
  /** Whether the program has opened it for writing (it is then one of the files written). */
  written: boolean;
}

/** How a file is opened at the system level (the flags FileIO passes to `open(2)`). */
export type OpenIntent = 'read' | 'write' | 'append' | 'create' | 'update';

/** Options of {@link VirtualFileSystem}. */
export interface VirtualFileSystemOptions {
  /** The real directory reads fall back to; the process's current directory by default. */
  readonly base?: string;
  /** `st_blksize` of the virtual files; the base directory's own `st_blksize` by default. */
  readonly blockSize?: number;
}

type RealKind = 'file' | 'directory' | 'missing' | 'not-a-directory' | 'denied';

/**
 * The virtual file system. Paths are normalised as POSIX paths relative to the base directory; a path
 * outside the base (through `..` or an absolute path) is virtual only: it can be written in memory, and
 * reads never reach the real file there.
 */
export class VirtualFileSystem {
  /** The real base directory (absolute). */
  readonly base: string;
  /** `st_blksize` that `os.fstat` reports for a file here; `open()` sizes its buffer from it. */
  readonly blockSize: number;
  private readonly files = new Map<string, VirtualFile>();
  private readonly removed = new Set<string>();
  private readonly directories = new Set<string>();

  constructor(options: VirtualFileSystemOptions = {}) {
    this.base = resolve(options.base ?? process.cwd());
    this.blockSize = options.blockSize ?? realBlockSize(this.base);
  }

  /** The normalised key of `path` (`'a/b.txt'`, `''` for the base itself, `'../x'` outside it). */
  key(path: string): string {
    return posix.relative(this.base, posix.resolve(this.base, path));
  }

  /**
   * Opens `path` as FileIO's `open(2)` does for `intent`, returning the file shared by every opener.
   * `write` truncates (creating if missing), `append` and `update` keep the contents (`append` creates),
   * `create` fails when the file exists. Throws CPython's `OSError` subclass, naming `path` as given.
   */
  open(path: string, intent: OpenIntent): VirtualFile {
    if (path === '') throw osError('ENOENT', path);
    const key = this.key(path);
    const existing = this.lookup(key, path);
    if (existing === 'directory') throw osError('EISDIR', path);
    if (path.endsWith('/')) {
      if (intent !== 'read' && intent !== 'update') throw osError('EISDIR', path);
      throw osError(existing === null ? 'ENOENT' : 'ENOTDIR', path);
    }
    if (existing !== null) {
      if (intent === 'create') throw osError('EEXIST', path);
      if (intent === 'write') existing.size = 0;
      if (intent !== 'read') existing.written = true;
      return existing;
    }
    if (intent === 'read' || intent === 'update') throw osError('ENOENT', path);
    this.requireParent(key, path);
    const file: VirtualFile = { data: new Uint8Array(0), size: 0, written: true };
    this.files.set(key, file);
    this.removed.delete(key);
    return file;
  }

  /** Whether `path` names a file or directory (`os.path.exists`). */
  exists(path: string): boolean {
    try {
      return this.lookup(this.key(path), path) !== null;
    } catch {
      return false;
    }
  }

  /** The size in bytes of the file at `path` (`os.path.getsize`); throws as `os.stat` does. */
  size(path: string): number {
    const found = this.lookup(this.key(path), path);
    if (found === null) throw osError('ENOENT', path);
    return found === 'directory' ? 0 : found.size;
  }

  /** Removes the file at `path` as `os.remove` does (in memory only: a real file is hidden, not deleted). */
  remove(path: string): void {
    const key = this.key(path);
    const found = this.lookup(key, path);
    if (found === null) throw osError('ENOENT', path);
    if (found === 'directory') throw osError('EISDIR', path);
    this.files.delete(key);
    this.removed.add(key);
  }

  /** Creates a directory in memory, as `os.mkdir` does. */
  mkdir(path: string): void {
    const key = this.key(path);
    if (this.lookup(key, path) !== null) throw osError('EEXIST', path);
    this.requireParent(key, path);
    this.directories.add(key);
  }

  /** The normalised keys of the files the program opened for writing, sorted. */
  writtenFiles(): string[] {
    return [...this.files]
      .filter(([, file]) => file.written)
      .map(([key]) => key)
      .sort();
  }

  /** The bytes of the file at `path` as they stand in the (virtual) file now. */
  contents(path: string): Uint8Array {
    const found = this.lookup(this.key(path), path);
    if (found === null) throw osError('ENOENT', path);
    if (found === 'directory') throw osError('EISDIR', path);
    return found.data.slice(0, found.size);
  }

  /** The file or directory at `key`: virtual first, then real (copied into memory on first use). */
  private lookup(key: string, path: string): VirtualFile | 'directory' | null {
    const file = this.files.get(key);
    if (file) return file;
    if (this.directories.has(key) || key === '') return 'directory';
    if (this.removed.has(key)) return null;
    const parent = posix.dirname(key);
    if (parent !== '.' && this.files.has(parent)) throw osError('ENOTDIR', path);
    if (parent !== '.' && this.removed.has(parent)) return null;
    const kind = this.realKind(key);
    if (kind === 'directory') return 'directory';
    if (kind === 'not-a-directory') throw osError('ENOTDIR', path);
    if (kind === 'denied') throw osError('EACCES', path);
    if (kind === 'missing') return null;
    const bytes = new Uint8Array(readFileSync(this.realPath(key)));
    const copied: VirtualFile = { data: bytes, size: bytes.length, written: false };
    this.files.set(key, copied);
    return copied;
  }

  /** Throws as `open(2)` does when the directory that would hold `key` is missing or is a file. */
  private requireParent(key: string, path: string): void {
    const parent = posix.dirname(key);
    if (parent === '.' || parent.startsWith('..') || parent === '..') return;
    const found = this.lookup(parent, path);
    if (found === null) throw osError('ENOENT', path);
    if (found !== 'directory') throw osError('ENOTDIR', path);
  }

  /** What the real base directory holds at `key` (never looked up outside the base). */
  private realKind(key: string): RealKind {
    if (key === '..' || key.startsWith('../') || posix.isAbsolute(key)) return 'missing';
    try {
      return statSync(this.realPath(key)).isDirectory() ? 'directory' : 'file';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') return 'not-a-directory';
      if (code === 'EACCES') return 'denied';
      return 'missing';
    }
  }

  private realPath(key: string): string {
    return resolve(this.base, ...key.split('/'));
  }
}

/** `st_blksize` of `directory`, or `0` when it cannot be read (then `open()` uses DEFAULT_BUFFER_SIZE). */
function realBlockSize(directory: string): number {
  try {
    return statSync(directory).blksize;
  } catch {
    return 0;
  }
}
