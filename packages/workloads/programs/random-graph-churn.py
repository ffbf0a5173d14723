"""random-graph-churn: a pool of nodes whose edges are added, removed and replaced at random.

Real programs make and break references in no tidy order, so garbage comes in every shape: single
objects, chains, and cycles of any length hanging off each other. Reference counting frees what is
acyclic the moment it is dropped but leaks every cycle, while a tracing collector reclaims all of it
only at its collections.

After the dumpster crate's benchmark: each operation picks a node of the pool and adds an edge
(40 %), removes a random edge (38 %), replaces a pool slot by a new node (16 %) or clears the
node's edges (6 %).

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1], operations [1000000, scaled]: random
graph operations; pool [1000]: nodes in the pool the program holds.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "operations": 1000000, "pool": 1000}


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


operations = scaled(parameters["operations"])
pool_size = max(1, parameters["pool"])
random.seed(parameters["seed"])


class Node:
    __slots__ = ("edges",)

    def __init__(self):
        self.edges = []


print("random-graph-churn", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: build
pool = [Node() for _ in range(pool_size)]
print(f"build: a pool of {pool_size} nodes")

# phase: churn
added = removed = replaced = cleared = 0
for _ in range(operations):
    node = pool[random.randrange(pool_size)]
    r = random.random()
    if r < 0.40:
        node.edges.append(pool[random.randrange(pool_size)])  # may close a cycle
        added += 1
    elif r < 0.78:
        if node.edges:
            node.edges.pop(random.randrange(len(node.edges)))  # may break one
            removed += 1
    elif r < 0.94:
        pool[random.randrange(pool_size)] = Node()  # the old node may become garbage
        replaced += 1
    else:
        node.edges.clear()
        cleared += 1
del node
print(f"churn: {operations} operations: {added} edges added, {removed} removed, {replaced} nodes replaced, {cleared} cleared")

# phase: collect
gc.collect()
print("collect: gc.collect() called")
