/**
 * Random memory-relevant Python programs from a seed: the program equivalent of the test kit's
 * random traces. Each program builds instances of a class `Node` whose `__del__` prints its name,
 * links them (cycles, self-cycles), keeps them in lists, dicts and tuples, captures them in closures
 * and generators, watches them with weakrefs whose callbacks print, deletes names, raises and catches
 * exceptions whose frames hold nodes, and prints what CPython lets a program observe:
 * `gc.collect()`, `sys.getrefcount`, `gc.is_tracked`, `len`, weakref liveness.
 *
 * Every program is within pymm's subset and prints the same on every CPython run: it disables the
 * automatic collector at its start (only the explicit `gc.collect()` calls collect), never prints an
 * address, an `id()` or a `hash()`, never iterates a set, and drops everything it made before it ends
 * (its last lines delete every name and collect), so nothing is left for interpreter shutdown.
 */

/** A generated program and the seed that produced it. */
export interface RandomProgram {
  /** The Python source, starting with a comment that names the seed. */
  readonly source: string;
  /** The seed it was generated from: {@link randomProgram}(seed) gives the same source again. */
  readonly seed: number;
}

/** The kinds of value a program variable holds. */
type Kind = 'node' | 'list' | 'dict' | 'tuple' | 'weakref' | 'closure' | 'generator';

/** A name bound at module level, and what it holds. */
interface Variable {
  readonly name: string;
  readonly kind: Kind;
}

/** Mulberry32: a small, fast 32-bit generator, enough for choosing program shapes. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An int in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One item of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}

/** The helpers every program starts with (after its imports). */
const PRELUDE = `class Node:
    def __init__(self, name):
        self.name = name
        self.ref = None

    def __del__(self):
        print('del', self.name)


def report(label):
    return lambda ref: print('callback', label)


def capture(node):
    def get():
        return node.name

    return get


def walk(items):
    try:
        for item in items:
            yield item.name
    finally:
        print('walk finished')


def fail(node, label):
    local = Node(label)
    local.ref = node
    raise ValueError(node.name)


def hold(node, label):
    local = Node(label)
    local.ref = node
    node.extra = local
    return sys.getrefcount(local)


def make_cycle(label):
    a = Node(label + '.a')
    b = Node(label + '.b')
    a.ref = b
    b.ref = a
    return a.name


`;

/** The state of one program being written: its lines, its live variables, its counters. */
class ProgramWriter {
  readonly lines: string[] = [];
  readonly live: Variable[] = [];
  private counter = 0;

  constructor(readonly random: Random) {}

  /** A fresh variable name with the kind's prefix: `n3`, `l4`, `w7`. */
  fresh(kind: Kind): string {
    this.counter += 1;
    return `${kind === 'generator' ? 'g' : kind === 'closure' ? 'f' : kind[0]}${this.counter}`;
  }

