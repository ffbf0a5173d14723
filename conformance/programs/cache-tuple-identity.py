# Constant tuples are built once by the compiler; tuples built at run time are new each time.
def constant():
    return (1, 2)


def built(y):
    return (y, 2)


print('constant tuple twice:', constant() is constant())
print('runtime tuple twice:', built(1) is built(1))
print('equal anyway:', built(1) == constant())
t = (1, 2, 3)
print('tuple(t) is t:', tuple(t) is t)
print('t[:] is t:', t[:] is t)
l = [1, 2, 3]
print('list(l) is l:', list(l) is l)
print('l[:] is l:', l[:] is l)
s = 'text'
print('str(s) is s:', str(s) is s)
