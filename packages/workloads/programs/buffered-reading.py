"""buffered-reading: a large file read in chunks of 256 B to 1 MiB, then all at once, then into one bytearray.

Every f.read(size) returns a new bytes object, so small chunks mean many allocations with a small
peak and one f.read() means a single allocation as large as the file. Reading into one reused
bytearray with f.readinto() allocates once, and a chunk you drop is only freed at once if the
runtime counts references.

The program first writes the file it reads, buffered-reading.data, in the current directory (under
pymm, in the run's memory only).

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
fileBytes [67108864, scaled]: the file's size; bufferBytes [8192]: the file object's I/O buffer
(open's buffering).
"""

import random
import sys

DEFAULTS = {"scale": 1.0, "seed": 1, "fileBytes": 64 * 1024 * 1024, "bufferBytes": 8192}


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


file_bytes = scaled(parameters["fileBytes"])
buffer_bytes = max(1, parameters["bufferBytes"])
random.seed(parameters["seed"])
PATH = "buffered-reading.data"

with open(PATH, "wb") as f:
    block = bytes(65536)
    for start in range(0, file_bytes, len(block)):
        f.write(block[: file_bytes - start] if file_bytes - start < len(block) else block)
del f, block, start


def read_in_chunks(size):
    """Reads the file `size` bytes at a time; returns how many chunks it read."""
    chunks = 0
    with open(PATH, "rb", buffering=buffer_bytes) as f:
        chunk = f.read(size)
        while chunk:
            chunks += 1  # process(chunk)
            chunk = f.read(size)  # the previous chunk is garbage now
    return chunks


print("buffered-reading", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: read-256
chunks = read_in_chunks(256)
print(f"read-256: {chunks} chunks of up to 256 bytes")

# phase: read-4096
chunks = read_in_chunks(4096)
print(f"read-4096: {chunks} chunks of up to 4096 bytes")

# phase: read-65536
chunks = read_in_chunks(65536)
print(f"read-65536: {chunks} chunks of up to 65536 bytes")

# phase: read-1048576
chunks = read_in_chunks(1048576)
print(f"read-1048576: {chunks} chunks of up to 1048576 bytes")

# phase: read-all
with open(PATH, "rb", buffering=buffer_bytes) as f:
    data = f.read()
size = len(data)
del data
print(f"read-all: {size} bytes in one read()")

# phase: readinto
buffer = bytearray(65536)
reads = 0
with open(PATH, "rb", buffering=buffer_bytes) as f:
    while f.readinto(buffer):
        reads += 1  # process(buffer)
del buffer
print(f"readinto: {reads} reads into one bytearray of 65536 bytes")
