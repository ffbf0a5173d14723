# Lesson (deep linked list): dropping the head frees the whole chain at once
# under reference counting, without recursing as deep as the list.
import gc
import weakref


class Node:
    __slots__ = ('value', 'next', '__weakref__')

    def __init__(self, value, next):
        self.value = value
        self.next = next


gc.collect()
head = None
for i in range(100000):
    head = Node(i, head)
tail_ref = None
node = head
while node.next is not None:
    node = node.next
tail_ref = weakref.ref(node)
del node
print('tail alive:', tail_ref() is not None, 'value', tail_ref().value)
print('collect with the list alive:', gc.collect())
del head
print('tail freed by the del:', tail_ref() is None)
print('nothing for the collector:', gc.collect())
