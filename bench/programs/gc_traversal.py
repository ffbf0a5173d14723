# The shape of pyperformance's gc_traversal: a large live heap, traversed by repeated full collections.
import gc


class Node:
    def __init__(self, children):
        self.children = children


def tree(depth):
    if depth == 0:
        return Node([])
    return Node([tree(depth - 1), tree(depth - 1)])


gc.disable()
roots = [tree(12) for _ in range(10)]
collected = 0
for _ in range(10):
    collected += gc.collect()
print(len(roots), collected)
