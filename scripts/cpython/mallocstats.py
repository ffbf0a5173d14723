"""Record what CPython's pymalloc does for a known allocation pattern.

Run with the CPython 3.11 (64-bit, default ``pymalloc`` build) that @pymm/core's
allocator model is compared against, from the repository root:

    python3 scripts/cpython/mallocstats.py

It writes ``packages/core/src/memory/__fixtures__/cpython-3.11-mallocstats.json``
(or the path given as the first argument). The file holds the raw text of
``sys._debugmallocstats()`` taken in a fresh interpreter before and after each step
of the pattern below, the same text parsed into numbers, and the pattern itself
as data, so that ``pymalloc-cpython.test.ts`` can replay it on the model. No CPython
number is typed into the test; everything it compares comes from this file.

The pattern is chosen so that its pymalloc effect is fully understood and so
that the interpreter does nothing else in between (no temporaries in Python
code, the cyclic GC disabled, every loop runs in C):

1. ``objs.extend(range(BASE, BASE + N))``: N fresh ``int`` objects of one 30-bit
   digit (``sys.getsizeof`` 28 bytes, so size class 1, 32-byte blocks), allocated
   one after another by the range iterator. ``BASE`` is above the small-int cache.
   The list's item array is larger than 512 bytes and goes to ``malloc``.
2. ``del objs[::2]``: frees the ints at even indices, in ascending index order.
   Every pool keeps live blocks, so no pool or arena is returned.
3. ``objs.extend(range(BASE + N, BASE + N + N // 2))``: N/2 new ints, which refill
   the holes left by step 2 (no new pool, no new arena).
4. ``objs.clear()``: frees every remaining int, from the last list item to the
   first (``_list_clear`` decrefs in reverse). Pools go back to their arenas and
   wholly free arenas are unmapped, except the one CPython keeps (bpo-37257).

``sys._debugmallocstats()`` writes to C ``stderr``; the child interpreter writes a
marker line before each call and this script splits the captured stream.
"""
import json
import os
import platform
import re
import subprocess
import sys

N = 200_000
BASE = 1_000_000

# The child program. It only uses constants and C-level loops between the
# snapshots, so that the only pymalloc traffic there is the pattern's.
CHILD = f"""
import gc, os, sys
gc.disable()
objs = []
snap = sys._debugmallocstats
mark = os.write
sys.stdout.write(str(sys.getsizeof({BASE})) + "\\n")
sys.stdout.flush()
mark(2, b"@@snapshot before\\n"); snap()
objs.extend(range({BASE}, {BASE + N}))
mark(2, b"@@snapshot allocated\\n"); snap()
del objs[::2]
mark(2, b"@@snapshot half-freed\\n"); snap()
objs.extend(range({BASE + N}, {BASE + N + N // 2}))
mark(2, b"@@snapshot refilled\\n"); snap()
objs.clear()
mark(2, b"@@snapshot cleared\\n"); snap()
"""

# The steps as data, in the order the child runs them (the test replays these).
STEPS = [
    {"after": "allocated", "op": "append-new", "count": N,
     "python": f"objs.extend(range({BASE}, {BASE + N}))"},
    {"after": "half-freed", "op": "delete-even-indices", "count": N // 2,
     "python": "del objs[::2]"},
    {"after": "refilled", "op": "append-new", "count": N // 2,
     "python": f"objs.extend(range({BASE + N}, {BASE + N + N // 2}))"},
    {"after": "cleared", "op": "clear-reversed", "count": N,
     "python": "objs.clear()"},
]

ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")
VALUE = re.compile(r"^(.*?)\s*=\s*([\d,]+)\s*$")


def number(text):
    return int(text.replace(",", ""))


