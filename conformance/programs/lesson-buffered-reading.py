# Lesson (buffered reading): every f.read(size) returns a new bytes object;
# readinto() fills one reused bytearray.
import sys

with open('big.bin', 'wb') as f:
    f.write(bytes(range(256)) * 400)

for size in (256, 4096, 65536):
    chunks = 0
    largest = 0
    total = 0
    with open('big.bin', 'rb') as f:
        while True:
            chunk = f.read(size)
            if not chunk:
                break
            chunks += 1
            total += len(chunk)
            largest = max(largest, sys.getsizeof(chunk))
    print('read', size, '->', chunks, 'bytes objects, largest', largest, 'bytes, total', total)

with open('big.bin', 'rb') as f:
    data = f.read()
print('one read():', len(data), 'bytes in one object of', sys.getsizeof(data))
del data

buffer = bytearray(4096)
reads = 0
with open('big.bin', 'rb') as f:
    while True:
        n = f.readinto(buffer)
        if n == 0:
            break
        reads += 1
print('readinto:', reads, 'reads into one bytearray of', sys.getsizeof(buffer))
