"""deep-linked-list: a 100,000-node linked list built, collected while alive, then dropped with one del.

Dropping the head of a long linked list frees the whole chain in one go under reference counting -
a pause as long as the list, made safe in CPython by the "trashcan" that stops deallocation from
recursing 100,000 calls deep. A tracing collector has the same depth problem when marking and
solves it with an explicit stack; it frees the chain at its next collection rather than at the del.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
nodes [100000, scaled]: nodes in the list.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "nodes": 100000}


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


nodes = scaled(parameters["nodes"])
random.seed(parameters["seed"])


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next):
        self.value = value
        self.next = next


print("deep-linked-list", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: build
head = None
for i in range(nodes):
    head = Node(i, head)
print(f"build: a linked list of {nodes} nodes")

# phase: collect-live
gc.collect()  # the collector follows the whole chain
print("collect-live: gc.collect() called with the list alive")

# phase: drop
del head  # under reference counting, one del frees everything
print("drop: del head")

# phase: collect-garbage
gc.collect()
print("collect-garbage: gc.collect() called after the del")
