# The generation-0 count right after gc.collect(): +1 for each allocation of a
# container, -1 for each one freed. The tuple returned by the first
# get_count() is itself one allocation, hence the "- 1".
import gc


class C:
    def meth(self):
        return 1


def delta(label, before, after):
    print(label, after[0] - before[0] - 1)


def main():
    gc.disable()
    p = 1
    q = 2
    gc.collect()
    a = gc.get_count()
    b = gc.get_count()
    delta('nothing:', a, b)
    gc.collect()
    a = gc.get_count()
    x = []
    b = gc.get_count()
    delta('empty list:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = {}
    b = gc.get_count()
    delta('empty dict:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = {'a': []}
    b = gc.get_count()
    delta('dict holding a list:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = (p, q)
    b = gc.get_count()
    delta('runtime tuple:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = (1, 2)
    b = gc.get_count()
    delta('constant tuple:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = C()
    b = gc.get_count()
    delta('instance:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = C()
    x.a = p
    b = gc.get_count()
    delta('instance with an attribute:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = [i for i in range(3)]
    b = gc.get_count()
    delta('list comprehension:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = object()
    b = gc.get_count()
    delta('object():', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    for i in range(3):
        pass
    b = gc.get_count()
    delta('for loop over range:', a, b)
    gc.collect()
    a = gc.get_count()
    x = C().meth
    b = gc.get_count()
    delta('bound method kept:', a, b)
    del x
    gc.collect()
    a = gc.get_count()
    x = [[] for i in range(10)]
    b = gc.get_count()
    delta('ten lists in a list:', a, b)
    del x
    gc.enable()


main()
