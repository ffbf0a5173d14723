# Every instance of a class holds a reference to its class.
import sys


def main():
    class K:
        pass

    base = sys.getrefcount(K)
    instances = [K() for i in range(10)]
    print('ten instances add:', sys.getrefcount(K) - base)
    instances.clear()
    print('after clearing:', sys.getrefcount(K) - base)

    class Sub(K):
        pass

    print('a subclass adds references through its bases and mro:', sys.getrefcount(K) - base)


main()
