# The shape of pyperformance's gc_collect: many small cycles of instances, freed by gc.collect().
import gc


class Node:
    def __init__(self):
        self.next = None
        self.prev = None


def make_cycles(n):
    for _ in range(n):
        a = Node()
        b = Node()
        a.next = b
        b.prev = a
        b.next = a


gc.disable()
total = 0
for _ in range(20):
    make_cycles(5000)
    total += gc.collect()
print(total)
