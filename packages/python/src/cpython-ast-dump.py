"""Dumps CPython's own `ast` for the standard library, for stdlib-ast.test.ts.

Reads JSON {"seed": int, "sample": int, "full": bool} on stdin. Walks the standard library
(site-packages left out), keeps every .py file that CPython compiles, and prints, as it goes, one
JSON line per file: {"file", "encoding", "counts"} (node classes and how many, operators and
contexts left out), with "tree" too when "full" is true. Without "full", it then prints one line
{"file", "tree"} for each of `sample` files, the first that compiled in an order shuffled by
`random.Random(seed)`. A tree node is {"_type": class name, fields..., positions...}; an operator or
context is its class name; an int is {"int": decimal}, a float {"float": its 8 bytes in hex}, a
complex {"complex": imag bytes}, bytes {"bytes": hex}, ... {"Ellipsis": 1}.
"""
import ast, collections, json, os, random, struct, sys, sysconfig, tokenize, warnings

warnings.simplefilter('ignore')
request = json.load(sys.stdin)
full = bool(request.get('full'))
compiled = []
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


def parse(path):
    with open(path, 'rb') as fh:
        return compile(fh.read(), path, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)


root = sysconfig.get_paths()['stdlib']
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ('site-packages', '__pycache__'))
    for f in sorted(files):
        if not f.endswith('.py'):
            continue
        path = os.path.join(d, f)
        try:
            tree = parse(path)
            compile(tree, path, 'exec', dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        with open(path, 'rb') as fh:
            encoding = tokenize.detect_encoding(fh.readline)[0]
        counts = collections.Counter(type(n).__name__ for n in ast.walk(tree) if not isinstance(n, SINGLETONS))
        out = {'file': path, 'encoding': encoding, 'counts': counts}
        if full:
            out['tree'] = node(tree)
        compiled.append(path)
        sys.stdout.write(json.dumps(out) + '\n')
        sys.stdout.flush()

if not full:
    order = list(compiled)
    random.Random(request['seed']).shuffle(order)
    for path in order[: request['sample']]:
        sys.stdout.write(json.dumps({'file': path, 'tree': node(parse(path))}) + '\n')
