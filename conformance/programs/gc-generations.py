# Objects move to older generations as they survive collections; a young
# collection treats older objects as roots.
import gc


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


gc.collect()
gc.disable()
old = Loud('old')
gc.collect()
mid = Loud('mid')
gc.collect(0)
new = Loud('new')
old.next = mid
mid.next = new
new.next = old
del old, mid, new
print('collect(0):', gc.collect(0))
print('collect(1):', gc.collect(1))
print('full collection:')
print('collected:', gc.collect())

x = []
x.append(x)
gc.collect(0)
print('after collect(0), counts of the older generations:', gc.get_count()[1:])
del x
print('collect(0) cannot see it now:', gc.collect(0))
print('collect(1) can:', gc.collect(1))
gc.enable()
