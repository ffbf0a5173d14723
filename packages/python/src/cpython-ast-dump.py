"""Dumps CPython's own `ast` for the standard library, for stdlib-ast.test.ts.

Reads JSON {"full": [paths...]} on stdin. Walks the standard library (site-packages left out), keeps
every .py file that CPython compiles, and prints one JSON line per file:
{"file", "encoding", "counts"} (node classes and how many, operators and contexts left out), plus
"tree" for the files named in "full" ("*" means all). A tree node is {"_type": class name, fields...,
positions...}; an operator or context is its class name; an int is {"int": decimal}, a float
{"float": its 8 bytes in hex}, a complex {"complex": imag bytes}, bytes {"bytes": hex}, ... {"Ellipsis": 1}.
"""
import ast, collections, json, os, struct, sys, sysconfig, tokenize, warnings

warnings.simplefilter('ignore')
request = json.load(sys.stdin)
full = set(request.get('full', []))
SINGLETONS = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)


def value(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': struct.pack('<d', v).hex()}
    if isinstance(v, complex):
        return {'complex': struct.pack('<d', v.imag).hex()}
    if isinstance(v, bytes):
        return {'bytes': v.hex()}
    if v is Ellipsis:
        return {'Ellipsis': 1}
    raise TypeError(type(v))


def node(n):
    if isinstance(n, SINGLETONS):
        return type(n).__name__
    if isinstance(n, ast.AST):
        out = {'_type': type(n).__name__}
        for f in n._fields:
            v = getattr(n, f, None)
            if isinstance(v, list):
                out[f] = [node(x) for x in v]
            elif isinstance(v, ast.AST):
                out[f] = node(v)
            elif f == 'value' and isinstance(n, (ast.Constant, ast.MatchSingleton)):
                out[f] = value(v)
            else:
                out[f] = v
        for a in n._attributes:
            if hasattr(n, a):
                out[a] = getattr(n, a)
        return out
    return value(n)


root = sysconfig.get_paths()['stdlib']
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ('site-packages', '__pycache__'))
    for f in sorted(files):
        if not f.endswith('.py'):
            continue
        path = os.path.join(d, f)
        with open(path, 'rb') as fh:
            data = fh.read()
        try:
            tree = compile(data, path, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
            compile(tree, path, 'exec', dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        with open(path, 'rb') as fh:
            encoding = tokenize.detect_encoding(fh.readline)[0]
        counts = collections.Counter(type(n).__name__ for n in ast.walk(tree) if not isinstance(n, SINGLETONS))
        out = {'file': path, 'encoding': encoding, 'counts': counts}
        if '*' in full or path in full or os.path.relpath(path, root) in full:
            out['tree'] = node(tree)
        sys.stdout.write(json.dumps(out) + '\n')
