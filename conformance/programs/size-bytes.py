# bytes store their data inline; a bytearray has a separate, over-allocated buffer.
import sys

for n in [0, 1, 3, 10, 100]:
    print('bytes', n, sys.getsizeof(b'x' * n))
for n in [0, 1, 3, 10, 100]:
    print('bytearray', n, sys.getsizeof(bytearray(b'x' * n)))
grow = bytearray()
sizes = []
for i in range(40):
    grow.append(i)
    size = sys.getsizeof(grow)
    if not sizes or sizes[-1][1] != size:
        sizes.append((len(grow), size))
print('bytearray append:', sizes)
