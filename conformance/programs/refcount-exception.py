# References held by exception handling.
import sys


def main():
    try:
        raise KeyError('k')
    except KeyError as e:
        print('bound by except ... as:', sys.getrefcount(e))
        saved = e
        print('saved too:', sys.getrefcount(e))
    print('after the block, only saved:', sys.getrefcount(saved))
    try:
        print(e)
    except NameError as err:
        print('NameError:', err)
    tb = saved.__traceback__
    print('traceback kept:', tb is not None)


main()
err = ValueError('x')
print('a fresh exception:', sys.getrefcount(err))
