# A cache of weak values: entries live only while someone else holds them.
import weakref


class Page:
    def __init__(self, url):
        self.url = url


cache = weakref.WeakValueDictionary()
loads = []


def fetch(url):
    page = cache.get(url)
    if page is None:
        loads.append(url)
        page = Page(url)
        cache[url] = page
    return page


home = fetch('/home')
again = fetch('/home')
print('cached object reused:', home is again)
about = fetch('/about')
print('loads so far:', loads)
del about
print('about evicted:', '/about' in cache)
fetch('/about')
print('loads after refetch:', loads)
print('cache keys:', sorted(cache.keys()))
