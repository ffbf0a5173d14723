# Deeply nested containers are freed without deep recursion: past a nesting
# depth CPython defers the inner deallocations (the "trashcan"), which changes
# the order in which finalizers run.
class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def nested(depth, leaf):
    chain = [leaf]
    for i in range(depth):
        chain = [chain]
    return chain


for depth in [10, 47, 48, 100, 1000]:
    print('depth', depth)
    root = [Loud('second'), nested(depth, Loud('deep'))]
    del root

chain = None
for i in range(100000):
    chain = [chain]
print('a chain of 100000 lists')
del chain
print('freed without overflowing the stack')
