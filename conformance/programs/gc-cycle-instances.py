# Cycles of instances: since 3.11 an instance keeps its attributes inline, so a
# two-instance cycle is two objects.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


gc.collect()

a = Node('a')
b = Node('b')
a.next = b
b.next = a
del a, b
print('two instances:', gc.collect())

nodes = [Node(str(i)) for i in range(6)]
for i in range(6):
    nodes[i].next = nodes[(i + 1) % 6]
del nodes
print('ring of six:', gc.collect())

n = Node('lonely')
n.next = n
del n
print('self-cycle:', gc.collect())

a = Node('a')
b = Node('b')
a.next = [b]
b.next = (a,)
del a, b
print('through a list and a tuple:', gc.collect())
