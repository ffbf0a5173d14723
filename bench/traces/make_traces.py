"""Writes the benchmark traces that pymm and CPython both run (pymm-trace v1).

    python3 bench/traces/make_traces.py OUT_DIR [--scale S]

Every trace is deterministic. Shapes:
  churn          allocation churn: lists, tuples and dicts replace each other in a pool of slots
  gc-collect     pyperformance's gc_collect: rings of 21 linked tagged lists, created and dropped, then gc.collect()
  gc-traversal   pyperformance's gc_traversal: a tree of 1,000 nested lists stays alive while gc.collect() runs
  web-requests   short-lived garbage per request (some of it cyclic) beside a slowly growing long-lived cache
The long random trace comes from conformance/generate.py (profile mixed).
"""
import json
import os
import random
import subprocess
import sys


def header(name, slots, description):
    return json.dumps({"format": "pymm-trace", "version": 1, "slots": slots, "name": name, "description": description})


def write(path, lines):
    with open(path, "w") as f:
        for line in lines:
            f.write(line if isinstance(line, str) else json.dumps(line))
            f.write("\n")


def churn(n):
    yield header("churn", 64, "allocation churn without cycles")
    rnd = random.Random(1)
    for i in range(n):
        d = rnd.randrange(1, 64)
        k = i % 3
        if k == 0:
            yield ["list", d]
            yield ["append", d, rnd.randrange(0, 64)]
        elif k == 1:
            yield ["tuple", d, [rnd.randrange(0, 64), rnd.randrange(0, 64)]]
        else:
            yield ["dict", d]
            yield ["setitem", d, i % 7, rnd.randrange(0, 64)]


def gc_collect(rounds):
    # slots 0..20: the ring being built
    yield header("gc-collect", 32, "pyperformance gc_collect: 100 rings of 21 nodes, dropped, collected")
    for _ in range(rounds):
        for _ring in range(100):
            for j in range(21):
                yield ["list", j]
            for j in range(21):
                yield ["append", j, (j + 1) % 21]
            for j in range(21):
                yield ["none", j]
        yield ["collect", 2]


def gc_traversal(collections):
    # v[0]: root; v[1]: current parent; v[2]: new child
    yield header("gc-traversal", 8, "pyperformance gc_traversal: 1,000 nested lists alive while collections run")
    yield ["list", 0]
    for i in range(100):
        yield ["list", 1]
        yield ["append", 0, 1]
        for _ in range(9):
            yield ["list", 2]
            yield ["append", 1, 2]
    yield ["none", 1]
    yield ["none", 2]
    for _ in range(collections):
        yield ["collect", 2]


def web_requests(requests):
    # v[0]: the long-lived cache (a dict); v[1..7]: per-request temporaries
    yield header("web-requests", 16, "short-lived request garbage beside a growing long-lived cache")
    rnd = random.Random(2)
    yield ["dict", 0]
    for r in range(requests):
        yield ["dict", 1]
        yield ["list", 2]
        yield ["tuple", 3, [2, 1]]
        yield ["setitem", 1, 1, 2]
        yield ["list", 4]
        yield ["append", 4, 3]
        if rnd.random() < 0.1:
            yield ["append", 2, 4]  # a cycle: list 2 -> list 4 -> tuple 3 -> list 2
        if r % 50 == 0:
            yield ["list", 5]
            yield ["setitem", 0, r, 5]  # the cache keeps this one
        for s in (1, 2, 3, 4, 5):
            yield ["none", s]


def main():
    out = sys.argv[1]
    scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "churn.jsonl"), churn(int(300_000 * scale)))
    write(os.path.join(out, "gc-collect.jsonl"), gc_collect(max(1, int(20 * scale))))
    write(os.path.join(out, "gc-traversal.jsonl"), gc_traversal(max(1, int(200 * scale))))
    write(os.path.join(out, "web-requests.jsonl"), web_requests(int(60_000 * scale)))
    here = os.path.dirname(os.path.abspath(__file__))
    generate = os.path.join(here, "..", "..", "conformance", "generate.py")
    subprocess.run([sys.executable, generate, "--seed", "7", "--ops", str(int(1_000_000 * scale)), "--slots", "256",
                    "--name", "random", "--profile", "mixed", "--out", os.path.join(out, "random.jsonl")], check=True)


if __name__ == "__main__":
    main()
