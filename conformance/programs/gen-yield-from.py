# yield from delegates to a sub-generator and returns its return value.
def inner(n):
    for i in range(n):
        yield i
    return 'inner done with ' + str(n)


def outer():
    result = yield from inner(3)
    print('inner returned:', result)
    result = yield from inner(2)
    print('inner returned:', result)
    yield from [10, 20]
    return 'outer done'


print(list(outer()))
g = outer()
print(next(g), next(g))


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
try:
    g2 = outer()
    while True:
        next(g2)
except StopIteration as stop:
    print('StopIteration value:', stop.value)
