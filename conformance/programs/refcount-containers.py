# Each container slot holding an object is one reference.
import sys


class Thing:
    pass


def main():
    t = Thing()
    items = [t]
    print('in a list:', sys.getrefcount(t))
    items.append(t)
    print('twice in the list:', sys.getrefcount(t))
    pair = (t, t)
    print('twice in a tuple too:', sys.getrefcount(t))
    d = {'a': t}
    print('as a dict value:', sys.getrefcount(t))
    s = {t}
    print('in a set:', sys.getrefcount(t))
    holder = Thing()
    holder.attr = t
    print('as an attribute:', sys.getrefcount(t))
    del items, pair, d, s, holder
    print('all containers gone:', sys.getrefcount(t))


main()
