# Slicing lists, tuples and strs; assigning and deleting slices.
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[-3:], s[::2], s[::-1], s[8:2:-2], s[100:], s[-100:2])
items = list(range(10))
print(items[1:9:3], items[-1], items[-2:], items[:-7])
items[2:5] = ['x', 'y']
print(items)
items[::3] = [None] * len(items[::3])
print(items)
del items[:2]
print(items)
del items[::2]
print(items)
t = tuple(range(6))
print(t[1:4], t[::-1], t[5:0:-2])
copy = items[:]
copy.append('only in the copy')
print(len(items), len(copy))
b = b'bytes!'
print(b[1:3], b[0], b[-1:])
