# Tuples are tracked when built at run time; a collection untracks those that
# hold only atoms. A tuple of a tuple needs a second collection.
import gc


def build(p, q):
    return (p, q)


def main():
    t = build(1, 'x')
    print('runtime tuple of atoms:', gc.is_tracked(t))
    const = (1, 2)
    print('constant tuple:', gc.is_tracked(const))
    print('empty tuple:', gc.is_tracked(()))
    holds_list = build([], 1)
    nested = (build(3, 4), 'y')
    print('before collect:', gc.is_tracked(t), gc.is_tracked(holds_list), gc.is_tracked(nested), gc.is_tracked(nested[0]))
    gc.collect()
    print('after one collect:', gc.is_tracked(t), gc.is_tracked(holds_list), gc.is_tracked(nested), gc.is_tracked(nested[0]))
    gc.collect()
    print('after two collects:', gc.is_tracked(t), gc.is_tracked(holds_list), gc.is_tracked(nested), gc.is_tracked(nested[0]))


main()
