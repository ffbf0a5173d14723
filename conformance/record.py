#!/usr/bin/env python3
"""Record what CPython does for pymm-trace v1 files (specs/pymm-trace-v1.md).

Usage:
    python3 conformance/record.py TRACE.jsonl [TRACE2.jsonl ...]
        [--out-dir DIR] [--check] [--timing] [--debug-start]

For every trace: parse and validate it (an invalid trace is reported as
``FILE: line N: OP: reason`` on stderr, nothing is written and the exit status
is 1), compile it into straight-line Python, put the collector into the spec's
starting state, run it, and write ``NAME.expected.json``.

Default output: beside the trace for CPython 3.11, otherwise
``conformance/expected/cpython-3.X/NAME.expected.json``. ``--out-dir`` overrides
both. ``--check`` writes nothing and compares with the existing expected file.
``--timing`` prints ``replay-seconds: X PATH`` to stderr (execution of the
compiled operations only, compilation excluded). ``--debug-start`` runs the
setup only and prints the collector state at the point where the first
operation would run (used to verify the starting state).

How a trace runs (see conformance/README.md for why):

* Each operation becomes one line of Python in a chunk function
  ``def c(v, L, F, R, gc, r)``; e.g. ``v[3] = L(); v[3].tag = 7``,
  ``v[1] = (v[0], v[4])``, ``v[2].append(v[5])``, ``r.append(gc.collect(1))``,
  ``gc.set_threshold(700, 10, 10)``.  Chunks hold about CHUNK_OPS operations and
  end only after an operation that contains a call (see ``_CLEAN``), so that the
  chunk boundaries (calls, which are eval-breaker checks in 3.12+) can never run
  a collection that the trace's own statements left pending.
* All chunk functions are compiled, defined and called once with ``v=None``
  (which returns at once; this makes 3.10 keep a "zombie" frame per code object
  so that the real call allocates nothing) before the starting state is set up.
* Starting state: thresholds (700, 10, 10), gc enabled, full collection,
  stats snapshot, ``gc.freeze()``, full collection.  Nothing that allocates a
  GC-capable object runs between that and the first operation.
* Tuples of more than 30 items are compiled as nested tuples and the bytecode
  is patched into one ``BUILD_TUPLE n`` (the compiler would otherwise build
  them through a hidden temporary list).
* End of the trace: one no-op call (``gc.isenabled()``, an eval-breaker check in
  3.12+, so a collection scheduled by the last operations runs now), then
  ``gc.disable()``, ``gc.get_count()``, ``gc.get_stats()``; only then
  ``gc.unfreeze()`` and a scan of ``gc.get_objects()`` for ``alive``.
"""

import argparse
import builtins
import dis
import gc
import json
import os
import platform
import sys
import time
import types

CHUNK_OPS = 5000  # preferred number of operations per chunk function
CHUNK_HARD_MAX = 20000  # a chunk is cut here even after a non-call operation
MAX_SLOTS = 1_000_000
INT_LIMIT = 2**62
C_INT_MIN, C_INT_MAX = -(2**31), 2**31 - 1
STACK_USE_GUIDELINE = 30  # CPython's compiler limit for a plain BUILD_TUPLE

HERE = os.path.dirname(os.path.abspath(__file__))

# Operations after which nothing can be pending in 3.12+: they end with a call
# (an eval-breaker check) and allocate nothing after it.
_CLEAN = frozenset(
    ["list", "flist", "rlist", "append", "pop", "clear", "collect", "gc", "threshold"]
)

CLASS_SOURCE = """\
class L(list):
    __slots__ = ('tag',)

class F(list):
    __slots__ = ('tag',)
    def __del__(self):
        finalized.append(self.tag)

class R(list):
    __slots__ = ('tag',)
    def __del__(self):
        finalized.append(self.tag)
        resurrected.append(self)
"""


class TraceError(Exception):
    def __init__(self, line, op, reason):
        super().__init__(f"line {line}: {op}: {reason}")
        self.line, self.op, self.reason = line, op, reason


def _is_int(x):
    return type(x) is int  # bool is not an int here


def _kind(x):
    if x is None:
        return "None"
    t = type(x)
    if t is list:
        return "list"
    return t.__name__


