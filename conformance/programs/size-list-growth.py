# A list over-allocates as it grows by append, and shrinks when it falls under half.
import sys

items = []
changes = [(0, sys.getsizeof(items))]
for i in range(80):
    items.append(i)
    size = sys.getsizeof(items)
    if size != changes[-1][1]:
        changes.append((len(items), size))
print('append:', changes)

items = [None] * 10
changes = [(10, sys.getsizeof(items))]
while items:
    items.pop()
    size = sys.getsizeof(items)
    if size != changes[-1][1]:
        changes.append((len(items), size))
print('pop:', changes)

print('[]', sys.getsizeof([]))
print('[1, 2, 3]', sys.getsizeof([1, 2, 3]))
print('list(range(3))', sys.getsizeof(list(range(3))))
print('[0] * 5', sys.getsizeof([0] * 5))
print('comprehension of 5', sys.getsizeof([x for x in range(5)]))
print('list of 1000 from range', sys.getsizeof(list(range(1000))))
extended = []
extended.extend(range(10))
print('extend by 10', sys.getsizeof(extended))
