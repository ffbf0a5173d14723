# Which strs are shared: identifier-like literals, one-character Latin-1 strs,
# sys.intern; not strings built at run time.
import sys

HELLO = 'hello_world'
AB = 'ab'


def literal_one():
    return 'hello_world'


def literal_two():
    return 'hello_world'


def spaced_one():
    return 'hello world!'


def spaced_two():
    return 'hello world!'


def join(parts):
    return ''.join(parts)


def first_char(s):
    return s[0]


print('identifier literals in two functions:', literal_one() is literal_two())
print('other literals in one module:', spaced_one() is spaced_two())
print('joined at run time:', join(['hello', '_world']) is HELLO)
print('interned:', sys.intern(join(['hello', '_world'])) is HELLO)
a = sys.intern(join(['ab', 'cd']))
b = sys.intern(join(['a', 'bcd']))
print('two interned equal strs:', a is b)
folded = 'a' + 'b'
print('folded at compile time:', folded is AB)
x = 'a'
print('concatenated at run time:', (x + 'b') is AB)
print('one-char strs:', first_char('abc') is first_char('a'), join(['z']) is first_char('zz'))
print('Latin-1 one-char str:', first_char('\xe9t\xe9') is first_char('\xe9'))
print('non-Latin-1 one-char str:', first_char('\u0101x') is first_char('\u0101y'))
five = '5'
print('str(5) is a literal 5:', str(5) is five)
whole = 'abcdef'
print('slice of the whole str:', whole[:] is whole)
