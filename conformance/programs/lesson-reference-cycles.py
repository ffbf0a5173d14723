# Lesson (reference cycles): objects that refer to each other keep their counts
# above zero; only the cycle collector frees them, running __del__ too.
import gc
import sys

freed = []


class Node:
    def __init__(self, value):
        self.value = value
        self.ref = None

    def __del__(self):
        freed.append(self.value)


gc.collect()
gc.disable()
for i in range(0, 200, 2):
    node1 = Node(i)
    node2 = Node(i + 1)
    node1.ref = node2
    node2.ref = node1
    if i == 0:
        print('refcount of a pair member while named:', sys.getrefcount(node1))
    del node1, node2
print('freed by reference counting:', len(freed))
print('collected:', gc.collect())
print('freed now:', len(freed), 'first', sorted(freed)[:4])
gc.enable()