def parse(raw):
    """Parse the obmalloc part of one ``_debugmallocstats`` report."""
    out = {"classes": []}
    section = "head"
    for line in raw.splitlines():
        m = re.match(r"^Small block threshold = (\d+), in (\d+) size classes\.$", line)
        if m:
            out["smallBlockThreshold"] = int(m.group(1))
            out["sizeClassCount"] = int(m.group(2))
            continue
        if line.startswith("class   size"):
            section = "classes"
            continue
        if line.startswith("arena map counts"):
            section = "arena map"
            continue
        if section == "classes":
            m = ROW.match(line)
            if m:
                c, size, pools, used, avail = map(int, m.groups())
                out["classes"].append({"sizeClass": c, "blockSize": size, "pools": pools,
                                       "blocksInUse": used, "availableBlocks": avail})
                continue
        m = VALUE.match(line)
        if not m:
            continue
        label, value = m.group(1).strip(), number(m.group(2))
        if label == "# arenas allocated total":
            out["arenasAllocatedTotal"] = value
        elif label == "# arenas reclaimed":
            out["arenasReclaimed"] = value
        elif label == "# arenas highwater mark":
            out["arenasHighwater"] = value
        elif label == "# arenas allocated current":
            out["arenasCurrent"] = value
        elif re.match(r"^\d+ arenas \* \d+ bytes/arena$", label):
            out["arenaSize"] = int(label.split()[3])
            out["arenaBytes"] = value
        elif label == "# bytes in allocated blocks":
            out["allocatedBlockBytes"] = value
        elif label == "# bytes in available blocks":
            out["availableBlockBytes"] = value
        elif re.match(r"^\d+ unused pools \* \d+ bytes$", label):
            out["unusedPools"] = int(label.split()[0])
            out["poolSize"] = int(label.split()[4])
            out["unusedPoolBytes"] = value
        elif label == "# bytes lost to pool headers":
            out["poolHeaderBytes"] = value
        elif label == "# bytes lost to quantization":
            out["quantizationBytes"] = value
        elif label == "# bytes lost to arena alignment":
            out["arenaAlignmentBytes"] = value
        elif label == "Total" and section != "arena map":
            out["totalBytes"] = value
        elif label == "# arena map mid nodes":
            out["arenaMapMidNodes"] = value
        elif label == "# arena map bot nodes":
            out["arenaMapBotNodes"] = value
        elif label == "Total" and section == "arena map":
            out["arenaMapBytes"] = value
            break  # the per-type freelist lines follow; they are not obmalloc's
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "packages", "core", "src", "memory", "__fixtures__", "cpython-3.11-mallocstats.json")

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    # -I: isolated (ignores PYTHON* variables such as PYTHONMALLOC), -S: no site import,
    # so the start-up state does not depend on installed .pth files.
    args = [sys.executable, "-I", "-S", "-c", CHILD]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    object_bytes = int(proc.stdout.strip())

    parts = re.split(r"^@@snapshot (\S+)\n", proc.stderr, flags=re.M)
    if parts[0].strip() or len(parts) != 11:
        raise SystemExit("unexpected child output:\n" + proc.stderr[:2000])
    snapshots = []
    for label, raw in zip(parts[1::2], parts[2::2]):
        parsed = parse(raw)
        if "arenasCurrent" not in parsed:
            raise SystemExit("sys._debugmallocstats() printed no pymalloc statistics "
                             "(is this a pymalloc build, without PYTHONMALLOC?)")
        snapshots.append({"label": label, "raw": raw, "parsed": parsed})

    size_class = (object_bytes - 1) >> 4
    data = {
        "generator": "scripts/cpython/mallocstats.py",
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "machine": platform.machine(),
            "system": platform.system(),
            "command": ["python3", "-I", "-S", "-c", "<pattern>"],
        },
        "pattern": {
            "objectType": "int",
            "objectBytes": object_bytes,
            "sizeClass": size_class,
            "objects": N,
            "firstValue": BASE,
            "gcDisabled": True,
            "steps": STEPS,
            "childProgram": CHILD.strip().splitlines(),
        },
        "snapshots": snapshots,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")

    def row(snap):
        for r in snap["parsed"]["classes"]:
            if r["sizeClass"] == size_class:
                return r
        return {"pools": 0, "blocksInUse": 0, "availableBlocks": 0}

    print(f"wrote {target}", file=sys.stderr)
    for snap in snapshots:
        p, r = snap["parsed"], row(snap)
        print(f"{snap['label']:>12}: arenas {p['arenasCurrent']:3} (total {p['arenasAllocatedTotal']}, "
              f"reclaimed {p['arenasReclaimed']}), unused pools {p['unusedPools']:3}, "
              f"class {size_class}: {r['pools']} pools, {r['blocksInUse']} in use, "
              f"{r['availableBlocks']} available", file=sys.stderr)


if __name__ == "__main__":
    main()
