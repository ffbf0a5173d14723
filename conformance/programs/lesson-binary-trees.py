# Lesson (binary trees, after Hans Boehm's GCBench): most objects die young.
# Every temporary tree is garbage as soon as it is built; one long-lived tree
# and an array stay alive. The trees hold no cycles, so reference counting
# frees them at once and gc.collect() finds nothing.
import gc
import sys


class Node:
    __slots__ = ('left', 'right')

    def __init__(self, left=None, right=None):
        self.left = left
        self.right = right


def tree_size(depth):
    return (1 << (depth + 1)) - 1


def populate(depth, node):
    if depth > 0:
        node.left = Node()
        node.right = Node()
        populate(depth - 1, node.left)
        populate(depth - 1, node.right)


def make_tree(depth):
    if depth <= 0:
        return Node()
    return Node(make_tree(depth - 1), make_tree(depth - 1))


def count(node):
    if node is None:
        return 0
    return 1 + count(node.left) + count(node.right)


gc.collect()
stretch_depth = 8
temp_tree = make_tree(stretch_depth)
print('stretch tree of depth', stretch_depth, 'has', count(temp_tree), 'nodes =', tree_size(stretch_depth))
del temp_tree
long_lived_tree = Node()
populate(6, long_lived_tree)
array = [0.0] * 1000
print('long-lived tree:', count(long_lived_tree), 'nodes; array of', len(array))
for depth in range(2, 7, 2):
    iterations = 2 * tree_size(stretch_depth) // tree_size(depth)
    built = 0
    for i in range(iterations):
        temp_tree = Node()
        populate(depth, temp_tree)
        built += count(temp_tree)
        del temp_tree
        temp_tree = make_tree(depth)
        built += count(temp_tree)
        del temp_tree
    print('depth', depth, 'iterations', iterations, 'nodes built', built)
print('a node with __slots__:', sys.getsizeof(Node()), 'bytes')
print('garbage left for the collector:', gc.collect())
del long_lived_tree, array
print('after dropping the long-lived data:', gc.collect())
