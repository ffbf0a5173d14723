# Iterators are small objects that remember a position.
import itertools
import sys

data = [10, 20, 30, 40]
it = iter(data)
print(next(it), next(it))
print('rest:', list(it))
print('exhausted:', list(it))
pairs = list(enumerate(['a', 'b'], start=1))
print(pairs)
print(list(zip([1, 2, 3], 'ab')))
print(list(map(len, ['x', 'yy', 'zzz'])))
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])))
print(list(reversed(data)))
print(list(itertools.islice(itertools.count(5), 4)))
print(list(itertools.chain([1, 2], (3,), 'ab')))
print(list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.product('ab', repeat=2)))
print(list(itertools.permutations([1, 2, 3], 2)))
print(list(itertools.combinations('abcd', 2)))
print([(k, len(list(g))) for k, g in itertools.groupby('aaabbc')])
print(list(itertools.repeat('x', 3)))
print(list(itertools.zip_longest([1, 2, 3], 'a', fillvalue='-')))
print('iterator sizes:', sys.getsizeof(iter(data)), sys.getsizeof(itertools.count()))
