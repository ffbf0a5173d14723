# Lesson (global cache): a module-level dict keeps every cached value
# reachable; no collector may free them.
import gc
import sys


class Page:
    def __init__(self, path, body):
        self.path = path
        self.body = body


_cache = {}


def render(path):
    page = _cache.get(path)
    if page is None:
        page = Page(path, bytes(1000))
        _cache[path] = page
    return page


for i in range(2000):
    render('/item/' + str(i % 500))
print('cached pages:', len(_cache))
print('collected:', gc.collect())
print('still cached:', len(_cache))
print('bytes held by bodies:', sum(len(p.body) for p in _cache.values()))
print('dict size:', sys.getsizeof(_cache))
_cache.clear()
print('after clear:', len(_cache), sys.getsizeof(_cache))
