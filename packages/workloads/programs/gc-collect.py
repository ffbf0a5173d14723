"""gc-collect: pyperformance's bm_gc_collect - rings of nodes made, dropped and collected, again and again.

Each iteration leaves cycles * (links + 1) objects in reference cycles behind (2,100 by default),
which only a cycle collector can reclaim: gc.collect() must visit and free all of them. The cost
of a collection here is the cost of finding garbage, and pure reference counting leaks every ring.

After pyperformance/benchmarks/bm_gc_collect/run_benchmark.py: each iteration starts with a
clean-slate gc.collect() (phase create-cycles), makes the rings and drops them, then times a
gc.collect() (phase collect). The program does not check what gc.collect() returns (pyperformance
asserts it found every ring), since under reference counting alone it finds nothing.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
cycles [100]: rings made per iteration (pyperformance: CYCLES = 100); links [20]: links per ring,
each ring having links + 1 nodes (pyperformance: LINKS = 20); iterations [60, scaled]: times the
rings are made, dropped and collected.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "cycles": 100, "links": 20, "iterations": 60}


def fail(message):
    sys.stderr.write(f"{sys.argv[0]}: {message}\n")
    sys.exit(2)


def read_parameters(defaults):
    """The defaults, overridden by the name=value words of sys.argv."""
    values = dict(defaults)
    for word in sys.argv[1:]:
        name, equals, text = word.partition("=")
        if not equals or name not in defaults:
            fail(f"unknown parameter {word!r} (give name=value, names: {', '.join(defaults)})")
        integral = isinstance(defaults[name], int)
        try:
            value = int(text) if integral else float(text)
        except ValueError:
            fail(f"{name} must be {'an integer' if integral else 'a number'}, got {text!r}")
        if value - value != 0:
            fail(f"{name} must be finite, got {text!r}")
        values[name] = value
    if values["scale"] <= 0:
        fail(f"scale must be positive, got {values['scale']}")
    return values


parameters = read_parameters(DEFAULTS)
scale = parameters["scale"]


def scaled(count):
    return max(1, int(count * scale + 0.5))


n_cycles = max(1, parameters["cycles"])
n_links = max(0, parameters["links"])
iterations = scaled(parameters["iterations"])
random.seed(parameters["seed"])


class Node:
    def __init__(self):
        self.next = None
        self.prev = None

    def link_next(self, next):
        self.next = next
        self.next.prev = self


def create_cycle(node, n_links):
    """Create a cycle of n_links nodes, starting with node."""
    if n_links == 0:
        return
    current = node
    for i in range(n_links):
        next_node = Node()
        current.link_next(next_node)
        current = next_node
    current.link_next(node)


def create_gc_cycles(n_cycles, n_links):
    """Create n_cycles cycles n_links+1 nodes each."""
    cycles = []
    for _ in range(n_cycles):
        node = Node()
        cycles.append(node)
        create_cycle(node, n_links)
    return cycles


print("gc-collect", " ".join(f"{name}={value}" for name, value in parameters.items()))
for _ in range(iterations):
    # phase: create-cycles
    gc.collect()
    all_cycles = create_gc_cycles(n_cycles, n_links)
    del all_cycles
    # phase: collect
    gc.collect()  # the timed part
print(f"collect: {iterations} times {n_cycles} rings of {n_links + 1} nodes made, dropped and collected")
