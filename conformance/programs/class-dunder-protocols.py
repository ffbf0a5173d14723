# Containers and operators defined by special methods.
class Vector:
    def __init__(self, *parts):
        self.parts = list(parts)

    def __len__(self):
        return len(self.parts)

    def __getitem__(self, i):
        return self.parts[i]

    def __iter__(self):
        return iter(self.parts)

    def __contains__(self, x):
        return x in self.parts

    def __add__(self, other):
        return Vector(*[a + b for a, b in zip(self.parts, other.parts)])

    def __mul__(self, k):
        return Vector(*[a * k for a in self.parts])

    def __lt__(self, other):
        return sum(self.parts) < sum(other.parts)

    def __bool__(self):
        return any(self.parts)

    def __repr__(self):
        return 'Vector' + repr(tuple(self.parts))


v = Vector(1, 2, 3)
w = Vector(4, 5, 6)
print(v + w, v * 2, len(v), v[1], 2 in v, 9 in v)
print(list(v), sorted([w, v]), max(v, w))
print(bool(Vector(0, 0)), bool(v))
for part in v:
    print('part', part)
a, b, c = v
print(a + b + c)
