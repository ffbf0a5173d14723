"""small-int-and-string-caches: lists of small ints, large ints, one-character strs, built strs and interned strs.

CPython creates the ints from -5 to 256, the empty string and the one-character Latin-1 strings
once and shares them, so a list of them costs only its 8-byte slots, while every other int and
every string built at run time is a new object, even when an equal one exists. sys.intern() makes
equal strings share one object, which is how identifiers and dict keys avoid the duplicates.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
values [40000, scaled]: values put in the list of each phase; distinct [26]: distinct texts among
the strings of the strings and interned-strings phases.
"""

import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "values": 40000, "distinct": 26}


def fail(message):
    sys.stderr.write(f"{sys.argv[0]}: {message}\n")
    sys.exit(2)


def read_parameters(defaults):
    """The defaults, overridden by the name=value words of sys.argv."""
    values = dict(defaults)
    for word in sys.argv[1:]:
        name, equals, text = word.partition("=")
        if not equals or name not in defaults:
            fail(f"unknown parameter {word!r} (give name=value, names: {', '.join(defaults)})")
        integral = isinstance(defaults[name], int)
        try:
            value = int(text) if integral else float(text)
        except ValueError:
            fail(f"{name} must be {'an integer' if integral else 'a number'}, got {text!r}")
        if value - value != 0:
            fail(f"{name} must be finite, got {text!r}")
        values[name] = value
    if values["scale"] <= 0:
        fail(f"scale must be positive, got {values['scale']}")
    return values


parameters = read_parameters(DEFAULTS)
scale = parameters["scale"]


def scaled(count):
    return max(1, int(count * scale + 0.5))


n = scaled(parameters["values"])
distinct = max(1, parameters["distinct"])
random.seed(parameters["seed"])

print("small-int-and-string-caches", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: small-ints
small = [i % 257 for i in range(n)]  # cached: 257 shared ints
count = len(small)
del small
print(f"small-ints: {count} small ints kept in a list")

# phase: large-ints
large = [1000 + i for i in range(n)]  # a new int each
count = len(large)
del large
print(f"large-ints: {count} large ints kept in a list")

# phase: one-character-strings
chars = [chr(97 + i % 26) for i in range(n)]  # cached: one object per character
count = len(chars)
del chars
print(f"one-character-strings: {count} one-character strings kept in a list")

# phase: strings
words = [f"w{i % distinct}" for i in range(n)]  # a new str each time, though only `distinct` texts
count = len(words)
del words
print(f"strings: {count} strings built from a few texts kept in a list")

# phase: interned-strings
names = [sys.intern(f"w{i % distinct}") for i in range(n)]  # one object per text
count = len(names)
del names
print(f"interned-strings: {count} interned strings kept in a list")
