#!/usr/bin/env python3
"""Seeded generator of random, valid pymm-trace v1 files.

Usage:
    python3 conformance/generate.py --seed N --ops M --slots S
        [--name NAME] [--profile PROFILE] [--out FILE]      (default: stdout)

Profiles:
    small    everything, evenly, with frequent explicit collections
    mixed    everything; the default
    churn    mostly allocation and replacement (drives automatic collections)
    cycles   builds many cycles (self-, 2-node, through tuples and dicts), drops them
    grow     keeps most of what it builds (a growing long-lived population)
    auto     allocation-heavy with many cycles and rare explicit gc calls, so that
             automatic collections of all three generations happen
    deep     long chains of nested lists, tuples and dicts, dropped at once
    final    many finalizers (flist) and resurrectors (rlist) in and out of cycles
    gcctl    frequent thresholds, enable/disable and freeze

The same seed, ops, slots, name and profile always give the same bytes
(random.Random(seed) only; no hashing of unordered collections). Output is
streamed; memory is bounded by the live part of the trace's heap, because
the generator mirrors the trace with real Python objects (plain lists for tagged
lists, tuples, dicts, ints, strs) and lets CPython reclaim what the trace drops.

Every emitted operation is valid per specs/pymm-trace-v1.md: append only to
lists, setitem on an existing list index (negative too) or an int dict key,
getitem of an existing index or key, delitem of an existing one, pop from a
non-empty list, clear of a list or dict.

gc.unfreeze() is only emitted at the very end (followed by one full collection),
because in a CPython recorder it also releases the recorder's own frozen objects
into generation 2 (see conformance/README.md); before that point the results could
depend on how many objects the recorder froze.
"""

import argparse
import json
import sys
from random import Random

PROFILES = {
    # weights of operation families; "freeze" is the share of gc.freeze() among
    # the "gc" family (collect, threshold, enable/disable, freeze)
    "small": dict(alloc=30, drop=10, link=25, read=10, shrink=8, cycle=6, chain=0.3, gc=10, fin=5, freeze=0.15),
    "mixed": dict(alloc=35, drop=12, link=22, read=10, shrink=6, cycle=8, chain=0.3, gc=1, fin=3, freeze=0.1),
    "churn": dict(alloc=55, drop=20, link=10, read=4, shrink=3, cycle=6, chain=0.1, gc=0.02, fin=1, freeze=0),
    "cycles": dict(alloc=25, drop=15, link=15, read=5, shrink=4, cycle=30, chain=0.2, gc=0.05, fin=3, freeze=0),
    "grow": dict(alloc=40, drop=4, link=30, read=5, shrink=2, cycle=10, chain=0.1, gc=0.02, fin=2, freeze=0),
    "auto": dict(alloc=50, drop=1, link=8, read=3, shrink=1, cycle=30, chain=0.05, gc=0.003, fin=2, freeze=0),
    "deep": dict(alloc=20, drop=10, link=10, read=5, shrink=3, cycle=4, chain=3, gc=0.5, fin=2, freeze=0.1),
    "final": dict(alloc=25, drop=15, link=15, read=5, shrink=5, cycle=12, chain=0.2, gc=1, fin=20, freeze=0.1),
    "gcctl": dict(alloc=35, drop=12, link=18, read=8, shrink=5, cycle=8, chain=0.1, gc=12, fin=3, freeze=0.15),
}

THRESHOLDS = [
    (700, 10, 10),
    (700, 10, 10),
    (100, 10, 10),
    (50, 3, 3),
    (1000, 5, 5),
    (300, 2, 20),
    (700, 1, 1),
    (10, 10, 10),
    (0, 10, 10),
]

MAX_KEY = 12  # dict keys are 0..MAX_KEY-1 (and sometimes negative)
MAX_LIST = 40


