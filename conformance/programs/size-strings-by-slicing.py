# Each slice of a str is a new str sized for its own widest character.
import sys

mixed = 'abc\xe9\u20ac\U0001f600'
for i in range(len(mixed)):
    part = mixed[i:]
    print(i, len(part), sys.getsizeof(part))
print('join of ascii parts', sys.getsizeof(''.join(['ab', 'cd'])))
print('upper of latin-1', sys.getsizeof('\xe9t\xe9'.upper()))
print('encoded to utf-8', sys.getsizeof(mixed.encode('utf-8')))
