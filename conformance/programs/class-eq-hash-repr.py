# __eq__, __hash__, __repr__ and __str__ decide how instances compare, hash and print.
class Card:
    def __init__(self, rank, suit):
        self.rank = rank
        self.suit = suit

    def __eq__(self, other):
        if not isinstance(other, Card):
            return NotImplemented
        return self.rank == other.rank and self.suit == other.suit

    def __hash__(self):
        return hash((self.rank, self.suit))

    def __repr__(self):
        return 'Card(' + repr(self.rank) + ', ' + repr(self.suit) + ')'

    def __str__(self):
        return str(self.rank) + ' of ' + self.suit


class NoHash:
    def __eq__(self, other):
        return True


a = Card(10, 'hearts')
b = Card(10, 'hearts')
print(a == b, a is b, a != Card(3, 'spades'))
print(len({a, b, Card(3, 'spades')}))
print(repr(a), str(a))
print([a, b])
print(f'{a} / {a!r}')
print(a == 10)
print('class with __eq__ only has __hash__ None:', NoHash.__hash__ is None)
try:
    hash(NoHash())
except TypeError as e:
    print('TypeError:', e)
d = {a: 'first'}
d[b] = 'second'
print(d)
