# weakref.finalize calls a function when the object dies, at most once.
import gc
import weakref


class Resource:
    pass


def cleanup(name):
    print('cleanup', name)
    return 'cleaned ' + name


r = Resource()
f = weakref.finalize(r, cleanup, 'first')
print('alive:', f.alive)
del r
print('alive after del:', f.alive)

r = Resource()
f = weakref.finalize(r, cleanup, 'called early')
print('direct call returns:', f())
print('second call returns:', f())
del r
print('nothing more on death')

r = Resource()
f = weakref.finalize(r, cleanup, 'detached')
print('detach gives the args:', f.detach()[2])
del r
print('detached finalizer never runs:', f.alive)

gc.collect()
a = Resource()
b = Resource()
a.b = b
b.a = a
weakref.finalize(a, cleanup, 'cycle member')
del a, b
print('collected:', gc.collect())
