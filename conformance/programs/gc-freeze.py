# gc.freeze() moves every tracked object into the permanent generation, which
# collections ignore; gc.unfreeze() puts them back into the oldest generation.
import gc


class Node:
    pass


gc.collect()
a = Node()
b = Node()
a.other = b
b.other = a
gc.freeze()
print('count after freeze:', gc.get_count())
print('frozen objects:', gc.get_freeze_count() > 0)
del a, b
print('collect while frozen:', gc.collect())
gc.unfreeze()
print('freeze count after unfreeze:', gc.get_freeze_count())
print('collect after unfreeze:', gc.collect())
