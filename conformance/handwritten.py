#!/usr/bin/env python3
"""Writes the hand-written pymm-trace v1 files of the conformance corpus.

Usage:
    python3 conformance/handwritten.py [--out-dir conformance/traces] [--list]

Deterministic: the same script always writes the same bytes. ``--list`` prints
the Markdown table (name, ops, meaning) used in conformance/README.md.

Tags count list/flist/rlist operations from 0, in trace order; the comments
below name objects by tag (L0, F3, R5...).
"""

import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


class Trace:
    def __init__(self, name, slots, description):
        self.name, self.slots, self.description = name, slots, description
        self.ops = []
        self.ntags = 0

    def op(self, *a):
        self.ops.append(list(a))
        return self

    def _tagged(self, kind, d):
        self.op(kind, d)
        self.ntags += 1
        return self.ntags - 1

    def list(self, d):
        return self._tagged("list", d)

    def flist(self, d):
        return self._tagged("flist", d)

    def rlist(self, d):
        return self._tagged("rlist", d)

    def tuple(self, d, items):
        return self.op("tuple", d, list(items))

    def dict(self, d):
        return self.op("dict", d)

    def int(self, d, n):
        return self.op("int", d, n)

    def str(self, d, s):
        return self.op("str", d, s)

    def none(self, d):
        return self.op("none", d)

    def move(self, d, s):
        return self.op("move", d, s)

    def append(self, d, s):
        return self.op("append", d, s)

    def setitem(self, d, k, s):
        return self.op("setitem", d, k, s)

    def getitem(self, d, s, k):
        return self.op("getitem", d, s, k)

    def delitem(self, d, k):
        return self.op("delitem", d, k)

    def pop(self, d):
        return self.op("pop", d)

    def clear(self, d):
        return self.op("clear", d)

    def collect(self, g):
        return self.op("collect", g)

    def gc(self, what):
        return self.op("gc", what)

    def threshold(self, a, b, c):
        return self.op("threshold", a, b, c)

    def text(self):
        head = {
            "format": "pymm-trace",
            "version": 1,
            "slots": self.slots,
            "name": self.name,
            "description": self.description,
        }
        lines = [json.dumps(head, ensure_ascii=False)]
        lines += [json.dumps(o, ensure_ascii=False) for o in self.ops]
        return "\n".join(lines) + "\n"


TRACES = []


def trace(name, slots, description):
    def deco(fn):
        TRACES.append((name, slots, description, fn))
        return fn

    return deco


# ---------------------------------------------------------------------------
# One operation at a time
# ---------------------------------------------------------------------------


@trace("op-list", 4, "list: three tagged lists, one dropped (GC_Del, count-1); L0 and L2 stay alive")
def _(t):
    t.list(0)
    t.list(1)
    t.list(2)
    t.none(1)


@trace("op-flist", 4, "flist: F0 dropped by none, F1 dropped by being overwritten (move); both finalizers run at once")
def _(t):
    t.flist(0)
    t.flist(1)
    t.none(0)
    t.list(2)
    t.move(1, 2)


@trace("op-rlist", 4, "rlist: R0 dropped (finalized, resurrected); R1 dropped holding L2 (both come back)")
def _(t):
    t.rlist(0)
    t.none(0)
    t.rlist(1)
    t.list(2)
    t.append(1, 2)
    t.none(2)
    t.none(1)


@trace("op-tuple", 10, "tuple: of atoms, of containers, a 1-tuple and the empty tuple (a singleton: no allocation); getitem from a tuple")
def _(t):
    t.int(0, 5)
    t.str(1, "s")
    t.list(2)
    t.tuple(3, [0, 1])
    t.tuple(4, [2, 3, 0])
    t.tuple(5, [])
    t.tuple(6, [2])
    t.getitem(7, 4, 0)
    t.getitem(8, 4, -1)
    t.none(2)
    t.none(4)
    t.none(6)


