# A proxy forwards attribute access to its referent until the referent dies.
import weakref


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def total(self):
        return self.x + self.y


p = Point(3, 4)
proxy = weakref.proxy(p)
print('attribute through the proxy:', proxy.x)
print('method through the proxy:', proxy.total())
proxy.x = 10
print('set through the proxy:', p.x)
print('proxy count:', weakref.getweakrefcount(p))
del p
try:
    proxy.x
except ReferenceError as e:
    print('ReferenceError:', e)
