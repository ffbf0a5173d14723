# gc.is_finalized: True once __del__ has run on an object that survived it.
import gc

saved = []


class Phoenix:
    def __del__(self):
        print('__del__ runs')
        saved.append(self)


gc.collect()
p = Phoenix()
print('before:', gc.is_finalized(p))
p.me = p
del p
print('collect:', gc.collect())
print('resurrected:', len(saved))
print('after:', gc.is_finalized(saved[0]))
print('plain object:', gc.is_finalized([]))
saved.clear()
print('collect again, __del__ not run twice:', gc.collect())