@trace("op-tuple-large", 8, "tuple: 31-, 45- and 300-item tuples are one allocation each (the recorder avoids the compiler's hidden list)")
def _(t):
    t.list(0)
    t.int(1, 1)
    t.tuple(2, [0, 1] * 15 + [0])
    t.tuple(3, [1] * 45)
    t.tuple(4, [0, 1, 2, 3] * 75)
    t.getitem(5, 4, -1)
    t.getitem(6, 2, 30)
    t.none(0)
    t.none(2)


@trace("op-dict", 8, "dict: created empty and untracked; int keys incl. negative, atom and container values, getitem, delitem, clear, a freed dict")
def _(t):
    t.dict(0)
    t.int(1, 7)
    t.list(2)
    t.setitem(0, 1, 1)
    t.setitem(0, 2, 2)
    t.setitem(0, -3, 1)
    t.getitem(3, 0, 2)
    t.delitem(0, 1)
    t.none(2)
    t.none(3)
    t.clear(0)
    t.dict(4)
    t.none(4)


@trace("op-atoms", 6, "int, str, none: atoms allocate no GC object; the count stays (0, 0, 0)")
def _(t):
    t.int(0, 0)
    t.int(1, -5)
    t.int(2, 2**61)
    t.int(3, -(2**61) + 1)
    t.str(4, "")
    t.str(5, "naïve text ✓")
    t.move(0, 4)
    t.none(5)
    t.none(1)


@trace("op-move", 4, "move: two slots share one list; dropping one alias keeps it alive, dropping both frees it")
def _(t):
    t.list(0)
    t.move(1, 0)
    t.none(0)
    t.list(2)
    t.move(3, 2)
    t.move(2, 0)
    t.none(3)


@trace("op-append", 4, "append: a list holding another list twice, itself and an int; L1 outlives its slot inside L0")
def _(t):
    t.list(0)
    t.list(1)
    t.append(0, 1)
    t.append(0, 1)
    t.append(0, 0)
    t.int(2, 3)
    t.append(0, 2)
    t.none(1)


@trace("op-setitem-list", 4, "setitem on a list, positive and negative index; the replaced L1 is freed when its last reference goes")
def _(t):
    t.list(0)
    t.list(1)
    t.list(2)
    t.append(0, 1)
    t.append(0, 1)
    t.none(1)
    t.setitem(0, 0, 2)
    t.setitem(0, -1, 2)


@trace("op-setitem-dict", 4, "setitem on a dict: new keys (incl. negative), replacing a value frees F2 (finalizer runs)")
def _(t):
    t.dict(0)
    t.list(1)
    t.setitem(0, 5, 1)
    t.setitem(0, -5, 1)
    t.flist(2)
    t.setitem(0, 7, 2)
    t.none(2)
    t.setitem(0, 7, 1)


@trace("op-getitem", 10, "getitem from a list (negative index too), a tuple and a dict; the results keep their objects alive")
def _(t):
    t.list(0)
    t.list(1)
    t.append(0, 1)
    t.tuple(2, [1, 0])
    t.dict(3)
    t.setitem(3, 9, 1)
    t.getitem(4, 0, 0)
    t.getitem(5, 2, -1)
    t.getitem(6, 3, 9)
    t.getitem(7, 0, -1)
    t.none(0)
    t.none(1)
    t.none(2)
    t.none(3)


@trace("op-delitem", 6, "delitem from a list (index 0 and -1) and from a dict; the deleted finalizers run immediately")
def _(t):
    t.list(0)
    t.flist(1)
    t.flist(2)
    t.append(0, 1)
    t.append(0, 2)
    t.none(1)
    t.none(2)
    t.delitem(0, 0)
    t.dict(3)
    t.flist(4)
    t.setitem(3, 1, 4)
    t.none(4)
    t.delitem(3, 1)
    t.delitem(0, -1)


@trace("op-pop", 4, "pop: the popped F1 is dropped at once (finalizer runs); a popped list that is still referenced survives")
def _(t):
    t.list(0)
    t.flist(1)
    t.list(2)
    t.append(0, 2)
    t.append(0, 1)
    t.none(1)
    t.pop(0)
    t.pop(0)


