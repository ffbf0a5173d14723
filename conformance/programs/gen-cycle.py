# A suspended generator in a reference cycle: the collector runs its finally
# block, and everything is freed during finalization, so collect() counts 0.
import gc


class Local:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def worker(box):
    t = Local('generator local')
    try:
        yield 1
    finally:
        print('finally in the generator')


gc.collect()
box = []
g = worker(box)
box.append(g)
next(g)
del g, box
print('collected:', gc.collect())

box = []
g = worker(box)
box.append(g)
del g, box
print('never started, collected:', gc.collect())
