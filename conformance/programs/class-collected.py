# A class is an ordinary object: its dict, its __mro__ (which holds the class itself), its
# __bases__, the __dict__/__weakref__ getset descriptors and the __slots__ member descriptors in
# its dict (each holding the class), and the __class__ cell of methods that call super() form
# cycles that only the collector frees. What each collect() finds, class by class.
import gc

gc.collect()


class A:
    pass


print('class dict:', list(A.__dict__))
print(A.__dict__['__dict__'], A.__dict__['__weakref__'])
del A
print('plain class:', gc.collect())


class A(object):
    def f(self):
        pass

    x = 1


del A
print('with a method:', gc.collect())


class A:
    def f(self):
        return super().f

    def g(self):
        return __class__


print('closure:', len(A.f.__closure__), A.f.__closure__[0].cell_contents is A, A().g() is A)
del A
print('method using super():', gc.collect())


class A:
    __slots__ = ('y', 'x')


print('slots dict:', list(A.__dict__), A.__dict__['x'])
del A
print('slots:', gc.collect())


class A:
    __slots__ = ()


del A
print('empty slots:', gc.collect())


class A:
    pass


A.a = A
gc.collect()
del A
print('class referring to itself:', gc.collect())


class A:
    pass


a = A()
a.a = a
del A
print('class kept by its instance:', gc.collect())
del a
print('instance and class:', gc.collect())


class A:
    pass


A.a = A()
del A
print('instance as a class attribute:', gc.collect())


class A:
    pass


class B(A):
    pass


print('subclass dict:', list(B.__dict__), [c.__name__ for c in A.__subclasses__()])
del A
print('base kept by its subclass:', gc.collect())
del B
print('base and subclass:', gc.collect())


class A:
    pass


class B(A):
    pass


del B
print('subclass alone:', gc.collect())
print('subclasses left:', A.__subclasses__())


class C:
    def __eq__(self, other):
        return True


print('eq dict:', list(C.__dict__))


class Base:
    __slots__ = ('a', '__dict__')


class Derived(Base):
    pass


print('slots with __dict__:', list(Base.__dict__), list(Derived.__dict__))


class D:
    def __del__(self):
        print('D.__del__')


d = D()
d.self = d
del D, d
print('instance with __del__ and its class:', gc.collect())