@trace("op-clear", 8, "clear a list of four flists (released last to first) and a dict of two flists")
def _(t):
    t.list(0)
    for _ in range(4):
        t.flist(1)
        t.append(0, 1)
    t.none(1)
    t.clear(0)
    t.dict(2)
    t.flist(3)
    t.setitem(2, 10, 3)
    t.flist(3)
    t.setitem(2, 20, 3)
    t.none(3)
    t.clear(2)


@trace("op-collect", 6, "collect 0, 1, 2 and their counters: collect(g) does count[g+1] += 1 and zeroes count[0..g]")
def _(t):
    t.list(0)
    t.collect(0)
    t.list(1)
    t.collect(1)
    t.list(2)
    t.list(3)
    t.append(3, 3)
    t.none(3)
    t.collect(0)
    t.collect(2)
    t.list(4)


@trace("op-gc-enable-disable", 4, "gc disable / enable: no automatic collection in between; enabling collects nothing by itself")
def _(t):
    t.gc("disable")
    t.list(0)
    t.gc("enable")
    t.list(1)
    t.gc("disable")
    t.gc("disable")
    t.gc("enable")


@trace("op-freeze-unfreeze", 4, "freeze moves everything to the permanent generation and zeroes the counts; unfreeze moves it back to generation 2")
def _(t):
    t.list(0)
    t.list(1)
    t.collect(0)
    t.list(2)
    t.gc("freeze")
    t.list(3)
    t.collect(1)
    t.gc("unfreeze")


@trace("op-threshold", 12, "threshold: set_threshold's 3-tuple of arguments is itself a GC allocation; (10, 10, 10) then 10 lists trigger gen 0")
def _(t):
    t.threshold(10, 10, 10)
    for i in range(10):
        t.list(i)
    t.threshold(700, 10, 10)
    t.list(10)


# ---------------------------------------------------------------------------
# Cycles
# ---------------------------------------------------------------------------


@trace("cycle-two-node", 2, "a 2-node list cycle dropped: collect(2) returns 2")
def _(t):
    t.list(0)
    t.list(1)
    t.append(0, 1)
    t.append(1, 0)
    t.none(0)
    t.none(1)
    t.collect(2)


@trace("cycle-self-list", 2, "a self-referencing list dropped: refcounting cannot free it, collect(0) returns 1")
def _(t):
    t.list(0)
    t.append(0, 0)
    t.none(0)
    t.collect(0)
    t.collect(2)


@trace("cycle-through-tuple", 3, "list -> tuple -> list cycle: collect(2) returns 2")
def _(t):
    t.list(0)
    t.tuple(1, [0])
    t.append(0, 1)
    t.none(0)
    t.none(1)
    t.collect(2)


@trace("cycle-through-dict", 3, "dict -> list -> dict cycle (the dict becomes tracked when the list is stored): collect(2) returns 2")
def _(t):
    t.dict(0)
    t.list(1)
    t.setitem(0, 1, 1)
    t.append(1, 0)
    t.none(0)
    t.none(1)
    t.collect(2)


@trace("cycle-cross-generation", 4, "a cycle with members in gen 1 and gen 0: collect(0) finds nothing (gen-1 member is an outside reference), collect(1) returns 3")
def _(t):
    t.list(0)
    t.list(1)
    t.append(0, 1)
    t.collect(0)
    t.list(2)
    t.append(2, 0)
    t.append(1, 2)
    t.none(0)
    t.none(1)
    t.none(2)
    t.collect(0)
    t.collect(1)


@trace("cycle-reachable-from-garbage", 6, "a non-cyclic list reachable only from a cycle is collected with it; a cycle still referenced from a slot survives")
def _(t):
    t.list(0)
    t.list(1)
    t.list(2)
    t.append(0, 1)
    t.append(1, 0)
    t.append(1, 2)
    t.list(3)
    t.append(3, 3)
    t.none(0)
    t.none(1)
    t.none(2)
    t.collect(2)


# ---------------------------------------------------------------------------
# Automatic collections and the generation schedule
# ---------------------------------------------------------------------------


