# The traceback of an exception raised while handling another shows both.
def load(table, key):
    try:
        return table[key]
    except KeyError as e:
        raise LookupError('no entry for ' + repr(key)) from e


print('loading')
load({'a': 1}, 'b')
