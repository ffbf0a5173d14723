"""list-vs-generator: the same rows summed from a list that holds all of them, then from a generator.

A function that returns a list holds every result in memory at once, so peak memory grows with the
number of results. A generator hands them out one at a time and each is freed once the loop moves
on, so the peak is about one result - when the runtime frees garbage promptly.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
rows [30000, scaled]: rows produced and consumed in each phase.
"""

import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "rows": 30000}


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


n = scaled(parameters["rows"])
random.seed(parameters["seed"])


def rows_list(n):
    return [(i, i * 0.5, f"row-{i}") for i in range(n)]


def rows_generator(n):
    for i in range(n):
        yield (i, i * 0.5, f"row-{i}")


print("list-vs-generator", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: list
total = 0.0
rows = rows_list(n)  # every row alive at once
for row in rows:
    total += row[1]
del rows, row
print(f"list: {n} rows summed from a list, total {total}")

# phase: generator
total = 0.0
gen = rows_generator(n)  # one row at a time
for row in gen:
    total += row[1]
del gen, row
print(f"generator: {n} rows summed from a generator, total {total}")
