# The empty tuple, str and bytes are singletons; the empty frozenset, list and dict are not.
EMPTY_TUPLE = ()
EMPTY_STR = ''
EMPTY_BYTES = b''
A_BYTES = b'A'


def empty_tuple():
    return tuple([])


print('() is tuple():', EMPTY_TUPLE is tuple())
print('() is tuple([]):', EMPTY_TUPLE is empty_tuple())
print("'' is str():", EMPTY_STR is str())
print("'' from a slice:", 'abc'[3:] is EMPTY_STR)
print("b'' is bytes():", EMPTY_BYTES is bytes())
print("bytes([65]) is b'A':", bytes([65]) is A_BYTES)
print('frozenset() is frozenset():', frozenset() is frozenset())
print('list() is list():', list() is list())
print('None is None:', None is None)
print('bool(1) is True:', bool(1) is True)
print('(1 == 1) is True:', (1 == 1) is True)
print("float('1.5') is float('1.5'):", float('1.5') is float('1.5'))
print('empty slice of a tuple:', (1, 2, 3)[3:] is EMPTY_TUPLE)
