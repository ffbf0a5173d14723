# What a second reader sees while a writer is still open depends on buffering.
def read_back(name):
    with open(name) as r:
        return r.read()


with open('default.txt', 'w') as w:
    w.write('one line\n')
    print('default buffering, before flush:', repr(read_back('default.txt')))
    w.flush()
    print('after flush:', repr(read_back('default.txt')))
print('after close:', repr(read_back('default.txt')))

with open('line.txt', 'w', buffering=1) as w:
    w.write('partial')
    print('line buffered, no newline yet:', repr(read_back('line.txt')))
    w.write(' line\n')
    print('line buffered, after a newline:', repr(read_back('line.txt')))

with open('raw.bin', 'wb', buffering=0) as w:
    w.write(b'abc')
    print('unbuffered bytes:', repr(read_back('raw.bin')))

with open('big.txt', 'w') as w:
    w.write('x' * 100000)
    print('a write larger than the buffer reaches the file:', len(read_back('big.txt')) > 0)
