# f-strings and how floats print.
x = 3.14159
n = 42
name = 'pymm'
print(f'{name!r} {n:5d}|{n:<5}|{n:^7}|{n:>6}|')
print(f'{x:.2f} {x:10.3f} {x:e} {x:.3g} {x:%}')
print(f'{n:b} {n:o} {n:x} {n:X} {n:#x} {n:08b} {1234567:,} {1234567:_}')
print(f'{"nested " + name}', f'{n * 2}')
print(0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e-5, 123456789.0 * 1000, 1.0, -0.0)
print(repr(0.1), str(1e22), 1e23, 1.5e300 * 1e10, -1.5e300 * 1e10)
print(float('nan') == float('nan'), float('inf') > 1e308)
print(round(2.5), round(3.5), round(2.675, 2), round(-0.5))
print(int(3.9), int(-3.9), 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, -7.5 % 2)
print(divmod(17, 5), divmod(-17, 5), pow(2, 10), pow(2, -1), 2 ** 0.5)
print('%s has %d items costing %.2f' % (name, n, x))
print('{} and {:>4}'.format('a', 'b'), '{0}{1}{0}'.format('x', 'y'))
print(str(1.0), str(100.0), str(1e100), 1.5.is_integer(), (0.5).as_integer_ratio())
