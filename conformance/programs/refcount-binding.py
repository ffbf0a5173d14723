# sys.getrefcount counts its own argument too: a fresh object bound to one name shows 2.
import sys


class Thing:
    pass


def main():
    t = Thing()
    print('one name:', sys.getrefcount(t))
    u = t
    print('two names:', sys.getrefcount(t))
    del u
    print('back to one:', sys.getrefcount(t))
    print('a temporary:', sys.getrefcount(Thing()))
    print('a temporary list:', sys.getrefcount([]))


main()
g = Thing()
print('module global:', sys.getrefcount(g))
