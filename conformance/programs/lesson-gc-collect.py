# Lesson (gc_collect, after pyperformance): every iteration leaves rings of
# nodes that only the cycle collector can free.
import gc


class Node:
    def __init__(self):
        self.next = None
        self.prev = None

    def link_next(self, next):
        self.next = next
        self.next.prev = self


def create_cycle(node, n_links):
    if n_links == 0:
        return
    current = node
    for i in range(n_links):
        next_node = Node()
        current.link_next(next_node)
        current = next_node
    current.link_next(node)


def create_gc_cycles(n_cycles, n_links):
    cycles = []
    for i in range(n_cycles):
        node = Node()
        cycles.append(node)
        create_cycle(node, n_links)
    return cycles


gc.disable()
for iteration in range(3):
    gc.collect()
    all_cycles = create_gc_cycles(100, 20)
    del all_cycles
    collected = gc.collect()
    print('iteration', iteration, 'collected', collected, '>=', 100 * 21, collected >= 100 * 21)
gc.enable()
