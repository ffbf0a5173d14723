# close() throws GeneratorExit at the paused yield, so finally blocks run.
class Local:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def worker():
    t = Local('local of worker')
    try:
        yield 1
        yield 2
    finally:
        print('finally runs')


g = worker()
print('first:', next(g))
g.close()
print('closed; next() now gives:', next(g, 'nothing'))
g.close()
print('second close does nothing')

g = worker()
print('never started; deleting')
del g
print('nothing ran')

g = worker()
next(g)
print('deleting a suspended generator')
del g
print('after del')

g = worker()
print('exhausted:', list(g))
del g
print('after del of an exhausted generator')
