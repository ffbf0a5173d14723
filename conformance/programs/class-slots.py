# __slots__ fixes the attributes an instance may have.
class Point:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y)
try:
    p.z = 3
except AttributeError as e:
    print('AttributeError:', e)
try:
    Point.__new__(Point).x
except AttributeError as e:
    print('unset slot:', e)
del p.x
print('after del, has x:', hasattr(p, 'x'))


class Point3(Point):
    __slots__ = ('z',)


q = Point3(1, 2)
q.z = 3
print(q.x, q.y, q.z)


class Loose(Point):
    pass


r = Loose(5, 6)
r.extra = 'a subclass without __slots__ gets a __dict__'
print(r.extra)
