# WeakValueDictionary, WeakKeyDictionary and WeakSet drop entries whose objects die.
import gc
import weakref


class Item:
    def __init__(self, key):
        self.key = key


gc.collect()
items = [Item(i) for i in range(5)]
values = weakref.WeakValueDictionary()
keys = weakref.WeakKeyDictionary()
members = weakref.WeakSet()
for item in items:
    values[item.key] = item
    keys[item] = item.key * 10
    members.add(item)
print('lengths:', len(values), len(keys), len(members))
del items[0]
item = None
print('after one del:', len(values), len(keys), len(members))
print('value 0 present:', 0 in values, 'value 1:', values[1].key)
a = Item('a')
b = Item('b')
a.other = b
b.other = a
values['a'] = a
members.add(b)
del a, b
print('cycle still uncollected:', len(values), len(members))
print('collected:', gc.collect())
print('after collect:', len(values), len(members))
items.clear()
print('all gone:', len(values), len(keys), len(members))
print('sorted keys left:', sorted(values.keys()))
