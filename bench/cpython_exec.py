"""Runs a Python program the way `pnpm bench --only cpython` times CPython: the
source is compiled first (``compile()``), then ``exec`` runs it with
``time.perf_counter()`` around it. The program's output goes to standard
output as usual; ``exec-seconds: X`` goes to standard error.

    python3 bench/cpython_exec.py PROGRAM.py
"""

import sys
import time


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    code = compile(source, path, "exec")
    sys.argv = [path]
    scope = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
    started = time.perf_counter()
    exec(code, scope)
    seconds = time.perf_counter() - started
    sys.stdout.flush()
    print(f"exec-seconds: {seconds:.6f}", file=sys.stderr)


main()