class Compiler:
    """Validates operations against a shadow heap and turns them into source lines.

    The shadow heap holds real Python objects (a plain list for every tagged
    list, real tuples and dicts, ints, strs, None), so Python's own semantics
    decide what is valid; CPython's collector reclaims shadow garbage.
    """

    def __init__(self, slots):
        self.slots = slots
        self.sv = [None] * slots
        self.tag = 0
        self.ncollect = 0
        self.nops = 0

    def slot(self, x, line, op, what="slot"):
        if not _is_int(x):
            raise TraceError(line, op, f"{what} must be an integer, got {json.dumps(x)}")
        if not 0 <= x < self.slots:
            raise TraceError(line, op, f"{what} {x} out of range (slots: {self.slots})")
        return x

    def nargs(self, a, n, line, op, shape):
        if len(a) != n:
            raise TraceError(line, op, f"expected {shape}, got {len(a) - 1} argument(s)")

    def index(self, x, line, op):
        if not _is_int(x):
            raise TraceError(line, op, f"index/key must be an integer, got {json.dumps(x)}")
        return x

    def op(self, a, line):
        """Validate one parsed operation; return (source, name, big_tuple_size or 0)."""
        if not isinstance(a, list) or not a:
            raise TraceError(line, "?", "an operation must be a non-empty JSON array")
        name = a[0]
        if not isinstance(name, str):
            raise TraceError(line, "?", f"operation name must be a string, got {json.dumps(name)}")
        sv = self.sv
        big = 0
        if name in ("list", "flist", "rlist"):
            self.nargs(a, 2, line, name, f'["{name}", d]')
            d = self.slot(a[1], line, name)
            sv[d] = []
            cls = {"list": "L", "flist": "F", "rlist": "R"}[name]
            src = f"v[{d}] = {cls}(); v[{d}].tag = {self.tag}"
            self.tag += 1
        elif name == "tuple":
            self.nargs(a, 3, line, name, '["tuple", d, [s0, s1, ...]]')
            d = self.slot(a[1], line, name)
            items = a[2]
            if not isinstance(items, list):
                raise TraceError(line, name, "the third element must be an array of slots")
            for s in items:
                self.slot(s, line, name)
            sv[d] = tuple([sv[s] for s in items])
            n = len(items)
            if n == 0:
                src = f"v[{d}] = ()"
            elif n == 1:
                src = f"v[{d}] = (v[{items[0]}],)"
            elif n <= STACK_USE_GUIDELINE:
                src = f"v[{d}] = ({', '.join(f'v[{s}]' for s in items)})"
            else:
                big = n
                src = f"v[{d}] = {_nested_tuple_source([f'v[{s}]' for s in items])}"
        elif name == "dict":
            self.nargs(a, 2, line, name, '["dict", d]')
            d = self.slot(a[1], line, name)
            sv[d] = {}
            src = f"v[{d}] = {{}}"
        elif name == "int":
            self.nargs(a, 3, line, name, '["int", d, n]')
            d = self.slot(a[1], line, name)
            n = a[2]
            if not _is_int(n):
                raise TraceError(line, name, f"value must be an integer, got {json.dumps(n)}")
            if not -INT_LIMIT < n < INT_LIMIT:
                raise TraceError(line, name, "value out of range (|n| must be < 2**62)")
            sv[d] = n
            src = f"v[{d}] = {n}"
        elif name == "str":
            self.nargs(a, 3, line, name, '["str", d, "text"]')
            d = self.slot(a[1], line, name)
            s = a[2]
            if not isinstance(s, str):
                raise TraceError(line, name, f"value must be a string, got {json.dumps(s)}")
            sv[d] = s
            src = f"v[{d}] = {s!r}"
        elif name == "none":
            self.nargs(a, 2, line, name, '["none", d]')
            d = self.slot(a[1], line, name)
            sv[d] = None
            src = f"v[{d}] = None"
        elif name == "move":
            self.nargs(a, 3, line, name, '["move", d, s]')
            d = self.slot(a[1], line, name)
            s = self.slot(a[2], line, name)
            sv[d] = sv[s]
            src = f"v[{d}] = v[{s}]"
        elif name == "append":
            self.nargs(a, 3, line, name, '["append", d, s]')
            d = self.slot(a[1], line, name)
            s = self.slot(a[2], line, name)
            t = sv[d]
            if type(t) is not list:
                raise TraceError(line, name, f"slot {d} holds {_kind(t)}, not a list")
            t.append(sv[s])
            src = f"v[{d}].append(v[{s}])"
        elif name == "setitem":
            self.nargs(a, 4, line, name, '["setitem", d, k, s]')
            d = self.slot(a[1], line, name)
            k = self.index(a[2], line, name)
            s = self.slot(a[3], line, name)
            t = sv[d]
            if type(t) is list:
                if not -len(t) <= k < len(t):
                    raise TraceError(line, name, f"list assignment index {k} out of range (len {len(t)})")
            elif type(t) is not dict:
                raise TraceError(line, name, f"slot {d} holds {_kind(t)}, which does not support item assignment")
            t[k] = sv[s]
            src = f"v[{d}][{k}] = v[{s}]"
        elif name == "getitem":
            self.nargs(a, 4, line, name, '["getitem", d, s, k]')
            d = self.slot(a[1], line, name)
            s = self.slot(a[2], line, name)
            k = self.index(a[3], line, name)
            t = sv[s]
            if type(t) is list or type(t) is tuple:
                if not -len(t) <= k < len(t):
                    raise TraceError(line, name, f"{_kind(t)} index {k} out of range (len {len(t)})")
            elif type(t) is dict:
                if k not in t:
                    raise TraceError(line, name, f"key {k} not in the dict in slot {s}")
            else:
                raise TraceError(line, name, f"slot {s} holds {_kind(t)}, not a list, tuple or dict")
            sv[d] = t[k]
            src = f"v[{d}] = v[{s}][{k}]"
        elif name == "delitem":
            self.nargs(a, 3, line, name, '["delitem", d, k]')
            d = self.slot(a[1], line, name)
            k = self.index(a[2], line, name)
            t = sv[d]
            if type(t) is list:
                if not -len(t) <= k < len(t):
                    raise TraceError(line, name, f"list index {k} out of range (len {len(t)})")
            elif type(t) is dict:
                if k not in t:
                    raise TraceError(line, name, f"key {k} not in the dict in slot {d}")
            else:
                raise TraceError(line, name, f"slot {d} holds {_kind(t)}, which does not support item deletion")
            del t[k]
            src = f"del v[{d}][{k}]"
        elif name == "pop":
            self.nargs(a, 2, line, name, '["pop", d]')
            d = self.slot(a[1], line, name)
            t = sv[d]
            if type(t) is not list:
                raise TraceError(line, name, f"slot {d} holds {_kind(t)}, not a list")
            if not t:
                raise TraceError(line, name, f"pop from empty list in slot {d}")
            t.pop()
            src = f"v[{d}].pop()"
        elif name == "clear":
            self.nargs(a, 2, line, name, '["clear", d]')
            d = self.slot(a[1], line, name)
            t = sv[d]
            if type(t) is not list and type(t) is not dict:
                raise TraceError(line, name, f"slot {d} holds {_kind(t)}, not a list or dict")
            t.clear()
            src = f"v[{d}].clear()"
        elif name == "collect":
            self.nargs(a, 2, line, name, '["collect", g]')
            g = a[1]
            if not _is_int(g) or not 0 <= g <= 2:
                raise TraceError(line, name, f"generation must be 0, 1 or 2, got {json.dumps(g)}")
            self.ncollect += 1
            src = f"r.append(gc.collect({g}))"
        elif name == "gc":
            self.nargs(a, 2, line, name, '["gc", "enable"|"disable"|"freeze"|"unfreeze"]')
            w = a[1]
            if w not in ("enable", "disable", "freeze", "unfreeze"):
                raise TraceError(line, name, f"unknown gc action {json.dumps(w)}")
            src = f"gc.{w}()"
        elif name == "threshold":
            self.nargs(a, 4, line, name, '["threshold", t0, t1, t2]')
            for t in a[1:]:
                if not _is_int(t):
                    raise TraceError(line, name, f"thresholds must be integers, got {json.dumps(t)}")
                if not C_INT_MIN <= t <= C_INT_MAX:
                    raise TraceError(line, name, f"threshold {t} does not fit in a C int")
            src = f"gc.set_threshold({a[1]}, {a[2]}, {a[3]})"
        else:
            raise TraceError(line, name, "unknown operation")
        self.nops += 1
        return src, name, big