@trace("auto-gen0-700", 700, "700 kept lists: count (700, 0, 0), no automatic collection (the trigger is count > 700)")
def _(t):
    for i in range(700):
        t.list(i)


@trace("auto-gen0-701", 701, "701 kept lists: the 701st allocation triggers gen 0 before it is tracked; count (0, 1, 0)")
def _(t):
    for i in range(701):
        t.list(i)


@trace("auto-gen0-garbage", 8, "self-referencing lists dropped one after another: garbage does not lower count[0]; the automatic gen-0 collections find it")
def _(t):
    for i in range(1000):
        t.list(i % 8)
        t.append(i % 8, i % 8)


@trace("auto-gen1", 8412, "8412 kept lists = 12 triggers: 11 gen-0 collections then the 12th is gen 1; count (0, 0, 1)")
def _(t):
    for i in range(8412):
        t.list(i)


@trace("auto-gen2", 93233, "93233 kept lists = 133 triggers: 121 gen 0 and 11 gen 1, then the 133rd is gen 2 (long_lived_total starts at 0, so the 1/4 rule passes)")
def _(t):
    for i in range(93233):
        t.list(i)


@trace("longlived-skip", 20003, "default thresholds: 20000 long-lived lists and a full collection, then 95000 dropped self-cycles: every gen-2 candidate from the 133rd trigger on is skipped (long_lived_pending < long_lived_total/4) until 10000 kept lists raise pending")
def _(t):
    for i in range(20000):
        t.list(i)
    t.collect(2)
    for i in range(95000):
        t.list(20000)
        t.append(20000, 20000)
    t.none(20000)
    t.list(20001)
    for i in range(10000):
        t.list(20002)
        t.append(20001, 20002)
    t.none(20002)


@trace("longlived-skip-small", 3003, "thresholds (100, 10, 10): 3000 long-lived lists and a full collection, then 16000 dropped self-cycles: gen-2 candidates skipped by the 1/4 rule; then 1500 kept lists make gen 2 run")
def _(t):
    t.threshold(100, 10, 10)
    for i in range(3000):
        t.list(i)
    t.collect(2)
    for i in range(16000):
        t.list(3000)
        t.append(3000, 3000)
    t.none(3000)
    t.list(3001)
    for i in range(1500):
        t.list(3002)
        t.append(3001, 3002)
    t.none(3002)


@trace("threshold-custom", 1300, "thresholds (10, 2, 2): automatic collections of all generations; then (0, 10, 10) disables them for 1000 lists; (700, 10, 10) again collects on the next allocation")
def _(t):
    t.threshold(10, 2, 2)
    for i in range(200):
        t.list(i)
        if i % 3 == 0:
            t.none(i)
    t.threshold(0, 10, 10)
    for i in range(200, 1200):
        t.list(i)
    t.threshold(700, 10, 10)
    t.list(1200)


@trace("threshold-gen-thresholds", 600, "thresholds (50, 1, 0): a gen-1 collection after every two gen-0 ones, and with threshold2 = 0 a gen-2 candidate whenever count[2] > 0 (subject to the 1/4 rule)")
def _(t):
    t.threshold(50, 1, 0)
    for i in range(600):
        t.list(i)
        t.list(599 - i)


@trace("disable-enable", 1002, "gc disabled during 1000 allocations (no collection, count 1000); enable collects nothing until the next allocation, which triggers gen 0")
def _(t):
    t.gc("disable")
    for i in range(1000):
        t.list(i)
    t.gc("enable")
    t.list(1000)
    t.list(1001)


@trace("freeze-garbage", 4, "a garbage cycle frozen by gc.freeze() is invisible to collect(2), which finds only the unfrozen self-cycle L2 (returns 1); after gc.unfreeze() collect(2) returns 2")
def _(t):
    t.list(0)
    t.list(1)
    t.append(0, 1)
    t.append(1, 0)
    t.gc("freeze")
    t.none(0)
    t.none(1)
    t.list(2)
    t.append(2, 2)
    t.none(2)
    t.collect(2)
    t.gc("unfreeze")
    t.collect(2)


