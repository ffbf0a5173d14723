"""del-intermediate: a pipeline that keeps every intermediate list, then one that deletes each once used.

A local variable keeps its value alive until the function returns, so a pipeline that keeps every
intermediate list holds all of them at its peak. `del` on an intermediate you no longer need lowers
the peak at once under reference counting, but only at the next collection under a tracing
collector.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
items [30000, scaled]: items flowing through the pipeline in each phase; itemBytes [1024]: the
size of each item at every step.
"""

import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "items": 30000, "itemBytes": 1024}


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


n = scaled(parameters["items"])
item_bytes = max(1, parameters["itemBytes"])
random.seed(parameters["seed"])


def load(i):
    return bytes(item_bytes)  # stands for reading record i


def decode(record):
    return record.replace(b"\x00", b"\x01")  # a new object per item


def encode(record):
    return record.replace(b"\x01", b"\x02")  # and another


def process(n, drop_intermediates):
    raw = [load(i) for i in range(n)]
    decoded = [decode(r) for r in raw]
    if drop_intermediates:
        del raw
    encoded = [encode(d) for d in decoded]
    if drop_intermediates:
        del decoded
    return len(encoded)


print("del-intermediate", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: keep-intermediates
count = process(n, False)  # peak: three lists of items
print(f"keep-intermediates: {count} items loaded, decoded and encoded, every list kept")

# phase: del-intermediates
count = process(n, True)  # peak: two lists of items
print(f"del-intermediates: {count} items loaded, decoded and encoded, each list deleted once used")
