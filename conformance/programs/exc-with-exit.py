# __exit__ receives the exception; returning True suppresses it.
class Manager:
    def __init__(self, name, suppress):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print('enter', self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        kind = None if exc_type is None else exc_type.__name__
        print('exit', self.name, kind, exc, tb is not None)
        return self.suppress


with Manager('quiet', False) as m:
    print('body of', m.name)

with Manager('suppressing', True):
    raise KeyError('swallowed')
print('after the suppressed error')

try:
    with Manager('passing', False):
        raise ValueError('escapes')
except ValueError as e:
    print('caught outside:', e)

with Manager('outer', False), Manager('inner', True):
    raise RuntimeError('inner handles it')
print('two managers: exits in reverse order')