@trace("freeze-keeps-counts-zero", 1400, "gc.freeze() zeroes the counts: 1400 kept lists with a freeze after the first 700 trigger no collection; count (700, 0, 0)")
def _(t):
    for i in range(700):
        t.list(i)
    t.gc("freeze")
    for i in range(700, 1400):
        t.list(i)


# ---------------------------------------------------------------------------
# Finalizers and resurrection
# ---------------------------------------------------------------------------


@trace("fin-cycle", 2, "F0 in a cycle with L1: collect(2) calls F0's finalizer and frees both (returns 2)")
def _(t):
    t.flist(0)
    t.list(1)
    t.append(0, 1)
    t.append(1, 0)
    t.none(0)
    t.none(1)
    t.collect(2)


@trace("fin-cycle-ring", 4, "a ring F0 -> F1 -> F2 -> F0 (moved to gen 1, holding F3) and a cycle F3 <-> F4 across generations: the finalizer order follows the collector's list order")
def _(t):
    t.flist(0)
    t.flist(1)
    t.flist(2)
    t.append(0, 1)
    t.append(1, 2)
    t.append(2, 0)
    t.flist(3)
    t.append(0, 3)
    t.collect(0)
    t.flist(0)
    t.append(0, 3)
    t.append(3, 0)
    t.none(0)
    t.none(1)
    t.none(2)
    t.none(3)
    t.collect(2)


@trace("fin-drop-order", 4, "non-cyclic drops: a list of F1..F5 (items released last to first), a tuple of F6..F8, a dict of F9..F11 and a nested list")
def _(t):
    t.list(0)
    for _ in range(5):
        t.flist(1)
        t.append(0, 1)
    t.none(1)
    t.none(0)
    t.flist(1)
    t.flist(2)
    t.flist(3)
    t.tuple(0, [1, 2, 3])
    t.none(1)
    t.none(2)
    t.none(3)
    t.none(0)
    t.dict(0)
    for k in (3, 1, 2):
        t.flist(1)
        t.setitem(0, k, 1)
    t.none(1)
    t.none(0)
    t.flist(0)
    t.flist(1)
    t.append(0, 1)
    t.flist(1)
    t.append(0, 1)
    t.none(1)
    t.none(0)


@trace("fin-auto-collection", 8, "self-referencing flists dropped while allocating: the automatic gen-0 collections run their finalizers")
def _(t):
    for i in range(2500):
        if i % 2 == 0:
            t.flist(i % 8)
            t.append(i % 8, i % 8)
        else:
            t.list(i % 8)


@trace("resurrect-cycle", 2, "R0 in a cycle with L1: collect(2) runs R0's finalizer and both come back (returns 0); a second collect(2) does not finalize R0 again")
def _(t):
    t.rlist(0)
    t.list(1)
    t.append(0, 1)
    t.append(1, 0)
    t.none(0)
    t.none(1)
    t.collect(2)
    t.collect(2)


@trace("resurrect-mixed-garbage", 6, "one garbage set: R0 <-> F1 plus an unrelated cycle L2 <-> L3; collect(2) finalizes R0 and F1, resurrects them, frees L2 and L3 (returns 2)")
def _(t):
    t.rlist(0)
    t.flist(1)
    t.append(0, 1)
    t.append(1, 0)
    t.list(2)
    t.list(3)
    t.append(2, 3)
    t.append(3, 2)
    t.none(0)
    t.none(1)
    t.none(2)
    t.none(3)
    t.collect(2)
    t.collect(2)


@trace("resurrect-refcount", 3, "R0 dropped by refcounting (no cycle) is resurrected; F1 then held only by R0 stays alive and is never finalized")
def _(t):
    t.rlist(0)
    t.flist(1)
    t.append(0, 1)
    t.none(1)
    t.none(0)
    t.collect(2)


# ---------------------------------------------------------------------------
# Untracking of tuples and dicts
# ---------------------------------------------------------------------------


