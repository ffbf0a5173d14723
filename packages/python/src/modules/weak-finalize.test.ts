import { describePrintsAsCPython311 } from '../testing/prints-as-cpython.js';

const PROGRAMS: Record<string, string> = {
  'calls, detach, peek, atexit and exit order': `import weakref, gc, sys
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def show(*args, **kwargs):
    print('show', args, sorted(kwargs.items()))
    return len(args)
r = R('r')
f = weakref.finalize(r, show, 1, 2, key='v')
print(f.alive, f.atexit, f.peek()[0] is r, f.peek()[1] is show, f.peek()[2:])
print(repr(f).startswith('<finalize object at 0x'), repr(f).endswith("; for 'R' at %#x>" % id(r)) or int(repr(f).split()[-1][:-1], 16) == id(r))
print(type(f), type(f).__name__, callable(f))
del r
print(f.alive, f.peek(), f.detach(), f(), repr(f).endswith('; dead>'))
r2 = R('r2')
g = weakref.finalize(r2, show, 'g')
h = weakref.finalize(r2, show, 'h')
g.atexit = False
print(g.atexit, h.atexit)
x = R('x')
weakref.finalize(x, show, 'at exit 1')
y = R('y')
weakref.finalize(y, show, 'at exit 2')
def boom():
    raise ValueError('boom')
z = R('z')
weakref.finalize(z, boom)
w = R('w')
wf = weakref.finalize(w, show, 'w detached')
print(wf.detach()[3], wf.alive)
print(len(weakref.getweakrefs(r2)), sys.getsizeof(g), gc.is_tracked(g))
print('end')
`,
};

describePrintsAsCPython311('weakref.finalize prints what CPython 3.11 prints', PROGRAMS);
