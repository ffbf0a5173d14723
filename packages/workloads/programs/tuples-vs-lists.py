"""tuples-vs-lists: the same records kept as tuples, then as lists, then short-lived pairs made one after another.

A tuple is smaller than a list with the same items (no over-allocation, no separate item array),
and freed small tuples go to a free list that the next tuple of that length reuses. CPython's
collector also stops tracking tuples that hold only atoms such as ints and strs, so large tables
of tuples cost the collector less than the same data in lists.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
records [20000, scaled]: records built in the tuples phase and again in the lists phase;
churn [40000, scaled]: short-lived 2-tuples made one after another in the churn phase.
"""

import gc
import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "records": 20000, "churn": 40000}


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


n = scaled(parameters["records"])
churn = scaled(parameters["churn"])
random.seed(parameters["seed"])

print("tuples-vs-lists", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: tuples
records = [(i, f"user{i}", i * 1.5) for i in range(n)]
gc.collect()  # the collector untracks tuples of atoms ...
gc.collect()  # ... so this one examines only the outer list
count = len(records)
del records
print(f"tuples: {count} records kept as tuples")

# phase: lists
records = [[i, f"user{i}", i * 1.5] for i in range(n)]
gc.collect()
gc.collect()  # every list is still tracked
count = len(records)
del records
print(f"lists: {count} records kept as lists")

# phase: churn
for i in range(churn):
    pair = (i % 200, (i + 1) % 200)  # the freed pair's memory is reused at once
del pair
print(f"churn: {churn} pairs made and dropped")
