#!/usr/bin/env python3
"""Self-test of the recorder: no hidden allocations, correct starting state.

Usage: python3 conformance/selftest.py   (any of 3.10 .. 3.13)

Each case is a small synthetic trace whose expected `count`/`stats` follow from
the counting rules alone (count[0] += 1 per GC-capable allocation not served by
a free list, -= 1 per GC_Del, floored at 0). If the compiled statements or the
recorder's harness allocated anything extra, the counts would be off. Prints one
line per case and exits 1 on any failure.
"""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record  # noqa: E402


def trace(slots, ops):
    head = {"format": "pymm-trace", "version": 1, "slots": slots, "name": "selftest"}
    return [head] + ops


def case_lists(n):
    # gc disabled, n new tagged lists kept alive: count[0] == n exactly.
    ops = [["gc", "disable"]] + [["list", i] for i in range(n)]
    return trace(n, ops), {"count": [n, 0, 0]}


def case_lists_freed(n):
    # subclass instances never use the list free list: each free is GC_Del.
    ops = [["gc", "disable"]] + [["list", i] for i in range(n)] + [["none", i] for i in range(n)]
    return trace(n, ops), {"count": [0, 0, 0], "alive": []}


def case_flists(n):
    ops = [["gc", "disable"]] + [["flist", i] for i in range(n)] + [["none", i] for i in range(n)]
    return trace(n, ops), {"count": [0, 0, 0], "finalized": list(range(n))}


def case_neutral_ops():
    # 3 lists + 1 dict + one 2-tuple; then many operations that allocate nothing.
    ops = [["gc", "disable"], ["list", 0], ["list", 1], ["list", 2], ["dict", 3], ["int", 5, 7], ["tuple", 4, [5, 5]]]
    for i in range(300):
        ops += [
            ["append", 0, 1],
            ["append", 0, 5],
            ["setitem", 0, -1, 2],
            ["setitem", 3, i, 5],
            ["getitem", 6, 0, 0],
            ["getitem", 6, 4, 1],
            ["getitem", 6, 3, i],
            ["move", 7, 6],
            ["str", 8, "text é"],
            ["int", 9, 2**61 + i],
            ["none", 7],
            ["pop", 0],
            ["delitem", 0, 0],
            ["delitem", 3, i],
            ["clear", 1],
            ["tuple", 10, []],
            ["gc", "enable"],
            ["gc", "disable"],
        ]
    return trace(11, ops), {"count": [5, 0, 0]}


def case_tuples(n, size):
    ops = [["gc", "disable"], ["int", 0, 1]] + [["tuple", i + 1, [0] * size] for i in range(n)]
    return trace(n + 1, ops), {"count": [n, 0, 0]}


def case_big_tuple(size):
    # A >30-item tuple is one allocation (no hidden temporary list).
    ops = [["gc", "disable"], ["list", 0], ["tuple", 1, [0] * size], ["getitem", 2, 1, size - 1]]
    return trace(3, ops), {"count": [2, 0, 0]}


def case_dict_freelist(n):
    # n dicts freed: 80 go to the dict free list (no count change), the other
    # n - 80 are GC_Del'ed (count - 1 each).
    ops = [["gc", "disable"]] + [["dict", i] for i in range(n)] + [["none", i] for i in range(n)]
    return trace(n, ops), {"count": [80, 0, 0]}


def case_threshold():
    # set_threshold is METH_VARARGS: its 3-tuple of arguments is allocated
    # (+1) and freed into the 3-tuple free list, from which the next call reuses it.
    ops = [["gc", "disable"], ["threshold", 700, 10, 10], ["threshold", 700, 10, 10], ["threshold", 500, 10, 10]]
    return trace(1, ops), {"count": [1, 0, 0]}


def case_auto_gen0(n):
    ops = [["list", i] for i in range(n)]
    if n <= 700:
        return trace(n, ops), {"count": [n, 0, 0], "stats": [[0, 0, 0], [0, 0, 0], [0, 0, 0]]}
    return trace(n, ops), {"count": [n - 701, 1, 0], "stats": [[1, 0, 0], [0, 0, 0], [0, 0, 0]]}


def case_collect_counts():
    ops = [["list", 0], ["collect", 0], ["list", 1], ["collect", 1], ["list", 2]]
    return trace(3, ops), {"count": [1, 0, 1], "collect_results": [0, 0]}


def case_two_cycle():
    ops = [["list", 0], ["list", 1], ["append", 0, 1], ["append", 1, 0], ["none", 0], ["none", 1], ["collect", 2]]
    return trace(2, ops), {"collect_results": [2], "alive": [], "count": [0, 0, 0]}


def case_rlists(n):
    # resurrected objects stay alive (in `resurrected`): no GC_Del.
    ops = [["gc", "disable"]] + [["rlist", i] for i in range(n)] + [["none", i] for i in range(n)]
    return trace(n, ops), {"count": [n, 0, 0], "finalized": list(range(n)), "resurrected": list(range(n))}


def case_fin_cycles(n):
    # n self-referencing flists dropped, then one full collection.
    ops = [["gc", "disable"]]
    for i in range(n):
        ops += [["flist", 0], ["append", 0, 0]]
    ops += [["none", 0], ["collect", 2], ["list", 0]]
    return trace(1, ops), {"count": [1, 0, 0], "collect_results": [n], "finalized": list(range(n))}


CASES = [
    ("700 lists, gc disabled", case_lists(700)),
    ("5000 lists, gc disabled", case_lists(5000)),
    ("lists allocated then freed", case_lists_freed(1000)),
    ("flists allocated then freed", case_flists(300)),
    ("operations that allocate nothing", case_neutral_ops()),
    ("3000 2-tuples", case_tuples(3000, 2)),
    ("100 1-tuples", case_tuples(100, 1)),
    ("100 20-tuples", case_tuples(100, 20)),
    ("31-item tuple", case_big_tuple(31)),
    ("300-item tuple", case_big_tuple(300)),
    ("70000-item tuple", case_big_tuple(70000)),
    ("dict free list", case_dict_freelist(200)),
    ("set_threshold args tuple", case_threshold()),
    ("700 lists: no automatic collection", case_auto_gen0(700)),
    ("701 lists: one gen-0 collection", case_auto_gen0(701)),
    ("1000 lists: one gen-0 collection", case_auto_gen0(1000)),
    ("collect(0)/collect(1) counters", case_collect_counts()),
    ("2-node cycle", case_two_cycle()),
    ("rlists dropped", case_rlists(300)),
    ("flist self-cycles collected", case_fin_cycles(300)),
]


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for title, (lines, expect) in CASES:
            path = os.path.join(tmp, "selftest.jsonl")
            with open(path, "w") as f:
                for x in lines:
                    f.write(json.dumps(x) + "\n")
            prog = record.compile_trace(path)
            result, _ = record.run_program(prog)
            bad = {k: (v, result[k]) for k, v in expect.items() if result[k] != v}
            status = "ok" if not bad else "FAIL " + "; ".join(f"{k}: expected {e}, got {g}" for k, (e, g) in bad.items())
            failures += bool(bad)
            print(f"{record.platform.python_version()}  {title}: {status}")
    print(f"{len(CASES)} cases, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
