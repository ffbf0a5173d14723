# Atoms (ints, floats, strs, bytes, None) are never tracked by the collector.
import gc


class Plain:
    pass


print('int', gc.is_tracked(12345))
print('big int', gc.is_tracked(2 ** 100))
print('float', gc.is_tracked(1.5))
print('str', gc.is_tracked('text'))
print('bytes', gc.is_tracked(b'raw'))
print('None', gc.is_tracked(None))
print('True', gc.is_tracked(True))
print('range', gc.is_tracked(range(10)))
print('object()', gc.is_tracked(object()))
print('list', gc.is_tracked([]))
print('set', gc.is_tracked(set()))
print('frozenset', gc.is_tracked(frozenset()))
print('bytearray', gc.is_tracked(bytearray(b'x')))
print('instance', gc.is_tracked(Plain()))
print('class', gc.is_tracked(Plain))
print('function', gc.is_tracked(lambda: 0))
print('iterator', gc.is_tracked(iter([1])))
