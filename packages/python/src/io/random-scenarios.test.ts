import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { cpython311, PYTHON3_MISSING, skipWithoutCPython } from '../python3.js';
import type { CPythonVersion } from './buffered-file.js';
import { b, runInCPython, runInModel, type Scenario, type Step, type StepResult } from './file-scenario.js';

const python = cpython311();

/** A fresh seed on every run (printed with any failure), or `PYMM_IO_SEED` to replay one. */
const SEED = Number(process.env.PYMM_IO_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SCENARIOS = 40;

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'line\n',
  '\r\n',
  '\r',
  'é',
  '€',
  '😀',
  'x'.repeat(700),
  'y'.repeat(4100),
  '\n',
  'é'.repeat(3000),
  'z\n'.repeat(4600),
];

/** A random scenario: two or three files opened in random modes, random operations, both files watched. */
function randomScenario(random: () => number): Scenario {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (limit: number): number => Math.floor(random() * limit);
  const text = (): string => Array.from({ length: 1 + int(6) }, () => pick(PIECES)).join('');
  const paths = ['a.txt', 'b.txt'];
  const files: Record<string, string> = {};
  if (random() < 0.7) files['a.txt'] = text();
  const steps: Step[] = [];
  const handles: { name: string; binary: boolean }[] = [];
  for (let i = 0; i < 3 + int(25); i++) {
    if (handles.length === 0 || random() < 0.12) {
      const mode = pick(['r', 'w', 'a', 'r+', 'w+', 'a+', 'x', 'rb', 'wb', 'ab', 'r+b', 'w+b']);
      const binary = mode.includes('b');
      const buffering = pick(binary ? [-1, -1, 0, 1, 16, 5000] : [-1, -1, 1, 16, 5000]);
      const options = pick([
        {},
        { buffering },
        ...(binary
          ? []
          : [{ newline: pick(['', '\n', '\r', '\r\n']) }, { encoding: pick(['ascii', 'latin-1']) }]),
      ]);
      const name = `f${handles.length}`;
      steps.push(['open', name, pick(paths), mode, options]);
      handles.push({ name, binary });
      continue;
    }
    const { name, binary } = pick(handles);
    const data = (): string | { bytes: string } =>
      binary ? b(Buffer.from(text(), 'utf8').toString('latin1')) : text();
    const operation = int(19);
    if (operation < 4) steps.push(['call', name, 'write', data()]);
    else if (operation === 4) steps.push(['call', name, 'read']);
    else if (operation === 5) steps.push(['call', name, 'read', int(9000)]);
    else if (operation === 6) steps.push(['call', name, 'readline']);
    else if (operation === 7) steps.push(['call', name, 'readline', int(12)]);
    else if (operation === 8) steps.push(['call', name, 'flush']);
    else if (operation === 9) steps.push(['call', name, 'tell']);
    else if (operation === 10) steps.push(['call', name, 'seek', 0, pick([0, 2])]);
    else if (operation === 11) steps.push(['next', name]);
    else if (operation === 12) steps.push(['call', name, 'close']);
    else if (operation === 13) steps.push(['roundtrip', name, 1 + int(5)]);
    else if (operation === 14) steps.push(['call', name, 'seek', int(60)]);
    else if (operation === 15) steps.push(['call', name, 'seek', int(30) - 10, binary ? pick([1, 2]) : 0]);
    else if (operation === 16) steps.push(['call', name, 'truncate', ...(random() < 0.5 ? [] : [int(40)])]);
    else if (operation === 17) steps.push(['call', name, 'readlines']);
    else steps.push(['call', name, 'writelines', [data(), data()]]);
  }
  return { files, steps, watch: paths, count: random() < 0.5 };
}

function executable(version: string): string | null {
  try {
    return pythonExecutable(version);
  } catch {
    return null;
  }
}

const random = generator(SEED);
const scenarios = Array.from({ length: SCENARIOS }, () => randomScenario(random));

for (const version of ['3.11', '3.10', '3.12', '3.13'] as const satisfies readonly CPythonVersion[]) {
  const command = version === '3.11' ? python : executable(version);
  // 3.11 is required under CI (as every CPython comparison here); CI installs only 3.11.
  const skip = version === '3.11' ? skipWithoutCPython(python) : command === null;
  describe(`random file programs against CPython ${version} (seed ${SEED})`, () => {
    if (skip) {
      it.skip(
        version === '3.11'
          ? PYTHON3_MISSING
          : `CPython ${version} is not installed: install it (for example \`pyenv install ${version}\`) to run this comparison`,
        () => {},
      );
      return;
    }
    const cpython = command ? runInCPython(command, scenarios) : null;
    it.each(scenarios.map((scenario, index) => [index, scenario] as const))(
      `scenario %i (replay with PYMM_IO_SEED=${SEED})`,
      (index, scenario) => {
        if (cpython === null) throw new Error(PYTHON3_MISSING);
        const actual = runInModel(scenario, cpython.blockSize, version);
        const expected = cpython.results[index];
        if (process.env.PYMM_IO_DEBUG) explain(scenario, expected, actual);
        expect(actual).toEqual(expected);
      },
    );
  });
}

/** With PYMM_IO_DEBUG set: the steps up to the first difference, and what differs there. */
function explain(scenario: Scenario, expected: StepResult[], actual: StepResult[]): void {
  const first = actual.findIndex((result, step) => JSON.stringify(result) !== JSON.stringify(expected[step]));
  if (first < 0) return;
  const short = (value: unknown): string =>
    JSON.stringify(value, (_key, item) =>
      typeof item === 'string' && item.length > 40 ? `${item.slice(0, 12)}…(${item.length})` : item,
    );
  console.log(short({ files: scenario.files, steps: scenario.steps.slice(0, first + 1) }));
  for (const key of Object.keys({ ...expected[first], ...actual[first] })) {
    const [want, got] = [short(expected[first][key]), short(actual[first][key])];
    if (want !== got) console.log(`${key}: cpython ${want} model ${got}`);
  }
}