  /** A fresh label for objects that are not bound to a variable (locals, cycle members). */
  label(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  bind(name: string, kind: Kind): void {
    this.live.push({ name, kind });
  }

  unbind(name: string): void {
    const index = this.live.findIndex((v) => v.name === name);
    if (index >= 0) this.live.splice(index, 1);
  }

  of(...kinds: Kind[]): Variable[] {
    return this.live.filter((v) => kinds.includes(v.kind));
  }

  emit(line: string): void {
    this.lines.push(line);
  }
}

/** The kinds that may be stored in containers and attributes. */
const STORABLE: Kind[] = ['node', 'list', 'dict', 'tuple'];

/** One statement (or a few lines) that changes or observes the heap; `false` when it does not apply. */
type Step = (w: ProgramWriter) => boolean;

const newNode: Step = (w) => {
  const name = w.fresh('node');
  w.emit(`${name} = Node('${name}')`);
  w.bind(name, 'node');
  return true;
};

const link: Step = (w) => {
  const nodes = w.of('node');
  const targets = w.of(...STORABLE);
  if (nodes.length === 0 || targets.length === 0) return false;
  const from = w.random.pick(nodes);
  const to = w.random.pick(targets);
  const attribute = w.random.pick(['ref', 'ref', 'extra']);
  w.emit(`${from.name}.${attribute} = ${to.name}`);
  return true;
};

const unlink: Step = (w) => {
  const nodes = w.of('node');
  if (nodes.length === 0) return false;
  w.emit(`${w.random.pick(nodes).name}.ref = None`);
  return true;
};

const newList: Step = (w) => {
  const items = pickSome(w, 3);
  const name = w.fresh('list');
  w.emit(`${name} = [${items.join(', ')}]`);
  w.bind(name, 'list');
  return true;
};

const newDict: Step = (w) => {
  const items = pickSome(w, 3);
  const name = w.fresh('dict');
  w.emit(`${name} = {${items.map((item, i) => `'k${i}': ${item}`).join(', ')}}`);
  w.bind(name, 'dict');
  return true;
};

const newTuple: Step = (w) => {
  const items = pickSome(w, 3);
  if (items.length === 0) return false;
  const name = w.fresh('tuple');
  w.emit(`${name} = (${items.join(', ')},)`);
  w.bind(name, 'tuple');
  return true;
};

const store: Step = (w) => {
  const containers = w.of('list', 'dict');
  const values = w.of(...STORABLE);
  if (containers.length === 0 || values.length === 0) return false;
  const container = w.random.pick(containers);
  const value = w.random.pick(values);
  if (container.kind === 'list') w.emit(`${container.name}.append(${value.name})`);
  else w.emit(`${container.name}['${w.label('key')}'] = ${value.name}`);
  return true;
};

const clear: Step = (w) => {
  const containers = w.of('list', 'dict');
  if (containers.length === 0) return false;
  w.emit(`${w.random.pick(containers).name}.clear()`);
  return true;
};

const selfCycle: Step = (w) => {
  const nodes = w.of('node');
  const lists = w.of('list');
  if (lists.length > 0 && w.random.next() < 0.3) {
    const list = w.random.pick(lists);
    w.emit(`${list.name}.append(${list.name})`);
    return true;
  }
  if (nodes.length === 0) return false;
  const node = w.random.pick(nodes);
  w.emit(`${node.name}.ref = ${node.name}`);
  return true;
};

const deleteName: Step = (w) => {
  if (w.live.length === 0) return false;
  const victim = w.random.pick(w.live);
  w.emit(`del ${victim.name}`);
  w.unbind(victim.name);
  return true;
};

const collect: Step = (w) => {
  w.emit(`print('collect', gc.collect())`);
  return true;
};

const refcount: Step = (w) => {
  const values = w.of(...STORABLE);
  if (values.length === 0) return false;
  const value = w.random.pick(values);
  w.emit(`print('refcount ${value.name}', sys.getrefcount(${value.name}))`);
  return true;
};

const tracked: Step = (w) => {
  const values = w.of(...STORABLE, 'closure', 'generator');
  if (values.length === 0) return false;
  const value = w.random.pick(values);
  w.emit(`print('tracked ${value.name}', gc.is_tracked(${value.name}))`);
  return true;
};

const length: Step = (w) => {
  const containers = w.of('list', 'dict', 'tuple');
  if (containers.length === 0) return false;
  const container = w.random.pick(containers);
  w.emit(`print('len ${container.name}', len(${container.name}))`);
  return true;
};

const weak: Step = (w) => {
  const nodes = w.of('node');
  if (nodes.length === 0) return false;
  const node = w.random.pick(nodes);
  const name = w.fresh('weakref');
  w.emit(`${name} = weakref.ref(${node.name}, report('${name}'))`);
  w.bind(name, 'weakref');
  return true;
};

const weakAlive: Step = (w) => {
  const refs = w.of('weakref');
  if (refs.length === 0) return false;
  const ref = w.random.pick(refs);
  w.emit(`print('${ref.name} alive', ${ref.name}() is not None)`);
  return true;
};

const closure: Step = (w) => {
  const nodes = w.of('node');
  const closures = w.of('closure');
  if (closures.length > 0 && w.random.next() < 0.5) {
    const f = w.random.pick(closures);
    w.emit(`print('${f.name} returns', ${f.name}())`);
    return true;
  }
  if (nodes.length === 0) return false;
  const name = w.fresh('closure');
  w.emit(`${name} = capture(${w.random.pick(nodes).name})`);
  w.bind(name, 'closure');
  return true;
};

const generator: Step = (w) => {
  const generators = w.of('generator');
  if (generators.length > 0 && w.random.next() < 0.6) {
    const g = w.random.pick(generators);
    w.emit(`print('${g.name} yields', next(${g.name}, 'nothing'))`);
    return true;
  }
  const nodes = w.of('node');
  if (nodes.length === 0) return false;
  const items = [w.random.pick(nodes).name];
  if (nodes.length > 1) items.push(w.random.pick(nodes).name);
  const name = w.fresh('generator');
  w.emit(`${name} = walk([${items.join(', ')}])`);
  w.bind(name, 'generator');
  return true;
};

const caught: Step = (w) => {
  const nodes = w.of('node');
  if (nodes.length === 0) return false;
  const node = w.random.pick(nodes);
  w.emit('try:');
  w.emit(`    fail(${node.name}, '${w.label('local')}')`);
  w.emit('except ValueError as e:');
  w.emit(`    print('caught', e)`);
  return true;
};

const atomTuple: Step = (w) => {
  const name = w.fresh('tuple');
  w.emit(`${name} = tuple([${w.random.below(1000)}, '${name}'])`);
  w.bind(name, 'tuple');
  return true;
};

const localEscapes: Step = (w) => {
  const nodes = w.of('node');
  if (nodes.length === 0) return false;
  w.emit(`print('hold', hold(${w.random.pick(nodes).name}, '${w.label('held')}'))`);
  return true;
};

const cycleInFunction: Step = (w) => {
  w.emit(`print('made', make_cycle('${w.label('cycle')}'))`);
  return true;
};

/** The steps and their weights: building and linking are the most frequent. */
const STEPS: readonly (readonly [Step, number])[] = [
  [newNode, 8],
  [link, 8],
  [unlink, 2],
  [newList, 3],
  [newDict, 2],
  [newTuple, 2],
  [store, 4],
  [clear, 1],
  [selfCycle, 2],
  [deleteName, 6],
  [collect, 3],
  [refcount, 3],
  [tracked, 2],
  [length, 1],
  [weak, 3],
  [weakAlive, 2],
  [closure, 2],
  [generator, 2],
  [caught, 2],
  [cycleInFunction, 1],
  [atomTuple, 1],
  [localEscapes, 1],
];

const TOTAL_WEIGHT = STEPS.reduce((sum, [, weight]) => sum + weight, 0);

function pickStep(random: Random): Step {
  let r = random.below(TOTAL_WEIGHT);
  for (const [step, weight] of STEPS) {
    if (r < weight) return step;
    r -= weight;
  }
  return newNode;
}

/** Up to `most` names of storable variables (possibly repeated), as Python expressions. */
function pickSome(w: ProgramWriter, most: number): string[] {
  const values = w.of(...STORABLE);
  const count = values.length === 0 ? 0 : w.random.below(most + 1);
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(w.random.pick(values).name);
  return items;
}

/**
 * The program for `seed` (any integer; the same seed always gives the same program): 20 to 60
 * random steps between the prelude and the ending that deletes every name and collects.
 */
export function randomProgram(seed: number): RandomProgram {
  const random = new Random(seed);
  const w = new ProgramWriter(random);
  const steps = 20 + random.below(41);
  for (let i = 0; i < steps; i++) {
    const step = pickStep(random);
    if (!step(w)) newNode(w);
  }
  while (w.live.length > 0) deleteName(w);
  w.emit(`print('final collect', gc.collect())`);
  w.emit(`print('end')`);
  const header = `# pymm random program, seed ${seed}\nimport gc\nimport sys\nimport weakref\n\ngc.disable()\n\n\n`;
  return { source: `${header}${PRELUDE}${w.lines.join('\n')}\n`, seed };
}
