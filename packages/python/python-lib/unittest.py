"""A small unittest for pymm, written in pymm's Python subset.

It runs a test module the way CPython's unittest does when the module ends with
``unittest.main()``: the TestCase classes of ``__main__`` in name order, the test
methods of each class in name order, ``setUpModule``/``tearDownModule``,
``setUpClass``/``tearDownClass``, ``setUp``/``tearDown`` and cleanups around them.
It reports on stderr in unittest's format: a line of result characters
(``.`` pass, ``F`` failure, ``E`` error, ``s`` skipped), the failures and errors,
``Ran N tests in 0.000s`` and ``OK`` or ``FAILED (failures=N, errors=M)``, then
exits with status 0 or 1 as unittest does.

Differences from CPython's unittest, because the subset has no ``time`` and no
``traceback`` module: the run time is always printed as ``0.000s``, and a failure
or error shows its exception (``AssertionError: 1 != 2``) without the traceback
lines. The assertion messages are CPython's short messages (no diffs of long
containers).
"""

import sys

_RULE = '-' * 70
_DOUBLE_RULE = '=' * 70


class SkipTest(Exception):
    """Raise to skip the running test; the message is the reason."""


def skip(reason):
    """Wrap a test function so that it is skipped with ``reason``."""

    def wrap(test_item):
        def skipped(*args, **kwargs):
            raise SkipTest(reason)

        skipped.__name__ = test_item.__name__
        return skipped

    return wrap


def skipIf(condition, reason):
    """Like :func:`skip` when ``condition`` is true, else the test unchanged."""
    if condition:
        return skip(reason)
    return _identity


def skipUnless(condition, reason):
    """Like :func:`skip` when ``condition`` is false, else the test unchanged."""
    if not condition:
        return skip(reason)
    return _identity


def _identity(test_item):
    return test_item


def _name_of(exc_type):
    return getattr(exc_type, '__name__', str(exc_type))


class _AssertRaisesContext:
    def __init__(self, expected, test_case, callable_name=None):
        self.expected = expected
        self.test_case = test_case
        self.callable_name = callable_name
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            message = _name_of(self.expected) + ' not raised'
            if self.callable_name is not None:
                message += ' by ' + self.callable_name
            raise self.test_case.failureException(message)
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        return True


