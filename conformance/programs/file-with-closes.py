# with closes the file when the block ends, even when the block raises.
with open('notes.txt', 'w') as f:
    print('inside, closed:', f.closed)
    f.write('alpha\nbeta\ngamma\n')
print('after the block, closed:', f.closed)

try:
    with open('notes.txt') as f:
        first = f.readline()
        raise ValueError('stop reading')
except ValueError as e:
    print('caught:', e)
print('closed after the exception:', f.closed)
print('first line:', repr(first))

g = open('notes.txt')
print('without with, open:', not g.closed)
g.close()
print('after close():', g.closed)
try:
    g.read()
except ValueError as e:
    print('ValueError:', e)
