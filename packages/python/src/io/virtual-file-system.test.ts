import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStats, openFile } from './file-object.js';
import { PythonIOError } from './python-io-error.js';
import type { TextFile } from './text-file.js';
import { VirtualFileSystem } from './virtual-file-system.js';

/** Every file and directory under `directory` with its contents and modification time. */
function listing(directory: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = join(directory, path);
    if (entry.isDirectory()) out.push(`${path}/`, ...listing(directory, path));
    else out.push(`${path} ${statSync(full).mtimeMs} ${readFileSync(full).toString('hex')}`);
  }
  return out;
}

const made: string[] = [];
afterAll(() => {
  for (const directory of made) rmSync(directory, { recursive: true, force: true });
});

function baseWithFiles(): string {
  const base = mkdtempSync(join(tmpdir(), 'pymm-vfs-'));
  made.push(base);
  writeFileSync(join(base, 'data.txt'), 'real data\n');
  mkdirSync(join(base, 'sub'));
  writeFileSync(join(base, 'sub', 'inner.txt'), 'inner\n');
  return base;
}

function pythonError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof PythonIOError) return `${error.pythonType}: ${error.pythonMessage}`;
    throw error;
  }
  return 'no error';
}

describe('VirtualFileSystem', () => {
  it('never creates, changes, truncates or deletes a real file', () => {
    const base = baseWithFiles();
    const outside = mkdtempSync(join(tmpdir(), 'pymm-vfs-outside-'));
    made.push(outside);
    const before = listing(base);
    const outsideBefore = listing(outside);
    const vfs = new VirtualFileSystem({ base });
    for (const [path, mode] of [
      ['data.txt', 'w'],
      ['data.txt', 'a'],
      ['data.txt', 'r+'],
      ['sub/inner.txt', 'w'],
      ['new.txt', 'w'],
      ['sub/new.bin', 'xb'],
      [join(base, 'abs.txt'), 'w'],
      ['../escape.txt', 'w'],
      [join(outside, 'far.txt'), 'w'],
      ['sub/../../up.txt', 'a'],
    ] as const) {
      const { file } = openFile(vfs, path, mode);
      file.write(mode.includes('b') ? new Uint8Array([1, 2, 3]) : 'written by the program\n');
      file.close();
    }
    vfs.remove('sub/inner.txt');
    vfs.mkdir('made');
    const { file } = openFile(vfs, 'made/in-made.txt', 'w');
    file.write('x');
    file.close();
    expect(listing(base)).toEqual(before);
    expect(listing(outside)).toEqual(outsideBefore);
    expect(readdirSync(join(base, '..')).includes('escape.txt')).toBe(false);
    expect(vfs.writtenFiles()).toEqual(
      [
        '../escape.txt',
        '../up.txt',
        'abs.txt',
        'data.txt',
        'made/in-made.txt',
        'new.txt',
        'sub/new.bin',
        `../${outside.split('/').pop()}/far.txt`,
      ].sort(),
    );
  });

  it('reads real files read-only, then the program’s own versions', () => {
    const base = baseWithFiles();
    const vfs = new VirtualFileSystem({ base });
    const read = (path: string): string => {
      const { file } = openFile(vfs, path);
      const text = (file as TextFile).read();
      file.close();
      return text;
    };
    expect(read('data.txt')).toBe('real data\n');
    expect(read('./sub/../data.txt')).toBe('real data\n');
    expect(read(join(base, 'sub', 'inner.txt'))).toBe('inner\n');
    const { file } = openFile(vfs, 'data.txt', 'a');
    file.write('appended\n');
    file.close();
    expect(read('data.txt')).toBe('real data\nappended\n');
    expect(readFileSync(join(base, 'data.txt'), 'utf8')).toBe('real data\n');
    expect(vfs.size('data.txt')).toBe(19);
    expect(vfs.exists('data.txt')).toBe(true);
    expect(vfs.exists('sub')).toBe(true);
    expect(vfs.exists('nothing.txt')).toBe(false);
    vfs.remove('data.txt');
    expect(vfs.exists('data.txt')).toBe(false);
    expect(pythonError(() => read('data.txt'))).toBe(
      "FileNotFoundError: [Errno 2] No such file or directory: 'data.txt'",
    );
    expect(pythonError(() => vfs.remove('data.txt'))).toBe(
      "FileNotFoundError: [Errno 2] No such file or directory: 'data.txt'",
    );
    expect(pythonError(() => vfs.remove('sub'))).toBe("IsADirectoryError: [Errno 21] Is a directory: 'sub'");
    expect(pythonError(() => vfs.mkdir('sub'))).toBe("FileExistsError: [Errno 17] File exists: 'sub'");
    expect(pythonError(() => read('../outside.txt'))).toBe(
      "FileNotFoundError: [Errno 2] No such file or directory: '../outside.txt'",
    );
  });

  it('sizes buffers from the base directory’s block size unless told', () => {
    const base = baseWithFiles();
    const blockSize = statSync(base).blksize;
    expect(new VirtualFileSystem({ base }).blockSize).toBe(blockSize);
    const small = new VirtualFileSystem({ base, blockSize: 1 });
    expect(fileStats(openFile(small, 'x.bin', 'wb').file).bufferSize).toBe(8192);
    const given = new VirtualFileSystem({ base, blockSize: 512 });
    expect(fileStats(openFile(given, 'x.bin', 'wb').file).bufferSize).toBe(512);
    expect(fileStats(openFile(given, 'x.bin', 'wb', { buffering: 0 }).file).bufferSize).toBe(0);
    expect(fileStats(openFile(given, 'x.bin', 'wb', { buffering: 100 }).file).bufferSize).toBe(100);
  });

  it('reports buffered and written bytes that add up to what the program wrote', () => {
    const vfs = new VirtualFileSystem({ base: baseWithFiles(), blockSize: 4096 });
    const { file } = openFile(vfs, 'out.txt', 'w');
    let total = 0;
    for (const size of [100, 5000, 3000, 200, 9000]) {
      total += file.write('x'.repeat(size)) as number;
      const stats = fileStats(file);
      expect(stats.bufferedBytes + stats.bytesWritten).toBe(total);
      expect(vfs.contents('out.txt').length).toBe(stats.bytesWritten);
    }
    file.close();
    const closed = fileStats(file);
    expect([closed.bufferedBytes, closed.bytesWritten]).toEqual([0, total]);
  });
});
