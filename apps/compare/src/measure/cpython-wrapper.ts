/**
 * The wrapper that runs a program on real CPython for the comparison's CPython column. It runs the
 * program as `python3 prog.py ARGS` would (`__main__`, `sys.argv`, the script's directory first on
 * `sys.path`) and, once it ends (normally, by `sys.exit` or by an exception), writes
 * `gc.get_stats()` and the peak resident set size (`resource.getrusage`) as JSON to the file named
 * by the environment variable `PYMM_CPYTHON_STATS`. It writes nothing to stdout or stderr, so the
 * program's output is exactly its own.
 *
 * @module
 */

/** The wrapper's source, run as `python3 -c WRAPPER prog.py ARGS...`. */
export const CPYTHON_WRAPPER = `
import gc, json, os, runpy, sys
_stats_path = os.environ.pop("PYMM_CPYTHON_STATS")
_path = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(_path))
def _write_stats():
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak *= 1 if sys.platform == "darwin" else 1024
    except ImportError:
        peak = None
    with open(_stats_path, "w") as out:
        json.dump({"gcStats": gc.get_stats(), "peakRssBytes": peak, "version": "%d.%d.%d" % sys.version_info[:3]}, out)
try:
    runpy.run_path(_path, run_name="__main__")
finally:
    _write_stats()
`;
