# Dicts start untracked and become tracked when a value that may be tracked is
# inserted; only a full collection untracks them again.
import gc


def main():
    d = {}
    print('empty:', gc.is_tracked(d))
    d['a'] = 1
    print('int value:', gc.is_tracked(d))
    d['b'] = []
    print('list value:', gc.is_tracked(d))
    d['b'] = 2
    print('list replaced by int:', gc.is_tracked(d))
    gc.collect(0)
    print('after collect(0):', gc.is_tracked(d))
    gc.collect(1)
    print('after collect(1):', gc.is_tracked(d))
    gc.collect(2)
    print('after collect(2):', gc.is_tracked(d))
    print('str keys, str values:', gc.is_tracked({'x': 'y'}))
    print('tuple key of atoms:', gc.is_tracked({(1, 2): 1}))
    print('dict value:', gc.is_tracked({'inner': {}}))
    print('dict(a=1):', gc.is_tracked(dict(a=1)))


main()
