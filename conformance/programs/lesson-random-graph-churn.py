# Lesson (random graph churn): references made and broken in no order leave
# garbage of every shape; reference counting frees the acyclic part at once,
# the collector the cycles.
import gc
import random
import weakref


class Node:
    __slots__ = ('edges', '__weakref__')

    def __init__(self):
        self.edges = []


random.seed(2024)
gc.collect()
gc.disable()
pool_size = 200
pool = [Node() for i in range(pool_size)]
created = weakref.WeakSet(pool)
made = pool_size
for step in range(5000):
    node = pool[random.randrange(pool_size)]
    r = random.random()
    if r < 0.40:
        node.edges.append(pool[random.randrange(pool_size)])
    elif r < 0.78:
        if node.edges:
            node.edges.pop(random.randrange(len(node.edges)))
    elif r < 0.94:
        fresh = Node()
        created.add(fresh)
        made += 1
        pool[random.randrange(pool_size)] = fresh
        del fresh
    else:
        node.edges.clear()
del node
print('nodes made:', made)
print('alive before collect:', len(created))
print('collected:', gc.collect())
print('alive after collect:', len(created))
gc.enable()
