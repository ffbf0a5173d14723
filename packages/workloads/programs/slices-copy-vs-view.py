"""slices-copy-vs-view: a buffer cut into bytes slices (copies), then memoryview slices (views).

Slicing bytes copies the data, so many slices of a big buffer cost as much memory again, while
memoryview slices share the buffer and cost a small fixed-size object each. The price of sharing:
even a tiny view keeps the whole buffer alive, so keep a copy (bytes(view)) of the little you need
when you drop the rest.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
slices [16384, scaled]: slices taken in each phase, the buffer being slices * sliceBytes long;
sliceBytes [1024]: each slice's length; headerBytes [16]: the small slice kept after the buffer
is dropped; rounds [16, scaled]: buffers read in each of the keep-a-copy and keep-a-view phases.
"""

import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "slices": 16384, "sliceBytes": 1024, "headerBytes": 16, "rounds": 16}


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


slices = scaled(parameters["slices"])
slice_bytes = max(1, parameters["sliceBytes"])
header_bytes = max(1, parameters["headerBytes"])
rounds = scaled(parameters["rounds"])
buffer_bytes = slices * slice_bytes
random.seed(parameters["seed"])


def read_buffer():
    return bytes(buffer_bytes)  # stands for a buffer read from a file or a socket


print("slices-copy-vs-view", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: copy-slices
data = read_buffer()
pieces = [data[i : i + slice_bytes] for i in range(0, len(data), slice_bytes)]  # each a new bytes
count = len(pieces)
del pieces
print(f"copy-slices: {count} bytes slices of {slice_bytes} bytes from a buffer of {len(data)} bytes")

# phase: view-slices
view = memoryview(data)
pieces = [view[i : i + slice_bytes] for i in range(0, len(data), slice_bytes)]  # each shares data
count = len(pieces)
del pieces, view, data
print(f"view-slices: {count} memoryview slices of {slice_bytes} bytes")

# phase: keep-a-copy
headers = []
for _ in range(rounds):
    data = read_buffer()
    headers.append(data[:header_bytes])  # a copy: data can be freed
    del data
count = len(headers)
del headers
print(f"keep-a-copy: {count} buffers read, a copy of the first {header_bytes} bytes of each kept")

# phase: keep-a-view
headers = []
for _ in range(rounds):
    data = read_buffer()
    headers.append(memoryview(data)[:header_bytes])  # keeps all of data alive
    del data
count = len(headers)
del headers
print(f"keep-a-view: {count} buffers read, a view of the first {header_bytes} bytes of each kept")
