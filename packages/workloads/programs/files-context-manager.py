"""files-context-manager: files read with `with`, without close(), through suspended generators, and in cycles.

A `with` block closes its file at the end of the block on every Python, but a file you never close
stays open until its object is freed: at once under reference counting, only at the next collection
under a tracing collector, and never if it is caught in a reference cycle that nothing collects.
Frames keep their locals alive too - a suspended generator or a traceback saved in an exception
holds its files open as long as it lives.

The program first writes the file it reads, files-context-manager.data, in the current directory
(under pymm, in the run's memory only).

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1] (nothing here is random),
files [5000, scaled]: files opened in each phase; fileBytes [4096]: bytes each f.read() returns;
bufferBytes [8192]: each open file's I/O buffer (open's buffering); pendingGenerators [10]:
half-read generators the program keeps at a time.
"""

import gc
import random
import sys

DEFAULTS = {
    "scale": 1.0,
    "seed": 1,
    "files": 5000,
    "fileBytes": 4096,
    "bufferBytes": 8192,
    "pendingGenerators": 10,
}


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


files = scaled(parameters["files"])
file_bytes = max(1, parameters["fileBytes"])
buffer_bytes = max(1, parameters["bufferBytes"])
pending_generators = max(1, parameters["pendingGenerators"])
random.seed(parameters["seed"])
PATH = "files-context-manager.data"

with open(PATH, "wb") as f:
    f.write((b"one line of the file, 32 bytes.\n" * (file_bytes // 32 + 1))[:file_bytes])
del f


def read_text(path):
    f = open(path, "rb", buffering=buffer_bytes)
    return f.read()  # no close(): f closes when it is freed


def read_lines(path):
    f = open(path, "rb", buffering=buffer_bytes)
    yield f.readline()  # the suspended frame holds f


def load(path):
    f = open(path, "rb", buffering=buffer_bytes)
    try:
        raise ValueError(path)
    except ValueError as e:
        error = e  # error -> traceback -> frame -> error (and f)


print("files-context-manager", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: with-statement
for i in range(files):
    with open(PATH, "rb", buffering=buffer_bytes) as f:
        data = f.read()
print(f"with-statement: {files} files read in a with block, {len(data)} bytes each")

# phase: close-forgotten
for i in range(files):
    data = read_text(PATH)
del data
print(f"close-forgotten: {files} files read without close()")

# phase: suspended-generators
pending = []
for i in range(files):
    lines = read_lines(PATH)
    first = next(lines)
    pending.append(lines)
    if len(pending) > pending_generators:
        del pending[0]  # dropping a generator closes its frame
print(f"suspended-generators: {files} generators read one line of {len(first)} bytes, {len(pending)} kept")

# phase: reference-cycles
for i in range(files):
    load(PATH)
print(f"reference-cycles: {files} files opened in a frame that an exception's traceback keeps")

# phase: collect
del pending, lines, first
gc.collect()
print("collect: gc.collect() called")