def _nested_tuple_source(items):
    """Source for a tuple of >30 items as nested tuples of <=30 items each.

    The last items of every level close together, so the bytecode ends with
    `depth` consecutive BUILD_TUPLE instructions; `_patch_big_tuples` turns the
    inner ones into NOPs and the last ones into [EXTENDED_ARG...] BUILD_TUPLE n.
    """

    def group(xs):
        out = []
        for i in range(0, len(xs), STACK_USE_GUIDELINE):
            g = xs[i : i + STACK_USE_GUIDELINE]
            out.append("(" + ", ".join(g) + ("," if len(g) == 1 else "") + ")")
        return out

    level = group(items)
    while len(level) > 1:
        level = group(level)
    return level[0]


_OP_BUILD_TUPLE = dis.opmap["BUILD_TUPLE"]
_OP_NOP = dis.opmap["NOP"]
_OP_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]


def _patch_big_tuples(code, bigs):
    """bigs: list of (line number within the chunk source, n)."""
    raw = bytearray(code.co_code)
    by_line = dict(bigs)
    spans = {}
    for start, end, lineno in code.co_lines():
        if lineno in by_line:
            spans.setdefault(lineno, []).append((start, end))
    stack = code.co_stacksize
    for lineno, n in bigs:
        offs = [
            off
            for start, end in spans[lineno]
            for off in range(start, end, 2)
            if raw[off] == _OP_BUILD_TUPLE
        ]
        arg_bytes = []
        x = n
        while True:
            arg_bytes.insert(0, x & 0xFF)
            x >>= 8
            if not x:
                break
        need = len(arg_bytes)
        tail = offs[-need:]
        if len(offs) < need or any(b - a != 2 for a, b in zip(tail, tail[1:])):
            raise RuntimeError(f"cannot patch the {n}-item tuple at chunk line {lineno}")
        for off in offs:
            raw[off] = _OP_NOP
            raw[off + 1] = 0
        for i, off in enumerate(tail):
            raw[off] = _OP_EXTENDED_ARG if i < need - 1 else _OP_BUILD_TUPLE
            raw[off + 1] = arg_bytes[i]
        stack = max(stack, n + 8)
    return code.replace(co_code=bytes(raw), co_stacksize=stack)


