# 3.13 keeps an instance's attribute values inline even after its __dict__ has been created: the
# dict shares them, the instance's traverse visits them and the dict's visits nothing, so a cycle
# through the attributes is collected without counting the dicts. 3.11 and 3.12 move the values
# into the dict, which is then one more object in the cycle.
import gc


class N:
    pass


a = N()
a.x = []
d = a.__dict__
print('dict tracked:', gc.is_tracked(d))
print('dict referents:', [type(r).__name__ for r in gc.get_referents(d)])
print('instance referents:', sorted(type(r).__name__ for r in gc.get_referents(a)))
print('referrers of the dict:', sorted(type(r).__name__ for r in gc.get_referrers(d)))
a.y = 1
a.__dict__['z'] = 2
print('attributes:', d)
print('instance referents now:', sorted(type(r).__name__ for r in gc.get_referents(a)))
del d
b = N()
b.o = a
a.o = b
b.__dict__
del a, b
print('a cycle through two materialised dicts:', gc.collect())

c = N()
c.__dict__ = {'k': []}
print('assigned dict referents:', [type(r).__name__ for r in gc.get_referents(c.__dict__)])
c.__dict__['s'] = c
del c
print('a cycle through an assigned dict:', gc.collect())

e = N()
e.v = []
kept = e.__dict__
e.v.append(kept)
del e
print('the dict outlives its instance:', gc.collect(), sorted(kept))
print('its referents then:', [type(r).__name__ for r in gc.get_referents(kept)])
del kept
print('and its cycle:', gc.collect())
