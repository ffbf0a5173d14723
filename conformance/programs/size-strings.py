# A str stores 1, 2 or 4 bytes per character: the widest character decides.
import sys

for label, s in [
    ('empty', ''),
    ('ascii 1', 'a'),
    ('ascii 5', 'abcde'),
    ('ascii 100', 'x' * 100),
    ('latin-1 3', 'ab\xe9'),
    ('latin-1 100', '\xe9' * 100),
    ('bmp 1', '\u20ac'),
    ('bmp 3', 'a\u20acb'),
    ('bmp 100', '\u20ac' * 100),
    ('astral 1', '\U0001f600'),
    ('astral 3', 'a\U0001f600b'),
    ('astral 100', '\U0001f600' * 100),
]:
    print(label, len(s), sys.getsizeof(s))
