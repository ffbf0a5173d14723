# The messages of common built-in exceptions.
def show(action):
    try:
        action()
    except Exception as e:
        print(type(e).__name__ + ':', e)


show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: [][3])
show(lambda: (1, 2)[5])
show(lambda: {}['key'])
show(lambda: int('abc'))
show(lambda: float('x'))
show(lambda: 'a' + 1)
show(lambda: 1 + 'a')
show(lambda: None.attr)
show(lambda: undefined_name)
show(lambda: len(5))
show(lambda: [1, 2].index(9))
show(lambda: next(iter([])))
show(lambda: 'abc'.missing)
show(lambda: {1, 2}.remove(3))
show(lambda: [].pop())
show(lambda: tuple(5))
