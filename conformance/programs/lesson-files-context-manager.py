# Lesson (files and context managers): with closes at the end of the block; a
# forgotten file closes when its object is freed; a file in a cycle stays open
# until a collection.
import gc

for i in range(3):
    with open('with-' + str(i) + '.txt', 'w') as f:
        f.write('file ' + str(i) + '\n')
print('with closed it:', f.closed)


def read_text(path):
    f = open(path)
    return f.read(), f


data, forgotten = read_text('with-0.txt')
print('returned file still open:', not forgotten.closed)
raw = forgotten.buffer
del forgotten
print('freed, so closed:', raw.closed)

gc.collect()


class Holder:
    pass


h = Holder()
h.file = open('with-1.txt')
h.me = h
raw = h.file.buffer
del h
print('in a cycle, still open:', not raw.closed)
gc.collect()
print('after gc.collect():', raw.closed)


def lines(path):
    with open(path) as f:
        for line in f:
            yield line


g = lines('with-2.txt')
print('first line from a generator:', next(g).strip())
print('the suspended generator keeps its file open; closing it')
g.close()
print('done')
