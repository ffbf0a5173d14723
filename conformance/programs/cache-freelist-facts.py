# Free lists reuse memory, but nothing a program can observe without id()
# changes: equal values, independent objects.
def make():
    return [1, 2, 3]


a = make()
b = make()
print('equal:', a == b)
print('identical:', a is b)
a.append(4)
print('independent:', b)
values = []
for i in range(5):
    t = (i, i + 1)
    values.append(t)
print('tuples kept:', values)
print('all distinct:', len(set(values)))
f = 1.5 + len(values)
g = 1.5 + len(values)
print('floats equal, not identical:', f == g, f is g)
