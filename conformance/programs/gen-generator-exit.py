# GeneratorExit can be caught; yielding again after it is an error.
def catches():
    try:
        yield 'working'
    except GeneratorExit:
        print('caught GeneratorExit')
        raise


def stubborn():
    try:
        yield 1
    finally:
        yield 2


def counts():
    n = 0
    while True:
        try:
            received = yield n
        except ValueError as e:
            print('thrown in:', e)
            received = 100
        n = n + 1 if received is None else received


g = catches()
next(g)
g.close()

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print('RuntimeError:', e)

c = counts()
print(next(c), next(c), c.send(10), next(c))
print('throw returns the next yield:', c.throw(ValueError('boom')))
print(next(c))
c.close()
