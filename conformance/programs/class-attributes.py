# Class attributes are shared; instance attributes shadow them.
class Config:
    defaults = []
    level = 1

    def __init__(self, name):
        self.name = name


a = Config('a')
b = Config('b')
a.defaults.append('shared!')
print(b.defaults)
a.level = 5
print(a.level, b.level, Config.level)
del a.level
print(a.level)
print(getattr(a, 'missing', 'default'), hasattr(b, 'name'))
setattr(b, 'color', 'red')
print(b.color)
delattr(b, 'color')
print(hasattr(b, 'color'))
print(type(a).__name__, type(a) is Config, type(Config).__name__)
print(sorted(a.__dict__))
print(Config.__name__, Config.__qualname__)
