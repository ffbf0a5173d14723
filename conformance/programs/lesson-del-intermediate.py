# Lesson (del of intermediates): a local keeps its value alive until the
# function returns; del lowers the peak at once.
import weakref


class Blob:
    def __init__(self, stage, i):
        self.stage = stage
        self.i = i


def process(n, drop_intermediates):
    raw = [Blob('raw', i) for i in range(n)]
    watch = weakref.ref(raw[0])
    decoded = [Blob('decoded', r.i) for r in raw]
    if drop_intermediates:
        del raw
    print('  raw alive while encoding:', watch() is not None)
    encoded = [Blob('encoded', d.i) for d in decoded]
    if drop_intermediates:
        del decoded
    return len(encoded), watch


for drop in (False, True):
    print('drop intermediates:', drop)
    count, watch = process(1000, drop)
    print('  encoded', count, '; raw alive after return:', watch() is not None)
