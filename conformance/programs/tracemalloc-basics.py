# tracemalloc: only facts that do not depend on exact byte counts.
import tracemalloc

print('tracing before start:', tracemalloc.is_tracing())
tracemalloc.start()
print('tracing after start:', tracemalloc.is_tracing())
data = [str(i) * 10 for i in range(2000)]
current, peak = tracemalloc.get_traced_memory()
print('something is traced:', current > 0)
print('peak >= current:', peak >= current)
del data
after, peak_after = tracemalloc.get_traced_memory()
print('freeing lowers current:', after < current)
print('peak is kept:', peak_after >= peak)
tracemalloc.reset_peak()
print('after reset_peak, peak is near current:', tracemalloc.get_traced_memory()[1] < peak)
tracemalloc.stop()
print('tracing after stop:', tracemalloc.is_tracing())
print('nothing traced after stop:', tracemalloc.get_traced_memory())
