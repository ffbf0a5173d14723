# GCBench's binary trees (Boehm; the Computer Language Benchmarks Game's binary-trees): short-lived
# trees of every depth, and one long-lived tree, under CPython's automatic collection.
def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


MAX_DEPTH = 14
print('stretch tree of depth', MAX_DEPTH + 1, 'check:', check_tree(make_tree(MAX_DEPTH + 1)))
long_lived = make_tree(MAX_DEPTH)
for depth in range(4, MAX_DEPTH + 1, 2):
    iterations = 2 ** (MAX_DEPTH - depth + 4)
    check = 0
    for _ in range(iterations):
        check += check_tree(make_tree(depth))
    print(iterations, 'trees of depth', depth, 'check:', check)
print('long lived tree of depth', MAX_DEPTH, 'check:', check_tree(long_lived))
