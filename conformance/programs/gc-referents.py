# gc.get_referents and gc.get_referrers, shown as sorted type names.
import gc


class Pair:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def names(objects):
    return sorted(type(o).__name__ for o in objects)


p = Pair([1], {'k': 2})
print('instance:', names(gc.get_referents(p)))
print('list:', names(gc.get_referents([1, 'a', 2.5, None])))
print('dict:', names(gc.get_referents({'a': [], 'b': ()})))
print('tuple:', names(gc.get_referents((p, 'x'))))
print('two objects:', names(gc.get_referents([1], ('a',))))
print('str has none:', gc.get_referents('text'))

target = [0]
holder_list = [target]
holder_dict = {'t': target}
holder_obj = Pair(target, None)
print('referrers:', names(r for r in gc.get_referrers(target) if r is not globals()))
