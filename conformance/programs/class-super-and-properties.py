# Single inheritance, super(), properties, class and static methods.
class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        return 0

    def describe(self):
        return self.name + ' with area ' + str(self.area())

    @classmethod
    def created(cls):
        return cls.__name__ + ' count ' + str(Shape.count)

    @staticmethod
    def unit():
        return 'cm'


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__('rect')
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = 'square'

    def describe(self):
        return 'a ' + super().describe()


shapes = [Shape('blob'), Rect(2, 3), Square(4)]
for s in shapes:
    print(s.describe())
print(Square(1).perimeter, Rect.created(), Square.created(), Shape.unit())
print(isinstance(shapes[2], Rect), issubclass(Square, Shape), issubclass(Shape, Rect))
print([c.__name__ for c in Square.__mro__])
try:
    shapes[1].perimeter = 5
except AttributeError as e:
    print('AttributeError:', e)
