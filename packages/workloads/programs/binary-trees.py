"""binary-trees: Hans Boehm's GCBench, scaled down.

Most objects die young: here every small tree is garbage as soon as it is built, while one
long-lived tree and a big list stay alive for the whole run. A collector that traces all live data
at every collection keeps paying for the long-lived objects; generations - or reference counting,
for acyclic data like these trees - do not.

A stretch tree is built and dropped; a long-lived tree and a long list of floats stay alive; then
for each depth from minDepth to maxDepth (step 2) about the same number of nodes is allocated as
many small trees, built top-down (populate) and bottom-up (make_tree) and dropped at once.

Parameters, as name=value words after the program's name (defaults in brackets): scale [1]: the
trees made per depth are scale * 2 * tree_size(stretchDepth) / tree_size(depth), rounded;
seed [1] (nothing here is random); stretchDepth [12]: the stretch tree's depth, which also sets the
work per depth (GCBench: 18); longLivedDepth [10]: the tree alive for the whole run (GCBench: 16);
minDepth [4] and maxDepth [10]: the short-lived trees' depths, in steps of 2 (GCBench: 4 and 16);
arraySize [500000]: the long-lived list of floats (GCBench: 500,000 doubles).
"""

import random
import sys

DEFAULTS = {
    "scale": 1.0,
    "seed": 1,
    "stretchDepth": 12,
    "longLivedDepth": 10,
    "minDepth": 4,
    "maxDepth": 10,
    "arraySize": 500000,
}


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


stretch_depth = max(0, parameters["stretchDepth"])
long_lived_depth = max(0, parameters["longLivedDepth"])
min_depth = max(0, parameters["minDepth"])
max_depth = max(min_depth, parameters["maxDepth"])
array_size = max(0, parameters["arraySize"])
random.seed(parameters["seed"])


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left=None, right=None):
        self.left = left
        self.right = right


def tree_size(depth):
    """Nodes in a complete binary tree of depth `depth` (GCBench's TreeSize)."""
    return (1 << (depth + 1)) - 1


def populate(depth, node):
    """Builds a tree top-down."""
    if depth > 0:
        node.left = Node()
        node.right = Node()
        populate(depth - 1, node.left)
        populate(depth - 1, node.right)


def make_tree(depth):
    """Builds a tree bottom-up."""
    if depth <= 0:
        return Node()
    return Node(make_tree(depth - 1), make_tree(depth - 1))


print("binary-trees", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: stretch
temp_tree = make_tree(stretch_depth)
del temp_tree
print(f"stretch: a tree of depth {stretch_depth} ({tree_size(stretch_depth)} nodes) made and dropped")

# phase: long-lived
long_lived_tree = Node()
populate(long_lived_depth, long_lived_tree)
array = [0.0] * array_size
print(f"long-lived: a tree of depth {long_lived_depth} ({tree_size(long_lived_depth)} nodes) and {len(array)} floats kept")

for depth in range(min_depth, max_depth + 1, 2):
    # phase: depth-{depth}
    iterations = max(1, int(scale * 2 * tree_size(stretch_depth) / tree_size(depth) + 0.5))
    for _ in range(iterations):
        temp_tree = Node()
        populate(depth, temp_tree)
        del temp_tree
        temp_tree = make_tree(depth)
        del temp_tree
    print(f"depth-{depth}: {iterations} trees of depth {depth} made top-down and {iterations} bottom-up")

# phase: drop
del long_lived_tree, array
print("drop: the long-lived tree and list dropped")
