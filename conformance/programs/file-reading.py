# readline, readlines, iteration and read(n).
with open('lines.txt', 'w') as f:
    for i in range(5):
        f.write('line ' + str(i) + '\n')
    f.write('no newline at the end')

with open('lines.txt') as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(f.readlines())
    print('at the end:', repr(f.readline()))

with open('lines.txt') as f:
    for number, line in enumerate(f):
        print(number, line.rstrip('\n'))

with open('lines.txt') as f:
    print(repr(f.read(4)), repr(f.read(3)))
    print('tell after 7 chars:', f.tell())
    f.seek(0)
    print('after seek(0):', repr(f.read(6)))

with open('lines.txt', 'rb') as f:
    data = f.read()
    print('bytes:', len(data), data[:6])

with open('lines.txt', 'a') as f:
    f.write('\nappended')
with open('lines.txt') as f:
    print('last line:', f.read().splitlines()[-1])
