# Lesson (small int and string caches): cached ints and one-character strs are
# shared; other ints and run-time strs are new objects; sys.intern shares.
import sys


def distinct_objects(values):
    kept = []
    for v in values:
        if not any(v is k for k in kept):
            kept.append(v)
    return len(kept)


n = 600
small = [i % 257 for i in range(n)]
print('small ints: distinct objects', distinct_objects(small))
large = [1000 + i % 5 for i in range(n)]
print('large ints (5 values): distinct objects', distinct_objects(large[:50]))
chars = ['abcdefghijklmnopqrstuvwxyz'[i % 26] for i in range(n)]
print('one-character strs: distinct objects', distinct_objects(chars))
words = [f'w{i % 10}' for i in range(100)]
print('f-strings (10 values): distinct objects', distinct_objects(words))
names = [sys.intern(f'w{i % 10}') for i in range(100)]
print('interned (10 values): distinct objects', distinct_objects(names))
print('list of 600 refs:', sys.getsizeof(small))