class TestCase:
    """A test case: each method whose name starts with ``test`` is one test."""

    failureException = AssertionError

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._cleanups = []

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def id(self):
        return '__main__.' + type(self).__name__ + '.' + self._testMethodName

    def __str__(self):
        return self._testMethodName + ' (' + self.id() + ')'

    def addCleanup(self, function, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def doCleanups(self):
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def _fail(self, standard, msg):
        if msg is None:
            raise self.failureException(standard)
        raise self.failureException(standard + ' : ' + str(msg))

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            self._fail(repr(first) + ' != ' + repr(second), msg)

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self._fail(repr(first) + ' == ' + repr(second), msg)

    def assertTrue(self, expr, msg=None):
        if not expr:
            self._fail(repr(expr) + ' is not true', msg)

    def assertFalse(self, expr, msg=None):
        if expr:
            self._fail(repr(expr) + ' is not false', msg)

    def assertIs(self, first, second, msg=None):
        if first is not second:
            self._fail(repr(first) + ' is not ' + repr(second), msg)

    def assertIsNot(self, first, second, msg=None):
        if first is second:
            self._fail('unexpectedly identical: ' + repr(first), msg)

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self._fail(repr(obj) + ' is not None', msg)

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self._fail('unexpectedly None', msg)

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self._fail(repr(member) + ' not found in ' + repr(container), msg)

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self._fail(repr(member) + ' unexpectedly found in ' + repr(container), msg)

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self._fail(repr(obj) + ' is not an instance of ' + repr(cls), msg)

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self._fail(repr(obj) + ' is an instance of ' + repr(cls), msg)

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self._fail(repr(a) + ' not greater than ' + repr(b), msg)

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self._fail(repr(a) + ' not greater than or equal to ' + repr(b), msg)

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self._fail(repr(a) + ' not less than ' + repr(b), msg)

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self._fail(repr(a) + ' not less than or equal to ' + repr(b), msg)

    def assertRaises(self, expected_exception, *args, **kwargs):
        """As a context manager (no ``args``), or as a call of ``args[0]``."""
        if not args:
            return _AssertRaisesContext(expected_exception, self)
        function = args[0]
        context = _AssertRaisesContext(expected_exception, self, getattr(function, '__name__', repr(function)))
        with context:
            function(*args[1:], **kwargs)
        return None

    def run(self, result):
        method = getattr(self, self._testMethodName)
        outcome = self._call(self.setUp, result)
        if outcome == 'ok':
            outcome = self._call(method, result)
            teardown = self._call(self.tearDown, result)
            if outcome == 'ok':
                outcome = teardown
        cleanup = self._call(self.doCleanups, result)
        if outcome == 'ok':
            outcome = cleanup
        if outcome == 'ok':
            result.addSuccess(self)

    def _call(self, function, result):
        try:
            function()
        except SkipTest as e:
            result.addSkip(self, str(e))
            return 'skip'
        except self.failureException as e:
            result.addFailure(self, e)
            return 'fail'
        except Exception as e:
            result.addError(self, e)
            return 'error'
        return 'ok'


class TestResult:
    """What a run found, printed as unittest's text runner prints it."""

    def __init__(self, stream):
        self.stream = stream
        self.testsRun = 0
        self.failures = []
        self.errors = []
        self.skipped = []

    def startTest(self, test):
        self.testsRun += 1

    def addSuccess(self, test):
        self.stream.write('.')

    def addFailure(self, test, exception):
        self.failures.append((test, exception))
        self.stream.write('F')

    def addError(self, test, exception):
        self.errors.append((test, exception))
        self.stream.write('E')

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))
        self.stream.write('s')

    def wasSuccessful(self):
        return not self.failures and not self.errors

    def printErrors(self):
        self.stream.write('\n')
        self._printList('ERROR', self.errors)
        self._printList('FAIL', self.failures)

    def _printList(self, flavour, items):
        for test, exception in items:
            self.stream.write(_DOUBLE_RULE + '\n')
            self.stream.write(flavour + ': ' + str(test) + '\n')
            self.stream.write(_RULE + '\n')
            text = str(exception)
            line = type(exception).__name__ + (': ' + text if text else '')
            self.stream.write(line + '\n\n')


def _test_classes(namespace):
    classes = []
    for name in sorted(namespace):
        value = namespace[name]
        if isinstance(value, type) and issubclass(value, TestCase) and value is not TestCase:
            classes.append(value)
    return classes


def _test_names(cls):
    names = []
    for klass in cls.__mro__:
        for name in klass.__dict__:
            if name.startswith('test') and name not in names:
                names.append(name)
    return sorted(names)


def main(module='__main__', exit=True):
    """Run the tests of ``module`` (default ``__main__``), report on stderr, exit 0 or 1."""
    namespace = sys.modules[module].__dict__
    result = TestResult(sys.stderr)
    classes = _test_classes(namespace)
    if classes and 'setUpModule' in namespace:
        namespace['setUpModule']()
    for cls in classes:
        names = _test_names(cls)
        if not names:
            continue
        cls.setUpClass()
        for name in names:
            test = cls(name)
            result.startTest(test)
            test.run(result)
        cls.tearDownClass()
    if classes and 'tearDownModule' in namespace:
        namespace['tearDownModule']()
    result.printErrors()
    stream = sys.stderr
    stream.write(_RULE + '\n')
    plural = 'test' if result.testsRun == 1 else 'tests'
    stream.write('Ran ' + str(result.testsRun) + ' ' + plural + ' in 0.000s\n\n')
    details = []
    if result.failures:
        details.append('failures=' + str(len(result.failures)))
    if result.errors:
        details.append('errors=' + str(len(result.errors)))
    if result.skipped:
        details.append('skipped=' + str(len(result.skipped)))
    if result.wasSuccessful():
        stream.write('OK' + (' (' + ', '.join(details) + ')' if details else '') + '\n')
    else:
        stream.write('FAILED (' + ', '.join(details) + ')\n')
    if exit:
        sys.exit(0 if result.wasSuccessful() else 1)
    return result
