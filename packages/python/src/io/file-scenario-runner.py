"""Runs file scenarios (JSON on stdin) in CPython, each in a fresh temporary directory, and prints the
results as JSON: what each step returned or raised, and after each step what a second reader sees in the
watched files and how many system-level reads and writes each counted file made."""
import io
import json
import os
import shutil
import sys
import tempfile
import warnings


class CountingFileIO(io.FileIO):
    """FileIO counting its read(2) and write(2) calls (the buffered layers call these methods)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.os_writes = 0
        self.os_reads = 0

    def write(self, b):
        written = super().write(b)
        self.os_writes += 1
        return written

    def readinto(self, b):
        n = super().readinto(b)
        self.os_reads += 1
        return n

    def readall(self):
        data = super().readall()
        # FileIO.readall reads until read(2) returns nothing: twice when there was data, else once.
        self.os_reads += 2 if data else 1
        return data

    def read(self, size=-1):
        data = super().read(size)  # FileIO.read(-1) runs its own readall, not this class's
        if size is None or size < 0:
            self.os_reads += 2 if data else 1
        else:
            self.os_reads += 1
        return data


def counted_open(path, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
    """open() as _pyio.open builds it, on a CountingFileIO (only for valid arguments)."""
    modes = set(mode)
    raw_mode = ("x" if "x" in modes else "") + ("r" if "r" in modes else "") + \
        ("w" if "w" in modes else "") + ("a" if "a" in modes else "") + ("+" if "+" in modes else "")
    raw = CountingFileIO(path, raw_mode)
    line_buffering = False
    if buffering == 1:
        buffering = -1
        line_buffering = "b" not in modes
    if buffering < 0:
        buffering = io.DEFAULT_BUFFER_SIZE
        bs = os.fstat(raw.fileno()).st_blksize
        if bs > 1:
            buffering = bs
    if buffering == 0:
        return raw, raw
    if "+" in modes:
        buffer = io.BufferedRandom(raw, buffering)
    elif "r" in modes:
        buffer = io.BufferedReader(raw, buffering)
    else:
        buffer = io.BufferedWriter(raw, buffering)
    if "b" in modes:
        return buffer, raw
    return io.TextIOWrapper(buffer, encoding or "utf-8", errors, newline, line_buffering), raw


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
        return {"int": str(value)}
    return value


def decode(value):
    if isinstance(value, dict) and "bytes" in value:
        return bytes.fromhex(value["bytes"])
    if isinstance(value, dict) and "int" in value:
        return int(value["int"])
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def disk(path):
    try:
        with open(path, "rb") as second:
            return {"bytes": second.read().hex()}
    except OSError as error:
        return {"error": type(error).__name__}


def run(scenario):
    files, raws, results = {}, {}, []
    for path, content in scenario.get("files", {}).items():
        with open(path, "wb") as setup:
            setup.write(content.encode() if isinstance(content, str) else decode(content))
    for step in scenario["steps"]:
        op = step[0]
        try:
            if op == "open":
                name, path = step[1], step[2]
                mode = step[3] if len(step) > 3 else "r"
                kwargs = step[4] if len(step) > 4 else {}
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    if scenario.get("count"):
                        files[name], raws[name] = counted_open(path, mode, **kwargs)
                        if "b" in mode and kwargs.get("buffering") == 1:
                            # the warning open() itself gives for these arguments
                            open(os.devnull, "wb", buffering=1).close()
                    else:
                        files[name] = open(path, mode, **kwargs)
                value = type(files[name]).__name__.replace("Counting", "")
                caught = [w for w in caught if w.category is RuntimeWarning]
                if caught:
                    value = [value, str(caught[0].message)]
            elif op == "call":
                args = [decode(arg) for arg in step[3:]]
                value = getattr(files[step[1]], step[2])(*args)
            elif op == "next":
                try:
                    value = next(files[step[1]])
                except StopIteration:
                    value = {"stop": True}
            elif op == "list":
                value = list(files[step[1]])
            elif op == "roundtrip":
                f = files[step[1]]
                cookie = f.tell()
                first = f.read(step[2])
                f.seek(cookie)
                value = [cookie, first, f.read(step[2]), f.tell()]
            elif op == "enter":
                iter(files[step[1]])
                value = files[step[1]].__enter__() and None
            elif op == "repr":
                value = repr(files[step[1]])
            elif op == "attr":
                value = getattr(files[step[1]], step[2])
            elif op == "disk":
                value = disk(step[1])
            else:
                raise KeyError(op)
            result = {"value": encode(value)}
        except Exception as error:  # every exception is a result to compare
            result = {"error": type(error).__name__, "message": str(error)}
        for path in scenario.get("watch", []):
            result["disk:" + path] = disk(path)
        for name, raw in raws.items():
            result["count:" + name] = [raw.os_writes, raw.os_reads]
        results.append(result)
    return results


def main():
    scenarios = json.load(sys.stdin)
    base = tempfile.mkdtemp()
    out = {"blockSize": os.stat(base).st_blksize, "results": []}
    for scenario in scenarios:
        directory = tempfile.mkdtemp(dir=base)
        os.chdir(directory)
        for sub in scenario.get("dirs", []):
            os.mkdir(sub)
        out["results"].append(run(scenario))
    os.chdir(tempfile.gettempdir())
    shutil.rmtree(base)
    print(json.dumps(out))


main()
