# A tuple is fixed: its items are inline and nothing is over-allocated. A list
# keeps a separate item array with room to grow.
import sys

for n in [0, 1, 2, 3, 10, 100]:
    items = list(range(n))
    print(n, 'list', sys.getsizeof(items), 'tuple', sys.getsizeof(tuple(items)))
points_as_lists = [[i, i + 1] for i in range(100)]
points_as_tuples = [(i, i + 1) for i in range(100)]
print('100 points as lists:', sum(sys.getsizeof(p) for p in points_as_lists))
print('100 points as tuples:', sum(sys.getsizeof(p) for p in points_as_tuples))
grown = []
grown.append(1)
grown.append(2)
print('a two-item list built by append:', sys.getsizeof(grown))
print('a two-item list literal:', sys.getsizeof([1, 2]))
