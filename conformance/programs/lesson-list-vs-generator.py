# Lesson (list versus generator): a list holds every result at once; a
# generator hands out one at a time.
import sys
import weakref


class Row:
    def __init__(self, i):
        self.i = i
        self.half = i * 0.5
        self.label = f'row-{i}'


alive = weakref.WeakSet()


def rows_list(n):
    return [Row(i) for i in range(n)]


def rows_generator(n):
    for i in range(n):
        yield Row(i)


total = 0
peak = 0
rows = rows_list(1000)
for row in rows:
    alive.add(row)
    peak = max(peak, len(alive))
    total += row.i
del rows, row
print('list: total', total, 'peak rows alive', peak, 'after', len(alive))
total = 0
peak = 0
for row in rows_generator(1000):
    alive.add(row)
    peak = max(peak, len(alive))
    total += row.i
del row
print('generator: total', total, 'peak rows alive', peak, 'after', len(alive))
print('sizes:', sys.getsizeof(rows_list(1000)), sys.getsizeof(rows_generator(1000)))
