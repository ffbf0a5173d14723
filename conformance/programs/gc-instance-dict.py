# Since 3.11 instance attributes live inline; touching __dict__ creates a dict
# object, which is one more object in a cycle.
import gc


class Node:
    pass


gc.collect()
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print('two instances:', gc.collect())

a = Node()
b = Node()
a.other = b
b.other = a
print('attributes:', sorted(a.__dict__), sorted(b.__dict__))
del a, b
print('after touching __dict__:', gc.collect())
print('referents kinds:', sorted(type(r).__name__ for r in gc.get_referents(Node())))
