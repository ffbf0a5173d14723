"""global-cache: pages rendered through a module-level dict cache, while the program uses only the recent ones.

A dict at module level lives as long as the program, so every value cached in it stays reachable
and no garbage collector may free it: memory only grows. Bound such caches
(functools.lru_cache(maxsize=...)) or hold their values weakly (compare weak-value-cache.py, which
serves the same requests).

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1], requests [40000, scaled]: page requests
served; recentPages [100]: pages the program keeps using (the `recent` list), older ones dropped;
newPageProbability [0.1]: probability that a request asks for a new page, the others revisiting a
page in `recent`; pageBytes [2048]: the size of each rendered page's body.
"""

import gc
import random
import sys

DEFAULTS = {
    "scale": 1.0,
    "seed": 1,
    "requests": 40000,
    "recentPages": 100,
    "newPageProbability": 0.1,
    "pageBytes": 2048,
}


def fail(message):
    sys.stderr.write(f"{sys.argv[0]}: {message}\n")
    sys.exit(2)


def read_parameters(defaults):
    """The defaults, overridden by the name=value words of sys.argv."""
    values = dict(defaults)
    for word in sys.argv[1:]:
        name, equals, text = word.partition("=")
        if not equals or name not in defaults:
            fail(f"unknown parameter {word!r} (give name=value, names: {', '.join(defaults)})")
        integral = isinstance(defaults[name], int)
        try:
            value = int(text) if integral else float(text)
        except ValueError:
            fail(f"{name} must be {'an integer' if integral else 'a number'}, got {text!r}")
        if value - value != 0:
            fail(f"{name} must be finite, got {text!r}")
        values[name] = value
    if values["scale"] <= 0:
        fail(f"scale must be positive, got {values['scale']}")
    return values


parameters = read_parameters(DEFAULTS)
scale = parameters["scale"]


def scaled(count):
    return max(1, int(count * scale + 0.5))


requests = scaled(parameters["requests"])
recent_pages = max(1, parameters["recentPages"])
new_page_probability = parameters["newPageProbability"]
page_bytes = max(0, parameters["pageBytes"])
random.seed(parameters["seed"])


class Page:
    def __init__(self, path, body):
        self.path = path
        self.body = body


_cache = {}  # module level: lives as long as the program


def render(path):
    page = _cache.get(path)
    if page is None:
        page = Page(path, bytes(page_bytes))
        _cache[path] = page
    return page


pages_made = 0


def new_path():
    global pages_made
    pages_made += 1
    return f"/page/{pages_made - 1}"


print("global-cache", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: serve
recent = []  # the pages the program is still using
for _ in range(requests):
    if not recent or random.random() < new_page_probability:
        path = new_path()
    else:
        path = random.choice(recent).path
    recent.append(render(path))
    if len(recent) > recent_pages:
        del recent[0]
print(f"serve: {requests} requests served, {pages_made} pages rendered, {len(_cache)} cached")

# phase: drop-recent
recent.clear()
print(f"drop-recent: {len(recent)} pages in use, {len(_cache)} cached")

# phase: collect
gc.collect()
print(f"collect: {len(_cache)} pages still cached after gc.collect()")