@trace("untrack-tuples", 2200, "thresholds (100, 1, 1), 400 long-lived lists collected, then 1500 kept tuples of ints: every collection untracks them, so long_lived_pending stays small and gen-2 candidates are skipped")
def _(t):
    t.threshold(100, 1, 1)
    t.int(2199, 1)
    for i in range(400):
        t.list(i)
    t.collect(2)
    for i in range(400, 1900):
        t.tuple(i, [2199, 2199])


@trace("untrack-tuples-control", 2200, "like untrack-tuples but the tuples hold a list: they stay tracked, pending grows and gen-2 collections run")
def _(t):
    t.threshold(100, 1, 1)
    t.list(2199)
    for i in range(400):
        t.list(i)
    t.collect(2)
    for i in range(400, 1900):
        t.tuple(i, [2199, 2199])


@trace("untrack-nested-tuples", 1000, "tuples of tuples of ints: an outer tuple can only be untracked in a collection after its inner tuple was")
def _(t):
    t.threshold(100, 1, 1)
    t.int(999, 3)
    t.list(998)
    for i in range(200):
        t.list(i)
    t.collect(2)
    for i in range(200, 600, 2):
        t.tuple(i, [999])
        t.tuple(i + 1, [i, 999])
    for i in range(600, 800):
        t.tuple(i, [998])


@trace("untrack-dicts-full-only", 1300, "thresholds (100, 1, 1): dicts that held a list and now hold ints stay tracked through gen 0/1 (they count in pending) and are untracked only by full collections")
def _(t):
    t.threshold(100, 1, 1)
    t.list(1299)
    t.int(1298, 5)
    for i in range(300):
        t.list(i)
    t.collect(2)
    for i in range(300, 1200):
        t.dict(i)
        t.setitem(i, 0, 1299)
        t.setitem(i, 0, 1298)


@trace("untrack-dicts-atoms", 1300, "thresholds (100, 1, 1): dicts that only ever hold ints are never tracked (created untracked), so they never count as survivors")
def _(t):
    t.threshold(100, 1, 1)
    t.int(1298, 5)
    for i in range(300):
        t.list(i)
    t.collect(2)
    for i in range(300, 1200):
        t.dict(i)
        t.setitem(i, 0, 1298)
        t.setitem(i, 1, 1298)


# ---------------------------------------------------------------------------
# Free lists
# ---------------------------------------------------------------------------


@trace("freelist-tuples", 2201, "2100 1-tuples freed: 2000 go to the 1-tuple free list (count unchanged), 100 are GC_Del'ed; reallocating 2100 counts only 100")
def _(t):
    t.int(2200, 1)
    t.gc("disable")
    for i in range(2100):
        t.tuple(i, [2200])
    t.collect(0)
    for i in range(2100):
        t.none(i)
    for i in range(2100):
        t.tuple(i, [2200])


@trace("freelist-tuples-sizes", 64, "tuple free lists are per size (1..19 reused; size 20 stored but never reused); gc disabled so the counts show every allocation")
def _(t):
    t.int(63, 1)
    t.gc("disable")
    for size in (1, 2, 3, 19, 20, 25):
        for i in range(3):
            t.tuple(i, [63] * size)
        for i in range(3):
            t.none(i)
    for j, size in enumerate((1, 2, 3, 19, 20, 25)):
        for i in range(3):
            t.tuple(3 + 3 * j + i, [63] * size)


@trace("freelist-dicts", 200, "100 dicts freed: 80 go to the dict free list, 20 are GC_Del'ed; 100 new dicts count 20; a full collection empties the free list, then 100 dicts count 100")
def _(t):
    t.gc("disable")
    for i in range(100):
        t.dict(i)
    for i in range(100):
        t.none(i)
    for i in range(100):
        t.dict(i)
    for i in range(100):
        t.none(i)
    t.collect(2)
    for i in range(100):
        t.dict(100 + i)


@trace("freelist-lists-bypass", 200, "tagged lists are list subclasses: they never use the list free list, so 100 freed and 100 new lists change the count by -100 and +100")
def _(t):
    t.gc("disable")
    for i in range(100):
        t.list(i)
    for i in range(100):
        t.none(i)
    for i in range(100):
        t.list(100 + i)


