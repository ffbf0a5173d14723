# Lesson (weak-value cache): a WeakValueDictionary does not keep its values
# alive; entries vanish with the last strong reference.
import weakref


class Page:
    def __init__(self, path, body):
        self.path = path
        self.body = body


_cache = weakref.WeakValueDictionary()
renders = 0


def render(path):
    global renders
    page = _cache.get(path)
    if page is None:
        renders += 1
        page = Page(path, bytes(1000))
        _cache[path] = page
    return page


in_use = []
for i in range(2000):
    page = render('/item/' + str(i % 500))
    if i % 100 == 0:
        in_use.append(page)
del page
print('pages rendered:', renders)
print('entries alive:', len(_cache))
in_use.clear()
print('after dropping the pages in use:', len(_cache))