def _iter_lines(path):
    with open(path, "r", encoding="utf-8-sig") as f:
        for lineno, text in enumerate(f, 1):
            s = text.strip()
            if not s or s.startswith("#"):
                continue
            yield lineno, s


def _parse_header(lineno, s):
    try:
        h = json.loads(s)
    except ValueError as e:
        raise TraceError(lineno, "header", f"invalid JSON: {e}")
    if not isinstance(h, dict):
        raise TraceError(lineno, "header", "the header must be a JSON object")
    if h.get("format") != "pymm-trace":
        raise TraceError(lineno, "header", f"format must be \"pymm-trace\", got {json.dumps(h.get('format'))}")
    if not _is_int(h.get("version")) or h["version"] != 1:
        raise TraceError(lineno, "header", f"unsupported version {json.dumps(h.get('version'))}")
    slots = h.get("slots")
    if not _is_int(slots) or not 1 <= slots <= MAX_SLOTS:
        raise TraceError(lineno, "header", f"slots must be an integer in 1..{MAX_SLOTS}, got {json.dumps(slots)}")
    if not isinstance(h.get("name"), str) or not h["name"]:
        raise TraceError(lineno, "header", "name (a non-empty string) is required")
    if "description" in h and not isinstance(h["description"], str):
        raise TraceError(lineno, "header", "description must be a string")
    return h


class Program:
    """A validated, compiled trace: chunk functions plus the namespace they use."""

    def __init__(self, header, fns, nops, ncollect, ntags):
        self.header, self.fns = header, fns
        self.nops, self.ncollect, self.ntags = nops, ncollect, ntags