@trace("freelist-dicts-auto", 900, "gc enabled: dicts created and freed in a loop mostly reuse the free list, so 2000 dict operations trigger few collections")
def _(t):
    for i in range(2000):
        t.dict(i % 900)
        if i % 10 == 0:
            t.list(i % 7 + 0)
            t.append(i % 7, i % 7)


# ---------------------------------------------------------------------------
# Deep structures (the trashcan)
# ---------------------------------------------------------------------------


@trace("deep-chain-lists", 3, "a 200-deep chain of nested lists dropped at once: the trashcan defers deallocations past depth 50; all 200 are freed")
def _(t):
    t.list(0)
    for _ in range(199):
        t.list(1)
        t.append(1, 0)
        t.move(0, 1)
    t.none(1)
    t.none(0)


@trace("deep-chain-flists", 3, "a 200-deep chain of flists (F199 holds F198 ... holds F0) dropped at once: finalizers run outermost first; deferral past depth 50 does not reorder a plain chain (3.10: it costs one frame object, count 1)")
def _(t):
    t.flist(0)
    for _ in range(199):
        t.flist(1)
        t.append(1, 0)
        t.move(0, 1)
    t.none(1)
    t.none(0)


@trace("deep-chain-mixed", 3, "a 300-deep chain alternating list, 1-tuple and dict, with flists at every 25th level, dropped at once")
def _(t):
    t.flist(0)
    for i in range(299):
        kind = i % 3
        if i % 25 == 24:
            t.flist(1)
            t.append(1, 0)
        elif kind == 0:
            t.list(1)
            t.append(1, 0)
        elif kind == 1:
            t.tuple(1, [0])
        else:
            t.dict(1)
            t.setitem(1, 0, 0)
        t.move(0, 1)
    t.none(1)
    t.none(0)


@trace("deep-chain-cycle", 3, "a 200-deep chain of flists closed into a cycle, collected by collect(2)")
def _(t):
    t.flist(0)
    t.move(2, 0)
    for _ in range(199):
        t.flist(1)
        t.append(1, 0)
        t.move(0, 1)
    t.append(2, 0)
    t.none(1)
    t.none(0)
    t.none(2)
    t.collect(2)


@trace("deep-trashcan-order", 4, "L0 holds F1 then a 100-deep list chain ending in F2; dropping L0 releases the chain first, but the trashcan defers its deep part, so F1 is finalized before F2")
def _(t):
    t.list(0)
    t.flist(1)
    t.append(0, 1)
    t.flist(2)
    for _ in range(99):
        t.list(3)
        t.append(3, 2)
        t.move(2, 3)
    t.append(0, 2)
    t.none(1)
    t.none(2)
    t.none(3)
    t.none(0)


@trace("deep-trashcan-shallow", 4, "like deep-trashcan-order with a 10-deep chain: no deferral, F2 (inside the chain, released first) is finalized before F1")
def _(t):
    t.list(0)
    t.flist(1)
    t.append(0, 1)
    t.flist(2)
    for _ in range(9):
        t.list(3)
        t.append(3, 2)
        t.move(2, 3)
    t.append(0, 2)
    t.none(1)
    t.none(2)
    t.none(3)
    t.none(0)


def build_all():
    out = []
    for name, slots, desc, fn in TRACES:
        t = Trace(name, slots, desc)
        fn(t)
        out.append(t)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", default=os.path.join(HERE, "traces"))
    ap.add_argument("--list", action="store_true", help="print a Markdown table of the traces")
    a = ap.parse_args()
    traces = build_all()
    if a.list:
        print("| trace | ops | meaning |")
        print("|---|---|---|")
        for t in traces:
            print(f"| `{t.name}` | {len(t.ops)} | {t.description} |")
        return 0
    os.makedirs(a.out_dir, exist_ok=True)
    for t in traces:
        with open(os.path.join(a.out_dir, t.name + ".jsonl"), "w", encoding="utf-8", newline="\n") as f:
            f.write(t.text())
    print(f"wrote {len(traces)} traces to {a.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
