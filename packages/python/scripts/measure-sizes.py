"""Measures, on the running CPython, sys.getsizeof and Py_TPFLAGS_HAVE_GC of the object kinds that
@pymm/python creates as native heap objects, and prints them as JSON (one entry per type name).

Run it with each CPython 3.10-3.13 (`python3.X measure-sizes.py > sizes-3.X.json`), then merge the
outputs into the fixture: `python3 measure-sizes.py --merge sizes-3.*.json > ../src/runtime/__fixtures__/native-sizes.json`.
"""
import json
import sys
import types

HAVE_GC = 1 << 14


class C:
    def m(self):
        pass


def f():
    pass


def gen():
    yield 1


try:
    raise ValueError("x")
except ValueError as e:
    exc = e
    tb = e.__traceback__

samples = {
    "type": C,
    "object": object(),
    "method": C().m,
    "builtin_function_or_method": len,
    "method-wrapper": (1).__add__,
    "code": f.__code__,
    "frame": sys._getframe(),
    "traceback": tb,
    "BaseException": BaseException(),
    "BaseException1": BaseException("x"),
    "module": sys,
    "TextIOWrapper": sys.stdout,
    "range": range(10),
    "list_iterator": iter([]),
    "list_reverseiterator": reversed([]),
    "tuple_iterator": iter(()),
    "range_iterator": iter(range(3)),
    "longrange_iterator": iter(range(2**64)),
    "str_ascii_iterator" if sys.version_info >= (3, 12) else "str_iterator": iter("ab"),
    "set_iterator": iter(set()),
    "dict_keyiterator": iter({}),
    "dict_valueiterator": iter({}.values()),
    "dict_itemiterator": iter({}.items()),
    "dict_keys": {}.keys(),
    "dict_values": {}.values(),
    "dict_items": {}.items(),
    "enumerate": enumerate([]),
    "zip": zip(),
    "map": map(f, []),
    "filter": filter(f, []),
    "reversed": reversed(type("S", (), {"__len__": lambda s: 0, "__getitem__": lambda s, i: 0})()),
    "property": property(f),
    "staticmethod": staticmethod(f),
    "classmethod": classmethod(f),
    "super": super(C, C()),
    "callable_iterator": iter(f, 1),
    "iterator": iter(type("G", (), {"__getitem__": lambda s, i: 0})()),
    "slice": slice(1, 2),
    "NotImplementedType": NotImplemented,
    "ellipsis": ...,
    "weakproxy": None,
    "count": None,
    "islice": None,
    "chain": None,
}
import itertools
import weakref

samples["count"] = itertools.count()
samples["islice"] = itertools.islice([], 1)
samples["chain"] = itertools.chain()
# The combinatoric iterators' __sizeof__ adds their index arrays; these samples have none.
samples["accumulate"] = itertools.accumulate([])
samples["repeat"] = itertools.repeat(None)
samples["cycle"] = itertools.cycle([])
samples["takewhile"] = itertools.takewhile(f, [])
samples["dropwhile"] = itertools.dropwhile(f, [])
samples["zip_longest"] = itertools.zip_longest()
samples["product"] = itertools.product()
samples["permutations"] = itertools.permutations([], 0)
samples["combinations"] = itertools.combinations([], 0)
samples["groupby"] = itertools.groupby([])
samples["_grouper"] = next(itertools.groupby("a"))[1]
samples["_tee"] = itertools.tee([], 1)[0]
samples["starmap"] = itertools.starmap(f, [])
samples["pairwise"] = itertools.pairwise([])
samples["weakproxy"] = weakref.proxy(C())
samples["weakcallableproxy"] = weakref.proxy(f)
import io

samples["StringIO"] = io.StringIO()
samples["BytesIO"] = io.BytesIO()
import random

samples["Random"] = random.Random(0)
samples["WeakSet"] = weakref.WeakSet()
samples["WeakValueDictionary"] = weakref.WeakValueDictionary()
samples["WeakKeyDictionary"] = weakref.WeakKeyDictionary()
samples["finalize"] = weakref.finalize(C(), f)
samples["finalize_Info"] = weakref.finalize._Info()
import tracemalloc

samples["tracemalloc_Frame"] = tracemalloc.Frame(("f.py", 1))
samples["tracemalloc_Traceback"] = tracemalloc.Traceback((("f.py", 1),))
samples["tracemalloc_Statistic"] = tracemalloc.Statistic(None, 0, 0)
samples["tracemalloc_StatisticDiff"] = tracemalloc.StatisticDiff(None, 0, 0, 0, 0)
samples["tracemalloc_Snapshot"] = tracemalloc.Snapshot((), 1)
samples["tracemalloc_Filter"] = tracemalloc.Filter(True, "*")
samples["bytes_iterator"] = iter(b"")
samples["bytearray_iterator"] = iter(bytearray())
samples["memory_iterator"] = iter(memoryview(b""))


class Slotted:
    __slots__ = ("x",)


samples["getset_descriptor"] = C.__dict__["__dict__"]
samples["member_descriptor"] = Slotted.__dict__["x"]

if len(sys.argv) > 2 and sys.argv[1] == "--merge":
    merged = {}
    for path in sys.argv[2:]:
        with open(path) as handle:
            measured = json.load(handle)
        merged[measured["version"]] = measured["types"]
    json.dump(merged, sys.stdout, indent=1, sort_keys=True)
    print()
    sys.exit(0)

out = {}
for name, obj in samples.items():
    t = type(obj)
    out[name] = {
        "name": t.__name__,
        "size": sys.getsizeof(obj),
        "basicsize": t.__basicsize__,
        "gc": bool(t.__flags__ & HAVE_GC),
    }
json.dump({"version": f"{sys.version_info[0]}.{sys.version_info[1]}", "types": out}, sys.stdout, indent=1, sort_keys=True)
print()
