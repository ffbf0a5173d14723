# Python ints have no size limit.
a = 2 ** 100
print(a, a.bit_length(), len(str(a)))
print(a * a, a // 7, a % 7, -a // 7, -a % 7)
f = 1
for i in range(1, 31):
    f *= i
print('30! =', f)
print(2 ** 64 - 1, hex(2 ** 64 - 1), bin(255), oct(8))
print(int('123456789012345678901234567890') + 1)
print((-2) ** 63, 10 ** 30 // 3 ** 20, 7 ** 77 % 1000)
print(1 << 70, (1 << 70) >> 69, -1 >> 5, 0xFF & 0x0F, 5 | 2, 6 ^ 3, ~5)
print(int('ff', 16), int('-0b101', 0), int('  42  '), int(3.99e20))
print(abs(-10 ** 20), max(2 ** 70, 2 ** 69), sum(range(10 ** 6)))
print(10 ** 20 == 1e20, 2 ** 53 + 1 == float(2 ** 53 + 1), float(2 ** 70))
print(True + True, True * 10, 3 * False)
