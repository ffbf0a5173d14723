# A module-level name keeps its object alive until it is rebound or deleted;
# a global cache grows without bound.
class Entry:
    def __init__(self, key):
        self.key = key

    def __del__(self):
        print('del entry', self.key)


CACHE = {}


def lookup(key):
    if key not in CACHE:
        CACHE[key] = Entry(key)
    return CACHE[key]


def use():
    local = lookup('a')
    lookup('b')
    return local.key


print('used', use())
print('cache size after the call:', len(CACHE))
print('global rebinding:')
CACHE = {}
print('a global counter:')
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print('counter:', counter)
current = Entry('current')
current = None
print('end')
