# Ints from -5 to 256 are preallocated: every computation that yields one of
# them returns the same object.
def compute(n):
    return n * 2 // 2


def same(a, b):
    return compute(a) is compute(b)


for n in [-6, -5, -1, 0, 1, 100, 255, 256, 257, 1000]:
    print(n, same(n, n))
print('int("256") is int("256"):', int('256') is int('256'))
print('int("257") is int("257"):', int('257') is int('257'))
print('len([1, 2, 3]) is compute(3):', len([1, 2, 3]) is compute(3))
big = 10 ** 20
again = 10 ** 20
print('folded constants in one code object:', big is again)
