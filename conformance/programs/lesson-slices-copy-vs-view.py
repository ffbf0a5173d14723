# Lesson (slices: copy versus view): bytes slices copy; memoryview slices share
# the buffer and keep all of it alive.
import sys

data = bytes(range(256)) * 64
slice_bytes = 1024
pieces = [data[i:i + slice_bytes] for i in range(0, len(data), slice_bytes)]
print('copies:', len(pieces), 'each', sys.getsizeof(pieces[0]), 'total', sum(sys.getsizeof(p) for p in pieces))
del pieces
view = memoryview(data)
pieces = [view[i:i + slice_bytes] for i in range(0, len(data), slice_bytes)]
print('views:', len(pieces), 'each', sys.getsizeof(pieces[0]), 'total', sum(sys.getsizeof(p) for p in pieces))
print('a view keeps the whole buffer:', pieces[3].obj is data, len(pieces[3].obj))
header = bytes(pieces[0][:16])
del pieces, view
print('a copied header is small:', sys.getsizeof(header), header[:4])
