"""gc-traversal: pyperformance's bm_gc_traversal - collections over a large live structure that has no garbage.

A full collection has to traverse every live container even when there is no garbage at all, so
its cost grows with the live data, not with the garbage. Generations avoid most of that cost:
collections of the young generation leave long-lived objects alone, while a non-generational
mark-sweep traces them every time.

After pyperformance/benchmarks/bm_gc_traversal/run_benchmark.py: nested lists (level n holds n
references to level n - 1) stay alive while gc.collect() runs over and over and finds nothing of
them (phase collect); then many short-lived lists are made, one in four kept (phase
young-garbage); phase drop deletes it all. The program does not check what gc.collect() returns
(pyperformance asserts 0), since a mark-sweep collector also counts the acyclic garbage it frees.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
levels [1000]: nested lists (pyperformance: N_LEVELS = 1000); collections [20, scaled]:
gc.collect() calls on the live structure; youngLists [40000, scaled]: 64-slot lists made while the
structure is alive, one in four kept.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "levels": 1000, "collections": 20, "youngLists": 40000}


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


levels = max(1, parameters["levels"])
collections = scaled(parameters["collections"])
young_lists = scaled(parameters["youngLists"])
random.seed(parameters["seed"])


def create_recursive_containers(n_levels):
    current_list = []
    for n in range(n_levels):
        new_list = [None] * n
        for index in range(n):
            new_list[index] = current_list
        current_list = new_list
    return current_list


print("gc-traversal", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: build
all_cycles = create_recursive_containers(levels)
print(f"build: {levels} nested lists holding {levels * (levels - 1) // 2} references")

# phase: collect
for _ in range(collections):
    gc.collect()
print(f"collect: gc.collect() called {collections} times on the live structure")

# phase: young-garbage
kept = []
for i in range(young_lists):
    scratch = [i] * 64  # most die at the next iteration,
    if i % 4 == 0:
        kept.append(scratch)  # some survive: the young generation fills up
print(f"young-garbage: {young_lists} lists of 64 slots made, {len(kept)} kept")

# phase: drop
del all_cycles, scratch, kept
gc.collect()
print("drop: the structure and the kept lists dropped, gc.collect() called")
