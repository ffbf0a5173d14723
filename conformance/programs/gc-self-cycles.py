# Self-cycles of every kind of container.
import gc


class Box:
    pass


gc.collect()

lst = []
lst.append(lst)
del lst
print('list:', gc.collect())

d = {}
d[1] = d
del d
print('dict:', gc.collect())

b = Box()
b.me = b
del b
print('instance:', gc.collect())

b = Box()
b.items = [b]
del b
print('instance and its list:', gc.collect())

s = set()
holder = Box()
holder.s = s
s.add(holder)
del s, holder
print('set holding its holder:', gc.collect())
