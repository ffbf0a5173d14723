"""Dump the heap of a running CPython process for ``pymm snapshot analyze``.

One file, no dependencies beyond the standard library. From inside a program::

    import pymm_snapshot
    pymm_snapshot.dump("heap.pymmsnap")

or run a script and dump its heap when it finishes::

    python3 -m pymm_snapshot -o heap.pymmsnap script.py [args ...]

The format (JSON lines, version 1) is documented in the repository's docs/guides/snapshot-format.md.

The dump does not change what it measures: the collector is disabled while it runs, the object lists
are taken before anything else is allocated, and every object the dump allocates afterwards (its
lists, the file, the records) is left out of the snapshot and freed by reference counting (none of
them is cyclic), so the next ``gc.collect()`` finds the same garbage as before the dump.
"""

import gc
import json
import sys

try:
    import _tracemalloc
except ImportError:  # not CPython
    _tracemalloc = None

FORMAT = "pymm-snapshot"
VERSION = 1
REPR_LIMIT = 60

_encode = json.encoder.encode_basestring_ascii
_scalars = (int, float, complex, bool, type(None))
_finalizing_builtins = ("generator", "coroutine", "async_generator")


def dump(path, repr_limit=REPR_LIMIT, frames=True):
    """Write a snapshot of every GC-tracked object, and the untracked objects they refer to, to ``path``.

    Returns the number of objects written.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        # Taken first: each list skips itself, and the later lists are not in the earlier ones'
        # generations (they are created after them).
        young = gc.get_objects(generation=0)
        middle = gc.get_objects(generation=1)
        old = gc.get_objects(generation=2)
        with open(path, "w", encoding="ascii") as out:
            writer = _Writer(out, repr_limit)
            writer.header()
            writer.generation(young, 0)
            writer.generation(middle, 1)
            writer.generation(old, 2)
            writer.untracked()
            young = middle = old = None
            writer.modules()
            if frames:
                writer.frames()
            return writer.end()
    finally:
        if enabled:
            gc.enable()


class _Writer:
    def __init__(self, out, repr_limit):
        self.out = out
        self.repr_limit = repr_limit
        self.types = {}
        self.sites = {}
        self.seen = set()
        self.pending = []
        self.objects = 0
        self.edges = 0
        self.own_file = __file__
        self.tracemalloc = _tracemalloc if _tracemalloc is not None and _tracemalloc.is_tracing() else None
        self.offset = self._calibrate()

    def _calibrate(self):
        # An object held by one name, then by a list the way the generation lists hold objects, and
        # measured through calls of the same depth as _object's: what sys.getrefcount reports for
        # it, less 1, is what the dump's own references add.
        probe = object()
        holder = [probe]
        for o in holder:
            measured = self._probe(o)
        return measured - 1

    def _probe(self, o):
        return self._refcount(o)

    def _refcount(self, o):
        return sys.getrefcount(o)

    def header(self):
        v = sys.version_info
        self.out.write(
            '{"format":"%s","version":%d,"python":"%d.%d.%d","implementation":%s,"pointer_size":%d,'
            '"thresholds":[%d,%d,%d],"counts":[%d,%d,%d],"tracemalloc":%s}\n'
            % (
                (FORMAT, VERSION, v[0], v[1], v[2], _encode(sys.implementation.name), 8 if sys.maxsize > 2**32 else 4)
                + gc.get_threshold()
                + gc.get_count()
                + ("true" if self.tracemalloc is not None else "false",)
            )
        )

    def generation(self, objects, gen):
        for o in objects:
            self._object(o, gen)

    def untracked(self):
        for o in self.pending:
            self._object(o, -1)

    def _object(self, o, gen):
        rc = self._refcount(o) - self.offset
        t = type(o)
        if t.__name__ == "frame" and getattr(getattr(o, "f_code", None), "co_filename", None) == self.own_file:
            return
        tid = self._type(t)
        refs = gc.get_referents(o)
        targets = []
        for r in refs:
            i = id(r)
            if not gc.is_tracked(r) and i not in self.seen:
                self.seen.add(i)
                self.pending.append(r)
            targets.append("%d" % i)
        labels = self._labels(o, t, refs)
        site = self._site(o)
        self.out.write(
            '["o",%d,%d,%d,%d,%d,%s,[%s],%s,%d]\n'
            % (id(o), gen, tid, sys.getsizeof(o), rc, _encode(self._repr(o, t)), ",".join(targets), labels, site)
        )
        self.objects += 1
        self.edges += len(refs)

    def _type(self, t):
        tid = self.types.get(id(t))
        if tid is None:
            tid = len(self.types)
            self.types[id(t)] = tid
            finalizer = t.__name__ in _finalizing_builtins and t.__module__ == "builtins"
            for k in t.__mro__:
                if "__del__" in k.__dict__:
                    finalizer = True
            self.out.write(
                '["t",%d,%s,%s]\n' % (tid, _encode("%s.%s" % (t.__module__, t.__qualname__)), "true" if finalizer else "false")
            )
        return tid

    def _labels(self, o, t, refs):
        n = len(refs)
        if t is list or t is tuple:
            if n == len(o) and all(a is b for a, b in zip(refs, o)):
                return "[%s]" % ",".join(['"[%d]"' % i for i in range(n)])
        elif t is dict:
            m = len(o)
            if n == m and all(a is b for a, b in zip(refs, o.values())):
                return "[%s]" % ",".join([_encode(self._key(k)) for k in o])
            if n == 2 * m and all(a is b for a, b in zip(refs[0::2], o.values())):
                return "[%s]" % ",".join([_encode(self._key(k)) + ',"(key)"' for k in o])
        elif hasattr(t, "__slots__") and not isinstance(o, type):
            names = []
            for k in t.__mro__:
                slots = k.__dict__.get("__slots__", ())
                for s in (slots,) if isinstance(slots, str) else slots:
                    if s not in ("__dict__", "__weakref__"):
                        names.append(s)
            values = [getattr(o, s, None) for s in names]
            if len(values) + 1 == n and refs[-1] is t:
                present = [s for s, v in zip(names, values) if v is not None]
                if len(present) + 1 == n:
                    return "[%s]" % ",".join([_encode(s) for s in present] + ['"__class__"'])
        return "null"

    def _key(self, k):
        if type(k) is str:
            return "[%r]" % k[: self.repr_limit]
        if type(k) in _scalars:
            return "[%s]" % self._repr(k, type(k))
        return "[<%s>]" % type(k).__name__

    def _repr(self, o, t):
        limit = self.repr_limit
        if t is str:
            return repr(o[:limit]) + ("..." if len(o) > limit else "")
        if t is bytes:
            return repr(o[:limit]) + ("..." if len(o) > limit else "")
        if t is int:
            return repr(o) if -(2**64) < o < 2**64 else "<int of %d bits>" % o.bit_length()
        if t in (float, complex, bool, type(None)):
            return repr(o)
        if t in (list, tuple, dict, set, frozenset, bytearray):
            return "<%s of %d>" % (t.__name__, len(o))
        if t is type(sys):
            return "<module %s>" % _encode(o.__name__)[1:-1] if type(o.__dict__.get("__name__")) is str else "<module>"
        if isinstance(o, type):
            return "<class %s>" % o.__qualname__
        name = getattr(t, "__name__", "?")
        if name in ("function", "builtin_function_or_method", "method", "code"):
            qualname = o.__qualname__ if name != "code" else o.co_name
            return "<%s %s>" % (name, qualname if type(qualname) is str else "?")
        return "<%s object>" % name

    def _site(self, o):
        if self.tracemalloc is None:
            return -1
        frames = self.tracemalloc._get_object_traceback(o)
        if frames is None:
            return -1
        # Most recent call first, as _tracemalloc gives them; written oldest first, as tracemalloc shows.
        key = tuple(["%s:%d" % frame for frame in reversed(frames)])
        sid = self.sites.get(key)
        if sid is None:
            sid = len(self.sites)
            self.sites[key] = sid
            self.out.write('["s",%d,[%s]]\n' % (sid, ",".join([_encode(s) for s in key])))
        return sid

    def modules(self):
        for name, module in list(sys.modules.items()):
            d = getattr(module, "__dict__", None)
            if type(d) is dict and type(name) is str:
                self.out.write('["r",%d,"module",%s]\n' % (id(d), _encode(name)))

    def frames(self):
        # Read last: materializing a frame's locals allocates, and the refcounts are already written.
        for thread, frame in list(sys._current_frames().items()):
            while frame is not None:
                code = frame.f_code
                if code.co_filename != self.own_file:
                    where = "%s %s:%d" % (code.co_name, code.co_filename, frame.f_lineno)
                    local = frame.f_locals
                    if local is not frame.f_globals:
                        for value in list(local.values()):
                            self.out.write('["r",%d,"frame",%s]\n' % (id(value), _encode(where)))
                frame = frame.f_back
            frame = None

    def end(self):
        self.out.write('["end",%d,%d]\n' % (self.objects, self.edges))
        return self.objects


def main(argv=None):
    import argparse
    import runpy

    parser = argparse.ArgumentParser(prog="python3 -m pymm_snapshot", description="Run a script, then dump its heap.")
    parser.add_argument("-o", "--output", default="heap.pymmsnap", help="the snapshot file (default heap.pymmsnap)")
    parser.add_argument("script", help="the Python script to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    options = parser.parse_args(argv)
    sys.argv = [options.script] + options.args
    namespace = runpy.run_path(options.script, run_name="__main__")
    count = dump(options.output)
    print("pymm_snapshot: %d objects written to %s" % (count, options.output), file=sys.stderr)
    return namespace


if __name__ == "__main__":
    main()
