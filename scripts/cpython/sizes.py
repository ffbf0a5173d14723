"""Print the object-size table that @pymm/core's object model is tested against.

Run with the CPython whose sizes you want (64-bit):

    python3 scripts/cpython/sizes.py > packages/core/src/objects/__fixtures__/cpython-3.11-sizes.json

Every number in the output comes from ``sys.getsizeof`` on this interpreter, so no
CPython figure is ever typed in by hand. The table lists, per case, the object's
size and whether its type is a GC container (``Py_TPFLAGS_HAVE_GC``).
"""
import gc
import io
import json
import os
import platform
import sys
import tempfile
import weakref

HAVE_GC = 1 << 14
rows = []


def row(kind, param, obj, **extra):
    rows.append(dict(kind=kind, param=param, size=sys.getsizeof(obj),
                     gc_type=bool(type(obj).__flags__ & HAVE_GC), **extra))


row("none", None, None)
row("bool", True, True)
row("bool", False, False)
for v in [0, 1, -1, 5, 255, 256, 257, -5, -6, 2**30 - 1, 2**30, -(2**30), 2**60 - 1, 2**60, 2**62 - 1,
          -(2**62 - 1), 2**90, 2**100, 10**30]:
    row("int", str(v), v)
row("float", "1.5", 1.5)
row("complex", "1j", 1j)

# str: length x character kind (ascii, latin1, ucs2, ucs4)
for kind, ch in (("ascii", "a"), ("latin1", "\u00e9"), ("ucs2", "\u20ac"), ("ucs4", "\U0001F600")):
    for n in (0, 1, 2, 3, 7, 8, 15, 16, 31, 64, 100, 1000):
        s = "".join(chr(ord(ch)) for _ in range(n))
        # build at runtime so no cached UTF-8 copy exists (getsizeof counts it)
        s = "".join([s[:n // 2], s[n // 2:]]) if n else ""
        row("str", {"chars": kind, "length": n}, s)

for n in (0, 1, 2, 3, 8, 16, 100, 1000):
    row("bytes", n, bytes(bytearray(n)))
for n in (0, 1, 8, 100):
    row("bytearray", n, bytearray(n))
row("memoryview", None, memoryview(b"abc"))

for n in range(0, 26):
    row("tuple", n, tuple(range(1000, 1000 + n)) if n else ())

# list growth by append: size after each append from empty
lst = []
row("list_append", 0, lst)
for n in range(1, 101):
    lst.append(None)
    row("list_append", n, lst)
# list built from an exact-size source (list(range(n)), list displays preallocate exactly, rounded up to even? check)
for n in range(0, 21):
    row("list_from_range", n, list(range(n)))
# shrinking: pop from a 100-list down to 0
lst = [None] * 100
for n in range(100, -1, -1):
    row("list_pop", n, lst)
    if lst:
        lst.pop()

# dict growth by insertion (str keys, int keys)
for keykind in ("str", "int"):
    d = {}
    row("dict_" + keykind, 0, d)
    for n in range(1, 101):
        d[("k%d" % n) if keykind == "str" else n + 1000] = None
        row("dict_" + keykind, n, d)

s = set()
row("set", 0, s)
for n in range(1, 101):
    s.add(n + 1000)
    row("set", n, s)
for n in (0, 1, 5, 19, 100):
    row("frozenset", n, frozenset(range(1000, 1000 + n)))


class Plain:
    pass


p = Plain()
row("instance", 0, p)
for n in range(0, 6):
    cls = type("S%d" % n, (), {"__slots__": tuple("a%d" % i for i in range(n))})
    row("slots_instance", n, cls())


def f():
    pass


def g():
    yield 1


class TaggedList(list):
    __slots__ = ("tag",)


tl = TaggedList()
row("list_subclass_slot", 0, tl)
for n in range(1, 20):
    tl.append(None)
    row("list_subclass_slot", n, tl)
row("function", None, f)
row("generator", None, g())
row("weakref", "no callback", weakref.ref(p))
row("weakref", "callback", weakref.ref(p, lambda r: None))
def make_cell():
    x = p
    return (lambda: x).__closure__[0]


row("cell", None, make_cell())

fd, path = tempfile.mkstemp()
os.close(fd)
with open(path, "rb", buffering=0) as fh:
    row("file", "FileIO", fh)
with open(path, "rb") as fh:
    row("file", "BufferedReader", fh)
with open(path, "r") as fh:
    row("file", "TextIOWrapper", fh)
os.unlink(path)
row("range", None, range(10))

print(json.dumps({
    "python": platform.python_version(),
    "implementation": platform.python_implementation(),
    "pointer_bits": 64 if sys.maxsize > 2**32 else 32,
    "gc_threshold": list(gc.get_threshold()),
    "rows": rows,
}, indent=1, sort_keys=True))
