# Slicing bytes copies the data; slicing a memoryview shares it.
import sys

data = b'x' * 10000
copy = data[1000:9000]
view = memoryview(data)[1000:9000]
print('bytes:', sys.getsizeof(data))
print('bytes slice (a copy):', sys.getsizeof(copy))
print('memoryview slice:', sys.getsizeof(view))
print('same length:', len(copy), len(view))
print('same content:', view.tobytes() == copy)
print('view reads through:', view[0], data[1000])
buf = bytearray(b'abcdef')
window = memoryview(buf)[2:4]
buf[2] = 90
print('a view of a bytearray sees writes:', window.tobytes())
window.release()
try:
    window[0]
except ValueError as e:
    print('after release:', e)
lst = list(range(1000))
part = lst[100:900]
print('list slice is a copy:', sys.getsizeof(part), len(part))
