# gc.collect() counts only what it frees itself: when __del__ breaks the cycle
# the objects are freed by reference counting, and the count is 0.
import gc


class Breaker:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print('del', self.name)
        self.other = None


gc.collect()
a = Breaker('a')
b = Breaker('b')
a.other = b
b.other = a
del a, b
print('collected:', gc.collect())


class Plain:
    def __init__(self, name):
        self.name = name


a = Plain('a')
b = Plain('b')
a.other = b
b.other = a
del a, b
print('collected without __del__:', gc.collect())
