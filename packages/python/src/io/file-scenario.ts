/**
 * Test support: file scenarios run in CPython (`file-scenario-runner.py`, one batched process) and in the
 * model, with results in the same JSON shape so a test compares them whole: what each step returned or
 * raised, what a second reader sees in the watched files after each step, and the counted system calls.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferedFile, type CPythonVersion } from './buffered-file.js';
import {
  checkNotClosed,
  type FileObject,
  fileRepr,
  fileStats,
  type OpenOptions,
  openFile,
} from './file-object.js';
import { PythonIOError } from './python-io-error.js';
import { RawFile } from './raw-file.js';
import { TextFile } from './text-file.js';
import { VirtualFileSystem } from './virtual-file-system.js';

/** A JSON value as the runner encodes Python values (`bytes` as `{ bytes: hex }`). */
export type Encoded =
  | string
  | number
  | boolean
  | null
  | { bytes: string }
  | { int: string }
  | { stop: true }
  | Encoded[];

/** One step: `['open', name, path, mode, kwargs?]`, `['call', name, method, ...args]`, `['next', name]`, `['list', name]`, `['attr', name, attr]`, `['disk', path]`, `['roundtrip', name, n]` (tell, read n, seek back, read n, tell), `['repr', name]`, `['enter', name]` (iter and __enter__). */
export type Step = readonly StepArgument[];

/** An argument of a {@link Step}. */
export type StepArgument =
  | string
  | number
  | boolean
  | null
  | OpenOptions
  | { bytes: string }
  | readonly StepArgument[];

/** A scenario: files present before it runs, directories, the steps, the files a second reader watches. */
export interface Scenario {
  readonly files?: Readonly<Record<string, string | { bytes: string }>>;
  readonly dirs?: readonly string[];
  readonly steps: readonly Step[];
  readonly watch?: readonly string[];
  /** Compare system-level write and read counts of every opened file. */
  readonly count?: boolean;
}

/** The result of one step. */
export type StepResult = Record<string, unknown>;

/** `bytes.fromhex`/`.hex()` for the runner's encoding. */
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** `{ bytes: hex }` of a latin-1 string (test shorthand for a bytes literal). */
export const b = (text: string): { bytes: string } => ({
  bytes: Buffer.from(text, 'latin1').toString('hex'),
});

/** Runs `scenarios` in CPython; returns its `st_blksize` and the results. */
export function runInCPython(
  python: string,
  scenarios: readonly Scenario[],
): { blockSize: number; results: StepResult[][] } {
  const runner = join(dirname(fileURLToPath(import.meta.url)), 'file-scenario-runner.py');
  const result = spawnSync(python, [runner], {
    input: JSON.stringify(scenarios),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`file-scenario-runner.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const CLASS_NAMES: Record<string, string> = {
  reader: 'BufferedReader',
  writer: 'BufferedWriter',
  random: 'BufferedRandom',
};

function className(file: FileObject): string {
  if (file instanceof TextFile) return 'TextIOWrapper';
  if (file instanceof BufferedFile) return CLASS_NAMES[file.kind];
  return 'FileIO';
}

function encode(value: unknown): Encoded {
  if (value instanceof Uint8Array) return { bytes: hex(value) };
  if (typeof value === 'bigint') return { int: String(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value === undefined) return null;
  return value as Encoded;
}

function decode(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'bytes' in value) {
    return Uint8Array.from(Buffer.from((value as { bytes: string }).bytes, 'hex'));
  }
  if (value !== null && typeof value === 'object' && 'int' in value)
    return BigInt((value as { int: string }).int);
  if (Array.isArray(value)) return value.map(decode);
  return value;
}

/** What a second reader sees: a fresh `open(path, 'rb').read()` in the model. */
function disk(vfs: VirtualFileSystem, path: string): Record<string, string> {
  try {
    const { file } = openFile(vfs, path, 'rb');
    const data = file.read() as Uint8Array;
    file.close();
    return { bytes: hex(data) };
  } catch (error) {
    if (error instanceof PythonIOError) return { error: error.pythonType };
    throw error;
  }
}

const ATTRIBUTES: Record<string, (file: FileObject) => unknown> = {
  closed: (file) => file.closed,
  name: (file) => file.name,
  mode: (file) => file.mode,
  encoding: (file) => (file as TextFile).encoding,
  line_buffering: (file) => (file as TextFile).lineBuffering,
};

/** Runs one step on the model; returns its value (throws what the model throws). */
function step(
  vfs: VirtualFileSystem,
  files: Map<string, FileObject>,
  parts: Step,
  version: CPythonVersion,
): unknown {
  const [op, name] = parts as [string, string];
  if (op === 'open') {
    const { file, warning } = openFile(
      vfs,
      parts[2] as string,
      parts[3] as string,
      (parts[4] ?? {}) as OpenOptions,
      version,
    );
    files.set(name, file);
    return warning === null ? className(file) : [className(file), warning];
  }
  if (op === 'disk') return disk(vfs, name);
  const file = files.get(name) as FileObject;
  if (op === 'roundtrip') {
    const cookie = file.tell();
    const first = file.read(parts[2] as number);
    file.seek(cookie as number);
    return [cookie, first, file.read(parts[2] as number), file.tell()];
  }
  if (op === 'repr') return fileRepr(file);
  if (op === 'enter') return checkNotClosed(file) ?? null;
  if (op === 'attr') return ATTRIBUTES[parts[2] as string](file);
  if (op === 'next') return file.next() ?? { stop: true };
  if (op === 'list') {
    const lines: unknown[] = [];
    for (let line = file.next(); line !== null; line = file.next()) lines.push(line);
    return lines;
  }
  const method = parts[2] as string;
  const args = parts.slice(3).map(decode);
  const target = file as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (typeof target[method] !== 'function') throw new Error(`the model has no method ${method}`);
  return target[method](...args);
}

/** Runs `scenario` on a fresh model following CPython `version` (base: a new temporary directory holding the scenario's files). */
export function runInModel(
  scenario: Scenario,
  blockSize: number,
  version: CPythonVersion = '3.11',
): StepResult[] {
  const base = mkdtempSync(join(tmpdir(), 'pymm-io-'));
  for (const sub of scenario.dirs ?? []) mkdirSync(join(base, sub));
  for (const [path, content] of Object.entries(scenario.files ?? {})) {
    writeFileSync(
      join(base, path),
      typeof content === 'string' ? content : Buffer.from(content.bytes, 'hex'),
    );
  }
  try {
    const vfs = new VirtualFileSystem({ base, blockSize });
    const files = new Map<string, FileObject>();
    const results: StepResult[] = [];
    for (const parts of scenario.steps) {
      let result: StepResult;
      const [op, name] = parts as [string, string];
      if (op !== 'open' && op !== 'disk' && !files.has(name)) {
        result = { error: 'KeyError', message: `'${name}'` };
      } else {
        try {
          result = { value: encode(step(vfs, files, parts, version)) };
        } catch (error) {
          if (!(error instanceof PythonIOError)) throw error;
          result = { error: error.pythonType, message: error.pythonMessage };
        }
      }
      for (const path of scenario.watch ?? []) result[`disk:${path}`] = disk(vfs, path);
      if (scenario.count) {
        for (const [name, file] of files) {
          const stats = fileStats(file);
          result[`count:${name}`] = [stats.osWrites, stats.osReads];
        }
      }
      results.push(result);
    }
    return results;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Whether `value` is one of the model's file classes (for tests that check the union). */
export const isFileObject = (value: unknown): value is FileObject =>
  value instanceof TextFile || value instanceof BufferedFile || value instanceof RawFile;