def compile_trace(path):
    """Parse, validate and compile a trace file. Raises TraceError."""
    lines = _iter_lines(path)
    first = next(lines, None)
    if first is None:
        raise TraceError(1, "header", "empty trace: no header line")
    header = _parse_header(*first)
    comp = Compiler(header["slots"])
    fns = []
    chunk = []  # source lines of the current chunk
    bigs = []  # (chunk line number, n) of >30-item tuples
    pending_possible = False
    head = "def c(v, L, F, R, gc, r):\n if v is None: return\n"
    first_line = 3  # line number of the first operation in a chunk's source
    code_globals = {"__builtins__": builtins}

    def flush():
        src = head + "".join(chunk)
        mod = compile(src, f"<{header['name']} chunk {len(fns)}>", "exec")
        code = next(c for c in mod.co_consts if isinstance(c, types.CodeType))
        if bigs:
            code = _patch_big_tuples(code, bigs)
        fns.append(types.FunctionType(code, code_globals, "c"))
        chunk.clear()
        bigs.clear()

    for lineno, s in lines:
        try:
            a = json.loads(s)
        except ValueError as e:
            raise TraceError(lineno, "?", f"invalid JSON: {e}")
        src, name, big = comp.op(a, lineno)
        if big:
            bigs.append((first_line + len(chunk), big))
        chunk.append(" " + src + "\n")
        if name in _CLEAN:
            pending_possible = False
        elif (name == "tuple" and a[2]) or name == "dict":
            pending_possible = True  # allocated without a call after it (3.12+: may be pending)
        if len(chunk) >= CHUNK_HARD_MAX or (len(chunk) >= CHUNK_OPS and not pending_possible):
            flush()
    if chunk:
        flush()
    comp.sv = None
    return Program(header, fns, comp.nops, comp.ncollect, comp.tag)


def _make_namespace():
    ns = {"__builtins__": builtins, "finalized": [], "resurrected": []}
    exec(compile(CLASS_SOURCE, "<pymm tagged lists>", "exec"), ns)
    return ns


def _warm_up(prog, ns, v, r):
    """Call everything the trace will call once, before the starting state.

    3.10 allocates a frame object on the first call of a code object and keeps
    it as the code's "zombie" frame for later calls; 3.11+ allocate nothing.
    """
    L, F, R = ns["L"], ns["F"], ns["R"]
    for fn in prog.fns:
        fn(None, L, F, R, gc, r)
    x = F()
    x.tag = -1
    y = R()
    y.tag = -1
    x = y = None
    ns["finalized"].clear()
    ns["resurrected"].clear()


def _replay(fns, nfns, v, L, F, R, r, debug):
    """Set up the starting state and run the chunk functions.

    Between the `gc.collect()` after `gc.freeze()` and the first operation,
    nothing allocates a GC-capable object (perf_counter returns a float).
    """
    gc.enable()
    gc.set_threshold(700, 10, 10)
    gc.collect()
    gc.collect()
    s0 = gc.get_stats()
    gc.freeze()
    n0 = gc.collect()
    if debug:
        # Everything below reads the state first and allocates afterwards.
        # A fresh dict, 1-tuple and list add 1 each to count[0] only if their
        # free lists are empty; so does the first get_count() result tuple.
        c = gc.get_count()
        en = gc.isenabled()
        gc.disable()
        a = {}
        b = (a,)
        lst = []
        c2 = gc.get_count()
        n2 = len(gc.get_objects(2))
        fz = gc.get_freeze_count()
        th = gc.get_threshold()
        gc.enable()
        return {
            "count": c,
            "objects_in_gen2": n2,
            "freeze_count": fz,
            "threshold": th,
            "enabled": en,
            "setup_collect_returned": n0,
            "count0_after_tuple_dict_1tuple_list": c2[0],
        }
    t0 = time.perf_counter()
    i = 0
    while i < nfns:
        fns[i](v, L, F, R, gc, r)
        i += 1
    t1 = time.perf_counter()
    gc.isenabled()  # end of trace: an eval-breaker check (runs a collection pending in 3.12+)
    gc.disable()
    count = gc.get_count()
    s1 = gc.get_stats()
    return s0, n0, s1, count, t1 - t0


