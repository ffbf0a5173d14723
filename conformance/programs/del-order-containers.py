# Order in which a dying container releases its items: lists and tuples in
# reverse, dicts in insertion order.
class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def loud_items(prefix):
    return [Loud(prefix + str(i)) for i in range(5)]


items = loud_items('list')
print('list:')
del items

t = tuple(loud_items('tuple'))
print('tuple:')
del t

d = {}
for item in loud_items('dict'):
    d[item.name] = item
item = None
print('dict:')
del d

d = {}
for item in loud_items('moved'):
    d[item.name] = item
item = None
d['moved1'] = d.pop('moved1')
print('dict with a key moved to the end:')
del d
