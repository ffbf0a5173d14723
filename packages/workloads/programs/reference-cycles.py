"""reference-cycles: pairs and rings of objects that refer to each other, created and dropped.

Objects that refer to each other keep each other's reference counts above zero after the program
drops them, so reference counting alone never frees them. A cycle collector (CPython's
generational gc, or a tracing mark-sweep) finds such unreachable groups and frees them, running
their __del__ methods too.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1], pairs [20000, scaled]: node pairs
made and dropped; rings [2000, scaled]: rings made and dropped; ringSize [8]: each ring has
2 to 2 * ringSize - 2 nodes; finalizerRings [500, scaled]: rings whose nodes define __del__.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "pairs": 20000, "rings": 2000, "ringSize": 8, "finalizerRings": 500}


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


pairs = scaled(parameters["pairs"])
rings = scaled(parameters["rings"])
finalizer_rings = scaled(parameters["finalizerRings"])
longest = max(2, 2 * parameters["ringSize"] - 2)
random.seed(parameters["seed"])


class Node:
    def __init__(self, value):
        self.value = value
        self.ref = None


class NodeWithDel(Node):
    def __del__(self):
        pass  # collectable since Python 3.4 (PEP 442)


def make_ring(cls, length):
    first = node = cls(0)
    for i in range(1, length):
        node.ref = cls(i)
        node = node.ref
    node.ref = first  # the ring outlives the frame


print("reference-cycles", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: pairs
for i in range(pairs):
    node1 = Node(i)
    node2 = Node(i + 1)
    node1.ref = node2
    node2.ref = node1
    del node1, node2  # unreachable, yet each count is still 1
print(f"pairs: {pairs} pairs of nodes made and dropped")

# phase: rings
nodes = 0
for _ in range(rings):
    length = random.randint(2, longest)
    make_ring(Node, length)
    nodes += length
print(f"rings: {rings} rings of {nodes} nodes made and dropped")

# phase: rings-with-finalizers
nodes = 0
for _ in range(finalizer_rings):
    length = random.randint(2, longest)
    make_ring(NodeWithDel, length)
    nodes += length
print(f"rings-with-finalizers: {finalizer_rings} rings of {nodes} nodes with __del__ made and dropped")

# phase: collect
gc.collect()
print("collect: gc.collect() called")
