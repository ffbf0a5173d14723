# dict and set operations.
d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, list(d), list(d.values()), list(d.items()))
print(d.get('z'), d.get('z', 0), d.setdefault('e', 5), d.pop('b'), d)
d.update({'a': 10}, f=6)
print(d, 'a' in d, len(d))
print(d.popitem(), d)
counts = {}
for ch in 'abracadabra':
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(dict(zip('xyz', range(3))), dict.fromkeys('ab', 0), {**d, 'a': 0})
s = {3, 1, 2}
t = {2, 3, 4}
print(sorted(s | t), sorted(s & t), sorted(s - t), sorted(s ^ t), s <= {1, 2, 3, 4})
s.add(10)
s.discard(99)
s.remove(1)
print(sorted(s), len(s), 2 in s)
fs = frozenset([1, 2])
print(fs | {3}, sorted(fs), {fs: 'frozen key'}[frozenset([2, 1])])
try:
    d['missing']
except KeyError as e:
    print('KeyError:', e)
