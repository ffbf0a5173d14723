# str methods.
s = '  Hello, World  '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.lower(), t.upper(), t.swapcase(), t.title(), t.capitalize())
print(t.split(', '), 'a,b,,c'.split(','), ' x  y '.split(), 'a-b-c'.rsplit('-', 1))
print('-'.join(['x', 'y', 'z']), t.replace('l', 'L', 2), t.find('o'), t.rfind('o'), t.find('z'))
print(t.startswith('He'), t.endswith('!'), t.count('l'), 'ab' * 3, 'x' in t)
print(t.center(20, '*'), t.ljust(15, '.'), t.rjust(15), '42'.zfill(5))
print('abc'.isalpha(), '123'.isdigit(), 'a1'.isalnum(), '  '.isspace(), 'Ab'.islower())
print(t.partition(', '), 'a\nb\r\nc'.splitlines(), 'tab\there'.expandtabs(4))
print(repr('quote\'s "double"'), repr('\x00\n\t\\'), ascii('caf\xe9'), repr('\u20ac'))
print(len('\U0001f600'), 'caf\xe9'.encode('utf-8'), b'caf\xc3\xa9'.decode('utf-8'))
print(ord('A'), chr(97), str(b'x'), 'a' < 'b' < 'ba', min('hello'), 'Z' < 'a')