def run_program(prog, debug=False):
    ns = _make_namespace()
    L, F, R = ns["L"], ns["F"], ns["R"]
    v = [None] * prog.header["slots"]
    r = []
    _warm_up(prog, ns, v, r)
    fns = prog.fns
    out = _replay(fns, len(fns), v, L, F, R, r, debug)
    if debug:
        gc.unfreeze()
        return out
    s0, n0, s1, count, seconds = out
    stats = [
        [
            s1[g]["collections"] - s0[g]["collections"],
            s1[g]["collected"] - s0[g]["collected"],
            s1[g]["uncollectable"] - s0[g]["uncollectable"],
        ]
        for g in range(3)
    ]
    stats[2][0] -= 1  # the setup's collection after gc.freeze()
    stats[2][1] -= n0
    gc.unfreeze()
    alive = sorted(o.tag for o in gc.get_objects() if type(o) in (L, F, R))
    result = {
        "collect_results": list(r),
        "stats": stats,
        "count": list(count),
        "finalized": list(ns["finalized"]),
        "resurrected": [o.tag for o in ns["resurrected"]],
        "alive": alive,
        "python": platform.python_version(),
    }
    # Tear down: release the trace's objects (their finalizers may run now;
    # the results were copied already).
    del alive
    v.clear()
    r.clear()
    ns["resurrected"].clear()
    prog.fns = None
    gc.enable()
    gc.set_threshold(700, 10, 10)
    gc.collect()
    return result, seconds


def dumps(result):
    return json.dumps(result, indent=2, sort_keys=True) + "\n"


def default_out_path(trace_path, out_dir=None):
    name = os.path.basename(trace_path)
    if name.endswith(".jsonl"):
        name = name[: -len(".jsonl")]
    fname = name + ".expected.json"
    if out_dir:
        return os.path.join(out_dir, fname)
    vi = sys.version_info
    if (vi.major, vi.minor) == (3, 11):
        return os.path.join(os.path.dirname(os.path.abspath(trace_path)), fname)
    return os.path.join(HERE, "expected", f"cpython-{vi.major}.{vi.minor}", fname)


def compare(expected, actual):
    """List of human-readable differences between two result objects."""
    diffs = []
    for key in ("collect_results", "stats", "count", "finalized", "resurrected", "alive"):
        e, a = expected.get(key), actual.get(key)
        if e == a:
            continue
        if isinstance(e, list) and isinstance(a, list):
            n = min(len(e), len(a))
            i = next((i for i in range(n) if e[i] != a[i]), n)
            diffs.append(
                f"{key}: differs at index {i} (expected {json.dumps(e[i:i+5])}..., got {json.dumps(a[i:i+5])}...; "
                f"lengths {len(e)} vs {len(a)})"
            )
        else:
            diffs.append(f"{key}: expected {json.dumps(e)}, got {json.dumps(a)}")
    return diffs


def record_one(path, out_dir=None, check=False, timing=False, debug=False):
    """Returns True on success (written, or check passed)."""
    try:
        prog = compile_trace(path)
    except TraceError as e:
        print(f"{path}: line {e.line}: {e.op}: {e.reason}", file=sys.stderr)
        return False
    except OSError as e:
        print(f"{path}: line 0: -: cannot read: {e}", file=sys.stderr)
        return False
    if debug:
        state = run_program(prog, debug=True)
        print(f"{path}: starting state on {platform.python_version()}: {json.dumps(state)}", file=sys.stderr)
        return True
    result, seconds = run_program(prog)
    if timing:
        print(f"replay-seconds: {seconds:.6f} {path}", file=sys.stderr)
    out = default_out_path(path, out_dir)
    text = dumps(result)
    if check:
        try:
            with open(out, encoding="utf-8") as f:
                expected = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read {out}: {e}", file=sys.stderr)
            return False
        diffs = compare(expected, result)
        if expected.get("python") != result["python"]:
            print(
                f"{path}: note: expected file was recorded with {expected.get('python')}, "
                f"running {result['python']}",
                file=sys.stderr,
            )
        if diffs:
            print(f"{path}: MISMATCH with {out}", file=sys.stderr)
            for d in diffs:
                print(f"  {d}", file=sys.stderr)
            return False
        print(f"{path}: ok")
        return True
    try:
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        tmp = out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as e:
        print(f"{path}: cannot write {out}: {e}", file=sys.stderr)
        return False
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description="Record CPython results for pymm-trace v1 files.")
    ap.add_argument("traces", nargs="+", metavar="TRACE.jsonl")
    ap.add_argument("--out-dir", help="directory for NAME.expected.json (default: see module doc)")
    ap.add_argument("--check", action="store_true", help="compare with the existing expected files; write nothing")
    ap.add_argument("--timing", action="store_true", help="print replay-seconds per trace to stderr")
    ap.add_argument("--debug-start", action="store_true", help="print the collector state where the trace would start")
    args = ap.parse_args(argv)
    ok = True
    for path in args.traces:
        ok = record_one(path, args.out_dir, args.check, args.timing, args.debug_start) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
