# raise ... from sets __cause__; raising inside an except block sets __context__.
class ConfigError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError('bad number: ' + text) from e


try:
    parse('x1')
except ConfigError as err:
    print('error:', err)
    print('cause:', type(err.__cause__).__name__, err.__cause__)
    print('suppress context:', err.__suppress_context__)

try:
    try:
        {}['missing']
    except KeyError:
        raise RuntimeError('while handling')
except RuntimeError as err:
    print('context:', repr(err.__context__), 'cause:', err.__cause__)

try:
    try:
        [][1]
    except IndexError:
        raise ValueError('replaced') from None
except ValueError as err:
    print('from None: cause', err.__cause__, 'suppress', err.__suppress_context__)
    print('context kept:', type(err.__context__).__name__)
