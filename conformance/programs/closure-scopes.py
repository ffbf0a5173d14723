# global, nonlocal and the LEGB lookup order.
x = 'global x'


def outer():
    x = 'outer x'

    def inner():
        return x

    def shadow():
        x = 'inner x'
        return x

    def rebind():
        nonlocal x
        x = 'rebound by nonlocal'

    print(inner(), '|', shadow())
    rebind()
    print(inner())


outer()
print(x)


def set_global():
    global x
    x = 'set by global'


set_global()
print(x)


def unbound():
    try:
        print(y)
        y = 1
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)


unbound()
print(len('builtins come last'))