class Gen:
    def __init__(self, seed, nops, slots, profile, name, out, start_threshold=None):
        self.rng = Random(seed)
        self.seed = seed
        self.start_threshold = start_threshold
        self.reserve = 0
        self.nops = nops
        self.slots = slots
        self.w = dict(PROFILES[profile])
        self.freeze_share = self.w.pop("freeze")
        self.profile = profile
        self.name = name
        self.out = out
        self.v = [None] * slots
        self.emitted = 0
        self.enabled = True
        self.enable_at = None  # op index at which gc is re-enabled
        self.threshold_default_at = None
        self.frozen_any = False
        self.base_threshold = tuple(start_threshold) if start_threshold else (700, 10, 10)
        self.buf = []
        fam = list(self.w.items())
        self.families = [f for f, _ in fam]
        acc = 0
        self.cum = []
        for _, w in fam:
            acc += w
            self.cum.append(acc)
        self.total = acc

    # -- output ----------------------------------------------------------------
    def emit(self, *op):
        self.buf.append(json.dumps(list(op), ensure_ascii=False))
        self.emitted += 1
        if len(self.buf) >= 4096:
            self.flush()

    def flush(self):
        if self.buf:
            self.out.write("\n".join(self.buf) + "\n")
            self.buf.clear()

    def room(self):
        return self.nops - self.emitted - self.reserve

    # -- slot helpers ----------------------------------------------------------
    def rslot(self):
        return self.rng.randrange(self.slots)

    def find(self, pred, tries=12):
        for _ in range(tries):
            s = self.rng.randrange(self.slots)
            if pred(self.v[s]):
                return s
        return None

    def target(self):
        """A slot to overwrite: usually any, sometimes a None one."""
        if self.rng.random() < 0.3:
            s = self.find(lambda x: x is None, 4)
            if s is not None:
                return s
        return self.rslot()

    # -- operation emitters (each keeps self.v in sync) --------------------------
    def op_list(self, d=None, kind=None):
        d = self.target() if d is None else d
        if kind is None:
            r = self.rng.random()
            fw = self.w["fin"] / 100.0
            kind = "flist" if r < fw else ("rlist" if r < fw * 1.15 else "list")
        self.emit(kind, d)
        self.v[d] = []
        return d

    def op_tuple(self, d=None, items=None):
        d = self.target() if d is None else d
        if items is None:
            r = self.rng.random()
            if r < 0.05:
                n = 0
            elif r < 0.985:
                n = self.rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 8))
            else:
                n = self.rng.choice((20, 25, 31, 45))
            items = [self.rslot() for _ in range(n)]
        self.emit("tuple", d, items)
        self.v[d] = tuple([self.v[s] for s in items])
        return d

    def op_dict(self, d=None):
        d = self.target() if d is None else d
        self.emit("dict", d)
        self.v[d] = {}
        return d

    def op_atom(self):
        d = self.target()
        r = self.rng.random()
        if r < 0.45:
            n = self.rng.choice((self.rng.randrange(-5, 257), self.rng.randrange(-(2**40), 2**40)))
            self.emit("int", d, n)
            self.v[d] = n
        elif r < 0.75:
            s = self.rng.choice(("a", "text", "x" * self.rng.randrange(1, 20), "é", "k%d" % self.rng.randrange(100)))
            self.emit("str", d, s)
            self.v[d] = s
        else:
            self.emit("none", d)
            self.v[d] = None

    def op_alloc(self):
        r = self.rng.random()
        cuts = (0.7, 0.8, 0.9) if self.profile == "auto" else (0.55, 0.72, 0.85)
        if r < cuts[0]:
            d = self.op_list()
            if self.profile == "auto" and self.rng.random() < 0.85 and self.room() > 1:
                self.emit("append", d, d)  # a self-cycle: dropping it later frees nothing
                self.v[d].append(self.v[d])
        elif r < cuts[1]:
            self.op_tuple()
        elif r < cuts[2]:
            self.op_dict()
        else:
            self.op_atom()

    def op_drop(self):
        r = self.rng.random()
        d = self.find(lambda x: x is not None, 6)
        if d is None:
            return self.op_alloc()
        if r < 0.75:
            self.emit("none", d)
            self.v[d] = None
        else:
            s = self.rslot()
            self.emit("move", d, s)
            self.v[d] = self.v[s]

    def op_link(self):
        r = self.rng.random()
        if r < 0.55:
            d = self.find(lambda x: type(x) is list)
            if d is None or len(self.v[d]) >= MAX_LIST:
                return self.op_list()
            s = self.find(lambda x: x is not None, 3)
            s = self.rslot() if s is None else s
            self.emit("append", d, s)
            self.v[d].append(self.v[s])
        elif r < 0.75:
            d = self.find(lambda x: type(x) is list and len(x) > 0)
            if d is None:
                return self.op_list()
            n = len(self.v[d])
            k = self.rng.randrange(-n, n)
            s = self.rslot()
            self.emit("setitem", d, k, s)
            self.v[d][k] = self.v[s]
        else:
            d = self.find(lambda x: type(x) is dict)
            if d is None:
                return self.op_dict()
            k = self.rng.randrange(-2, MAX_KEY)
            s = self.find(lambda x: x is not None, 3)
            s = self.rslot() if s is None else s
            self.emit("setitem", d, k, s)
            self.v[d][k] = self.v[s]

    def op_read(self):
        s = self.find(lambda x: (type(x) in (list, tuple, dict)) and len(x) > 0)
        if s is None:
            return self.op_alloc()
        t = self.v[s]
        if type(t) is dict:
            k = self.rng.choice(list(t))  # insertion order: deterministic
        else:
            n = len(t)
            k = self.rng.randrange(-n, n)
        d = self.target()
        self.emit("getitem", d, s, k)
        self.v[d] = t[k]

    def op_shrink(self):
        r = self.rng.random()
        if r < 0.4:
            d = self.find(lambda x: type(x) is list and len(x) > 0)
            if d is None:
                return self.op_link()
            self.emit("pop", d)
            self.v[d].pop()
        elif r < 0.75:
            d = self.find(lambda x: type(x) in (list, dict) and len(x) > 0)
            if d is None:
                return self.op_link()
            t = self.v[d]
            if type(t) is dict:
                k = self.rng.choice(list(t))
            else:
                k = self.rng.randrange(-len(t), len(t))
            self.emit("delitem", d, k)
            del t[k]
        else:
            d = self.find(lambda x: type(x) in (list, dict) and len(x) > 0)
            if d is None:
                return self.op_link()
            self.emit("clear", d)
            self.v[d].clear()

    def op_cycle(self):
        """Build a cycle and often drop its roots at once (cyclic garbage)."""
        if self.room() < 12:
            return self.op_alloc()
        r = self.rng.random()
        a = self.target()
        if r < 0.3:  # self-referencing list
            self.op_list(a)
            self.emit("append", a, a)
            self.v[a].append(self.v[a])
            roots = [a]
        elif r < 0.6:  # 2-node list cycle
            b = self.rslot()
            while b == a:
                b = self.rslot()
            self.op_list(a)
            self.op_list(b)
            self.emit("append", a, b)
            self.v[a].append(self.v[b])
            self.emit("append", b, a)
            self.v[b].append(self.v[a])
            roots = [a, b]
        elif r < 0.8:  # list -> tuple -> list
            b = self.rslot()
            while b == a:
                b = self.rslot()
            self.op_list(a)
            self.op_tuple(b, [a, self.rslot()])
            self.emit("append", a, b)
            self.v[a].append(self.v[b])
            roots = [a, b]
        else:  # dict -> list -> dict
            b = self.rslot()
            while b == a:
                b = self.rslot()
            self.op_dict(a)
            self.op_list(b)
            k = self.rng.randrange(MAX_KEY)
            self.emit("setitem", a, k, b)
            self.v[a][k] = self.v[b]
            self.emit("append", b, a)
            self.v[b].append(self.v[a])
            roots = [a, b]
        if self.rng.random() < (0.2 if self.profile == "auto" else 0.7):
            for x in roots:
                self.emit("none", x)
                self.v[x] = None

    def op_chain(self):
        """A chain of nested containers built in one slot, often dropped at once."""
        depth = self.rng.choice((5, 20, 60, 120, 250))
        if self.room() < 3 * depth + 4:
            return self.op_alloc()
        head = self.target()
        tmp = self.rslot()
        while tmp == head:
            tmp = self.rslot()
        self.op_list(head)
        for _ in range(depth - 1):
            r = self.rng.random()
            if r < 0.7:
                self.op_list(tmp)
                self.emit("append", tmp, head)
                self.v[tmp].append(self.v[head])
            elif r < 0.85:
                self.op_tuple(tmp, [head])
            else:
                self.op_dict(tmp)
                self.emit("setitem", tmp, 0, head)
                self.v[tmp][0] = self.v[head]
            self.emit("move", head, tmp)
            self.v[head] = self.v[tmp]
        self.emit("none", tmp)
        self.v[tmp] = None
        if self.rng.random() < 0.6:
            self.emit("none", head)
            self.v[head] = None

    def op_fin(self):
        r = self.rng.random()
        if r < 0.5:
            self.op_list(kind="flist")
        elif r < 0.6:
            self.op_list(kind="rlist")
        elif r < 0.85 and self.room() >= 6:
            # a finalizer in a cycle with a plain list
            a = self.target()
            b = self.rslot()
            while b == a:
                b = self.rslot()
            self.op_list(a, "flist" if self.rng.random() < 0.85 else "rlist")
            self.op_list(b)
            self.emit("append", a, b)
            self.v[a].append(self.v[b])
            self.emit("append", b, a)
            self.v[b].append(self.v[a])
            self.emit("none", a)
            self.v[a] = None
            self.emit("none", b)
            self.v[b] = None
        else:
            # a list of several finalizers, dropped at once
            if self.room() < 12:
                return self.op_alloc()
            a = self.target()
            t = self.rslot()
            while t == a:
                t = self.rslot()
            self.op_list(a)
            for _ in range(self.rng.randrange(2, 5)):
                self.op_list(t, "flist")
                self.emit("append", a, t)
                self.v[a].append(self.v[t])
            self.emit("none", t)
            self.v[t] = None
            self.emit("none", a)
            self.v[a] = None

    def op_gc(self):
        if self.rng.random() < self.freeze_share:
            self.emit("gc", "freeze")
            self.frozen_any = True
            return
        r = self.rng.random()
        if r < 0.45:
            g = self.rng.choice((0, 0, 1, 1, 2))
            self.emit("collect", g)
        elif r < 0.7:
            t = self.rng.choice(THRESHOLDS)
            self.emit("threshold", *t)
            if t != self.base_threshold:
                self.threshold_default_at = self.emitted + self.rng.randrange(50, 2000)
        elif self.enabled:
            self.emit("gc", "disable")
            self.enabled = False
            self.enable_at = self.emitted + self.rng.randrange(20, 1500)
        else:
            self.emit("gc", "enable")
            self.enabled = True

    # -- main loop -----------------------------------------------------------------
    def run(self):
        header = {
            "format": "pymm-trace",
            "version": 1,
            "slots": self.slots,
            "name": self.name,
            "description": (
                f"generated by conformance/generate.py --seed {self.seed} --ops {self.nops} "
                f"--slots {self.slots} --profile {self.profile}"
                + (
                    " --start-threshold " + ",".join(map(str, self.start_threshold))
                    if self.start_threshold
                    else ""
                )
            ),
        }
        self.out.write(json.dumps(header, ensure_ascii=False) + "\n")
        # Reserve room for the closing operations (enable, threshold, unfreeze + collect).
        self.reserve = 4
        dispatch = {
            "alloc": self.op_alloc,
            "drop": self.op_drop,
            "link": self.op_link,
            "read": self.op_read,
            "shrink": self.op_shrink,
            "cycle": self.op_cycle,
            "chain": self.op_chain,
            "gc": self.op_gc,
            "fin": self.op_fin,
        }
        rng = self.rng
        if self.start_threshold and self.room() > 0:
            self.emit("threshold", *self.start_threshold)
        while self.room() > 0:
            if self.enable_at is not None and self.emitted >= self.enable_at and not self.enabled:
                self.emit("gc", "enable")
                self.enabled = True
                self.enable_at = None
                continue
            if self.threshold_default_at is not None and self.emitted >= self.threshold_default_at:
                self.emit("threshold", *self.base_threshold)
                self.threshold_default_at = None
                continue
            x = rng.random() * self.total
            i = 0
            while self.cum[i] < x:
                i += 1
            dispatch[self.families[i]]()
        # Closing operations, so that the trace ends in a usual state.
        self.reserve = 0
        if not self.enabled and self.room() > 0:
            self.emit("gc", "enable")
        if self.threshold_default_at is not None and self.room() > 0:
            self.emit("threshold", *self.base_threshold)
        if self.frozen_any and self.room() >= 2:
            self.emit("gc", "unfreeze")
            self.emit("collect", 2)
        while self.room() > 0:
            self.op_atom()
        self.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a random valid pymm-trace v1 file.")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--ops", type=int, required=True)
    ap.add_argument("--slots", type=int, required=True)
    ap.add_argument("--name")
    ap.add_argument("--profile", default="mixed", choices=sorted(PROFILES))
    ap.add_argument("--out", help="output file (default: stdout)")
    ap.add_argument(
        "--start-threshold",
        metavar="T0,T1,T2",
        help="emit this threshold operation first; later temporary threshold changes return to it",
    )
    a = ap.parse_args(argv)
    if not 1 <= a.slots <= 1_000_000:
        ap.error("--slots must be in 1..1000000")
    if a.slots < 4:
        ap.error("--slots must be at least 4 for the generator")
    if a.ops < 0:
        ap.error("--ops must be >= 0")
    start = None
    if a.start_threshold:
        try:
            start = tuple(int(x) for x in a.start_threshold.split(","))
        except ValueError:
            start = ()
        if len(start) != 3 or not all(0 <= t < 2**31 for t in start):
            ap.error("--start-threshold must be three non-negative integers: T0,T1,T2")
    name = a.name or f"gen-{a.profile}-s{a.seed}-n{a.ops}"
    if not a.out:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    out = open(a.out, "w", encoding="utf-8", newline="\n") if a.out else sys.stdout
    try:
        Gen(a.seed, a.ops, a.slots, a.profile, name, out, start).run()
    finally:
        if a.out:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
