# The outer object's __del__ runs first, then what it held is released.
class Loud:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def __del__(self):
        print('del', self.name)


chain = Loud('grandparent', Loud('parent', Loud('child')))
del chain

nested = [Loud('second'), [[[Loud('deep')]]]]
del nested

pair = (Loud('left'), Loud('right'))
holder = {'pair': pair}
del pair
print('the dict still holds the pair')
del holder
