# A snapshot's largest statistic by line points at the allocating line.
import tracemalloc


def allocate():
    return [bytearray(1000) for i in range(1000)]


tracemalloc.start()
blocks = allocate()
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
top = snapshot.statistics('lineno')[0]
frame = top.traceback[0]
print('file:', frame.filename.endswith('tracemalloc-snapshot.py'))
print('line:', frame.lineno)
print('at least a megabyte:', top.size >= 1000 * 1000)
print('at least a thousand blocks:', top.count >= 1000)
print('kept:', len(blocks))
