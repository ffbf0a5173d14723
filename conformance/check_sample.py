#!/usr/bin/env python3
"""Re-record a deterministic sample of the corpus and compare with the committed results.

Usage: python3 conformance/check_sample.py [--every N] [--max M] [--max-bytes B] [--all]

Takes the traces in conformance/traces/ in sorted order, keeps every N-th one
(default 5) whose file is at most B bytes (default 1,000,000) and that has an
expected file for the running interpreter's version, up to M traces (default 10);
records each with the running interpreter and compares the results with
the committed expected file (beside the trace for 3.11, expected/cpython-3.X/
otherwise). Prints "N traces checked, M mismatches"; exits 1 on any mismatch
or if nothing could be checked. Meant for CI (well under 30 s).
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import record  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=5)
    ap.add_argument("--max", type=int, default=10)
    ap.add_argument("--max-bytes", type=int, default=1_000_000)
    ap.add_argument("--all", action="store_true", help="check every trace (no sampling, no size limit)")
    a = ap.parse_args(argv)
    tdir = os.path.join(HERE, "traces")
    names = sorted(f for f in os.listdir(tdir) if f.endswith(".jsonl"))
    picked = []
    for i, f in enumerate(names):
        path = os.path.join(tdir, f)
        if not a.all:
            if i % a.every or os.path.getsize(path) > a.max_bytes or len(picked) >= a.max:
                continue
        if os.path.exists(record.default_out_path(path)):
            picked.append(path)
    t0 = time.perf_counter()
    mismatches = 0
    for path in picked:
        prog = record.compile_trace(path)
        result, _ = record.run_program(prog)
        with open(record.default_out_path(path), encoding="utf-8") as fh:
            expected = json.load(fh)
        diffs = record.compare(expected, result)
        name = os.path.basename(path)
        if diffs:
            mismatches += 1
            print(f"MISMATCH {name}")
            for d in diffs:
                print(f"  {d}")
        else:
            print(f"ok       {name}")
    print(
        f"{len(picked)} traces checked, {mismatches} mismatches "
        f"(CPython {record.platform.python_version()}, {time.perf_counter() - t0:.1f} s)"
    )
    return 1 if mismatches or not picked else 0


if __name__ == "__main__":
    sys.exit(main())
