# With DEBUG_SAVEALL the collector keeps what it finds in gc.garbage instead of
# freeing it.
import gc


class X:
    pass


gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
x = X()
x.me = x
lst = []
lst.append(lst)
del x, lst
print('collected:', gc.collect())
print('garbage:', len(gc.garbage))
print('kinds:', sorted(type(o).__name__ for o in gc.garbage))
print('the list still holds itself:', gc.garbage[1] is gc.garbage[1][0])
gc.set_debug(0)
print('debug flags:', gc.get_debug())
gc.garbage.clear()
print('collected after clearing:', gc.collect())
print('garbage now:', gc.garbage)
print('DEBUG_SAVEALL', gc.DEBUG_SAVEALL, 'DEBUG_LEAK', gc.DEBUG_LEAK, 'DEBUG_STATS', gc.DEBUG_STATS)
