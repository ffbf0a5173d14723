#!/usr/bin/env python3
"""Record what CPython prints for every program of the conformance corpus.

Usage (from the repository root):

    python3 conformance/programs/record.py            # re-record everything
    python3 conformance/programs/record.py NAME ...   # re-record some programs
    python3 conformance/programs/record.py --check    # compare, write nothing
    python3 conformance/programs/record.py --determinism [NAME ...]

Each program ``NAME.py`` runs on CPython 3.11, 3.12 and 3.13, each in a fresh
temporary working directory holding a copy of the program, as
``python3.X NAME.py`` with ``PYTHONHASHSEED=0``; the directory's path is removed
from the output, so a traceback names the file ``NAME.py``.
The interpreters are looked up under pyenv's versions directory (``pyenv root``)
first, then as ``python3.X`` on PATH; a missing version is an error naming it.

Written into ``expected/``:

* ``NAME.stdout`` when the three versions print the same, else
  ``NAME.3.11.stdout``, ``NAME.3.12.stdout`` and ``NAME.3.13.stdout``;
* the stderr the same way (``NAME.stderr`` or ``NAME.3.X.stderr``), only where
  it is not empty;
* ``NAME.3.11-nogc.stdout``: 3.11 with the cycle collector disabled before the
  program starts (a ``sitecustomize`` prelude that runs ``gc.disable()``);
* ``manifest.json`` (beside this script): per program its groups (the name's
  prefix), the file holding each version's stdout and stderr, each version's
  exit code, whether the program calls ``gc.collect()``/``gc.enable()`` itself
  (``callsCollector``) and whether the collector changes its output
  (``dependsOnCollector``: it calls the collector, or the no-gc run printed
  something else). A refcount-only run is compared with ``NAME.3.11-nogc.stdout``
  only where ``dependsOnCollector`` is false.

``test_gc/test_gc.py`` (the copy of CPython's ``Lib/test/test_gc.py``) is run on
each version with that version's own ``unittest``; its stderr (the unittest
report) is recorded like a program's, with the run time replaced by ``0.000s``
(the only figure that changes between runs; the corpus test compares pymm's the
same way). ``record.py test_gc`` records it alone.

``--determinism`` runs each program on 3.11 with ``PYTHONHASHSEED`` 0, 1 and
2 and reports any program whose output differs.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, 'expected')
MANIFEST = os.path.join(HERE, 'manifest.json')
VERSIONS = ('3.11', '3.12', '3.13')
TIMEOUT_SECONDS = 120
CALLS_COLLECTOR = re.compile(r'\bgc\.(collect|enable)\b')
RUN_TIME = re.compile(r'^(Ran \d+ tests? in )\d+\.\d+s$', re.MULTILINE)


def find_python(version):
    """The interpreter for ``version`` ('3.11'), or exit naming the version."""
    candidates = []
    try:
        root = subprocess.run(['pyenv', 'root'], capture_output=True, text=True, check=True).stdout.strip()
        versions_dir = os.path.join(root, 'versions')
        installed = sorted(
            (v for v in os.listdir(versions_dir) if re.fullmatch(re.escape(version) + r'\.\d+', v)),
            key=lambda v: int(v.rsplit('.', 1)[1]),
            reverse=True,
        )
        candidates += [os.path.join(versions_dir, v, 'bin', 'python' + version) for v in installed]
    except (OSError, subprocess.CalledProcessError):
        pass
    on_path = shutil.which('python' + version)
    if on_path:
        candidates.append(on_path)
    for exe in candidates:
        probe = subprocess.run(
            [exe, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], capture_output=True, text=True
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return exe
    sys.exit(f'record.py: CPython {version} not found (python{version} on PATH or under `pyenv root`/versions)')


def program_names(selected):
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith('.py') and f != 'record.py')
    if selected:
        unknown = [n for n in selected if n not in names]
        if unknown:
            sys.exit('record.py: no such program: ' + ', '.join(unknown))
        return selected
    return names


def run(exe, source_path, hash_seed='0', nogc=False):
    """Run one program in a fresh directory; (stdout, stderr, exit code)."""
    with tempfile.TemporaryDirectory(prefix='pymm-program-') as work:
        name = os.path.basename(source_path)
        shutil.copyfile(source_path, os.path.join(work, name))
        env = {'PATH': os.environ.get('PATH', ''), 'PYTHONHASHSEED': hash_seed, 'LC_ALL': 'C.UTF-8'}
        if nogc:
            prelude = os.path.join(work, '_prelude')
            os.mkdir(prelude)
            with open(os.path.join(prelude, 'sitecustomize.py'), 'w') as f:
                f.write('import gc\ngc.disable()\n')
            env['PYTHONPATH'] = prelude
        done = subprocess.run(
            [exe, name], cwd=work, env=env, capture_output=True, timeout=TIMEOUT_SECONDS
        )
        # CPython shows the script's absolute path (the temporary directory) in tracebacks.
        prefixes = {os.path.join(work, ''), os.path.join(os.path.realpath(work), '')}
        stdout, stderr = done.stdout.decode('utf-8'), done.stderr.decode('utf-8')
        for prefix in prefixes:
            stdout, stderr = stdout.replace(prefix, ''), stderr.replace(prefix, '')
        return stdout, stderr, done.returncode


def write(path, text, check, mismatches):
    if check:
        old = open(path, encoding='utf-8').read() if os.path.exists(path) else None
        if old != text:
            mismatches.append(os.path.relpath(path, HERE))
        return
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)


def store(name, kind, per_version, check, mismatches):
    """Write one stream (stdout/stderr) for every version; return version -> file name or None."""
    texts = set(per_version.values())
    if len(texts) == 1:
        text = next(iter(texts))
        if kind == 'stderr' and text == '':
            return {v: None for v in VERSIONS}
        file = f'{name}.{kind}'
        write(os.path.join(EXPECTED, file), text, check, mismatches)
        return {v: file for v in VERSIONS}
    files = {}
    for version, text in per_version.items():
        if kind == 'stderr' and text == '':
            files[version] = None
            continue
        files[version] = f'{name}.{version}.{kind}'
        write(os.path.join(EXPECTED, files[version]), text, check, mismatches)
    return files


def record_program(name, pythons, check, mismatches):
    source_path = os.path.join(HERE, name + '.py')
    source = open(source_path, encoding='utf-8').read()
    outs, errs, codes = {}, {}, {}
    for version in VERSIONS:
        outs[version], errs[version], codes[version] = run(pythons[version], source_path)
    nogc_out, _, _ = run(pythons['3.11'], source_path, nogc=True)
    write(os.path.join(EXPECTED, f'{name}.3.11-nogc.stdout'), nogc_out, check, mismatches)
    calls_collector = bool(CALLS_COLLECTOR.search(source))
    return {
        'groups': [name.split('-', 1)[0]],
        'stdout': store(name, 'stdout', outs, check, mismatches),
        'stderr': store(name, 'stderr', errs, check, mismatches),
        'exitCode': codes,
        'callsCollector': calls_collector,
        'dependsOnCollector': calls_collector or nogc_out != outs['3.11'],
    }


def record_test_gc(pythons, check, mismatches):
    source_path = os.path.join(HERE, 'test_gc', 'test_gc.py')
    outs, errs, codes = {}, {}, {}
    for version in VERSIONS:
        outs[version], err, codes[version] = run(pythons[version], source_path)
        errs[version] = RUN_TIME.sub(r'\g<1>0.000s', err)
    return {
        'groups': ['test_gc'],
        'path': 'test_gc/test_gc.py',
        'stdout': store('test_gc', 'stdout', outs, check, mismatches),
        'stderr': store('test_gc', 'stderr', errs, check, mismatches),
        'exitCode': codes,
        'callsCollector': True,
        'dependsOnCollector': True,
    }


def determinism(names, python311):
    differing = []
    for name in names:
        source_path = os.path.join(HERE, name + '.py')
        results = {seed: run(python311, source_path, hash_seed=seed) for seed in ('0', '1', '2')}
        if len(set(results.values())) != 1:
            differing.append(name)
            print(f'not deterministic: {name}', file=sys.stderr)
    print(f'{len(names) - len(differing)} of {len(names)} programs print the same for PYTHONHASHSEED 0, 1, 2')
    return 1 if differing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('names', nargs='*', help='program names (default: all)')
    parser.add_argument('--check', action='store_true', help='compare with the recordings, write nothing')
    parser.add_argument('--determinism', action='store_true', help='run on 3.11 with three hash seeds')
    args = parser.parse_args()
    with_test_gc = not args.names or 'test_gc' in args.names
    names = program_names([n for n in args.names if n != 'test_gc'] if args.names else [])
    if args.names == ['test_gc']:
        names = []
    if args.determinism:
        return determinism(names, find_python('3.11'))
    pythons = {v: find_python(v) for v in VERSIONS}
    os.makedirs(EXPECTED, exist_ok=True)
    manifest = {}
    if os.path.exists(MANIFEST):
        manifest = json.load(open(MANIFEST, encoding='utf-8'))['programs']
    if not args.names and not args.check:
        for file in os.listdir(EXPECTED):
            os.remove(os.path.join(EXPECTED, file))
        manifest = {}
    mismatches = []
    for name in names:
        manifest[name] = record_program(name, pythons, args.check, mismatches)
    if with_test_gc and os.path.exists(os.path.join(HERE, 'test_gc', 'test_gc.py')):
        manifest['test_gc'] = record_test_gc(pythons, args.check, mismatches)
    document = {
        'versions': {v: subprocess.run([pythons[v], '-V'], capture_output=True, text=True).stdout.split()[1]
                     for v in VERSIONS},
        'programs': dict(sorted(manifest.items())),
    }
    write(MANIFEST, json.dumps(document, indent=2, sort_keys=True) + '\n', args.check, mismatches)
    if args.check:
        for path in mismatches:
            print(f'differs: {path}', file=sys.stderr)
        print(f'{len(mismatches)} recordings differ')
        return 1 if mismatches else 0
    print(f'recorded {len(names)} programs on ' + ', '.join(document['versions'].values()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
