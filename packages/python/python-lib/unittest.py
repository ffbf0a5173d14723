"""A small unittest for pymm, written in pymm's Python subset.

It runs a test module the way CPython's unittest does when the module ends with
``unittest.main()``: the TestCase classes of ``__main__`` in name order (as
``dir()`` lists them), the test methods of each class in name order,
``setUpModule``/``tearDownModule``, ``setUpClass``/``tearDownClass``,
``setUp``/``tearDown`` and cleanups around each test, as ``TestCase.run`` of
CPython 3.11 orders them. It reports on stderr as unittest's text runner does: a
line of result characters (``.`` pass, ``F`` failure, ``E`` error, ``s``
skipped, ``x`` expected failure, ``u`` unexpected success), the errors and
failures, ``Ran N tests in T.TTTs`` (timed with ``time.perf_counter``) and
``OK`` or ``FAILED (failures=N, errors=M)`` with the skips, then exits with
status 0 or 1. Where CPython's versions differ, it follows ``sys.version_info``:
3.12.1 does not count the tests a decorator skips in ``Ran N tests``, and 3.12
and 3.13 print ``NO TESTS RAN`` and exit with status 5 when nothing ran.

Differences from CPython's unittest, because the subset has no ``traceback``
module: an error or failure shows its exception (``AssertionError: 1 != 2``)
after ``Traceback (most recent call last):`` without the frame lines. The
assertion messages are CPython's short messages (no diffs of long containers).
Function attributes are outside the subset, so ``skip`` and ``expectedFailure``
remember the functions they wrap in a dict instead of setting
``__unittest_skip__`` on them.
"""

import sys
import time

_VERSION = sys.version_info[:2]
_RULE = '-' * 70
_DOUBLE_RULE = '=' * 70

# The functions skip() and expectedFailure() made: function -> reason / True.
_skipped_functions = {}
_expected_failures = {}


class SkipTest(Exception):
    """Raise to skip the running test; the message is the reason."""


def skip(reason):
    """Unconditionally skip a test."""

    def decorator(test_item):
        def skip_wrapper(*args, **kwargs):
            raise SkipTest(reason)

        _skipped_functions[skip_wrapper] = reason
        return skip_wrapper

    return decorator


def _id(obj):
    return obj


def skipIf(condition, reason):
    """Skip a test if the condition is true."""
    if condition:
        return skip(reason)
    return _id


def skipUnless(condition, reason):
    """Skip a test unless the condition is true."""
    if not condition:
        return skip(reason)
    return _id


def expectedFailure(test_item):
    """Mark a test as expected to fail: its failure counts as success."""
    _expected_failures[test_item] = True
    return test_item


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:
        return object.__repr__(obj)


def _exception_name(exc_type):
    return getattr(exc_type, '__name__', str(exc_type))


class _AssertRaisesContext:
    """What ``assertRaises`` returns without a callable: a context manager."""

    def __init__(self, expected, test_case):
        self.expected = expected
        self.test_case = test_case
        self.exception = None
        self.obj_name = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            exc_name = _exception_name(self.expected)
            if self.obj_name:
                raise self.test_case.failureException('{} not raised by {}'.format(exc_name, self.obj_name))
            raise self.test_case.failureException('{} not raised'.format(exc_name))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        return True


class _Outcome:
    def __init__(self, result):
        self.result = result
        self.success = True
        self.expecting_failure = False
        self.expected_failure = None


class TestCase:
    """A test case: each method whose name starts with ``test`` is one test."""

    failureException = AssertionError
    longMessage = True

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._cleanups = []
        self._outcome = None

    def setUp(self):
        "Hook method for setting up the test fixture before exercising it."

    def tearDown(self):
        "Hook method for deconstructing the test fixture after testing it."

    @classmethod
    def setUpClass(cls):
        "Hook method for setting up class fixture before running tests in the class."

    @classmethod
    def tearDownClass(cls):
        "Hook method for deconstructing the class fixture after running all tests in the class."

    def id(self):
        return '{}.{}.{}'.format(type(self).__module__, type(self).__qualname__, self._testMethodName)

    def __str__(self):
        return '{} ({}.{}.{})'.format(
            self._testMethodName, type(self).__module__, type(self).__qualname__, self._testMethodName
        )

    def __repr__(self):
        return '<{}.{} testMethod={}>'.format(type(self).__module__, type(self).__qualname__, self._testMethodName)

    def shortDescription(self):
        return None

    def addCleanup(self, function, *args, **kwargs):
        """Add a function, with arguments, to be called when the test is completed."""
        self._cleanups.append((function, args, kwargs))

    def doCleanups(self):
        """Execute all cleanup functions, last added first."""
        outcome = self._outcome or _Outcome(None)
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            self._part(outcome, function, args, kwargs, False)
        return outcome.success

    def skipTest(self, reason):
        """Skip this test."""
        raise SkipTest(reason)

    def fail(self, msg=None):
        """Fail immediately, with the given message."""
        raise self.failureException(msg)

    def _formatMessage(self, msg, standardMsg):
        if msg is None:
            return standardMsg
        if not self.longMessage:
            return msg
        return '{} : {}'.format(standardMsg, msg)

    def _fail(self, standardMsg, msg):
        raise self.failureException(self._formatMessage(msg, standardMsg))

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            self._fail('{} != {}'.format(_safe_repr(first), _safe_repr(second)), msg)

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self._fail('{} == {}'.format(_safe_repr(first), _safe_repr(second)), msg)

    def assertTrue(self, expr, msg=None):
        if not expr:
            self._fail('{} is not true'.format(_safe_repr(expr)), msg)

    def assertFalse(self, expr, msg=None):
        if expr:
            self._fail('{} is not false'.format(_safe_repr(expr)), msg)

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self._fail('{} is not {}'.format(_safe_repr(expr1), _safe_repr(expr2)), msg)

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self._fail('unexpectedly identical: {}'.format(_safe_repr(expr1)), msg)

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self._fail('{} is not None'.format(_safe_repr(obj)), msg)

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self._fail('unexpectedly None', msg)

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self._fail('{} not found in {}'.format(_safe_repr(member), _safe_repr(container)), msg)

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self._fail('{} unexpectedly found in {}'.format(_safe_repr(member), _safe_repr(container)), msg)

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self._fail('{} is not an instance of {!r}'.format(_safe_repr(obj), cls), msg)

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self._fail('{} is an instance of {!r}'.format(_safe_repr(obj), cls), msg)

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self._fail('{} not greater than {}'.format(_safe_repr(a), _safe_repr(b)), msg)

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self._fail('{} not greater than or equal to {}'.format(_safe_repr(a), _safe_repr(b)), msg)

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self._fail('{} not less than {}'.format(_safe_repr(a), _safe_repr(b)), msg)

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self._fail('{} not less than or equal to {}'.format(_safe_repr(a), _safe_repr(b)), msg)

    def assertRaises(self, expected_exception, *args, **kwargs):
        """A context manager without ``args``; else calls ``args[0](*args[1:], **kwargs)``."""
        context = _AssertRaisesContext(expected_exception, self)
        if not args:
            return context
        callable_obj = args[0]
        context.obj_name = getattr(callable_obj, '__name__', str(callable_obj))
        with context:
            callable_obj(*args[1:], **kwargs)
        return None

    def _part(self, outcome, function, args, kwargs, is_test):
        # unittest.case._Outcome.testPartExecutor: one part of a test, its outcome recorded.
        try:
            function(*args, **kwargs)
        except SkipTest as e:
            outcome.success = False
            if outcome.result is not None:
                outcome.result.addSkip(self, str(e))
        except Exception as e:
            if is_test and outcome.expecting_failure:
                outcome.expected_failure = e
            else:
                outcome.success = False
                if outcome.result is not None:
                    if isinstance(e, self.failureException):
                        outcome.result.addFailure(self, e)
                    else:
                        outcome.result.addError(self, e)

    def run(self, result):
        """Run this test into ``result``, as CPython 3.11's ``TestCase.run``."""
        # 3.12.1 counts a test only once it is known not to be skipped.
        if _VERSION != (3, 12):
            result.startTest(self)
        function = getattr(type(self), self._testMethodName)
        if function in _skipped_functions:
            result.addSkip(self, _skipped_functions[function])
            return result
        if _VERSION == (3, 12):
            result.startTest(self)
        test_method = getattr(self, self._testMethodName)
        expecting_failure = function in _expected_failures
        outcome = _Outcome(result)
        self._outcome = outcome
        self._part(outcome, self.setUp, (), {}, False)
        if outcome.success:
            outcome.expecting_failure = expecting_failure
            self._part(outcome, test_method, (), {}, True)
            outcome.expecting_failure = False
            self._part(outcome, self.tearDown, (), {}, False)
        self.doCleanups()
        if outcome.success:
            if expecting_failure:
                if outcome.expected_failure is not None:
                    result.addExpectedFailure(self, outcome.expected_failure)
                else:
                    result.addUnexpectedSuccess(self)
            else:
                result.addSuccess(self)
        self._outcome = None
        return result


class TextTestResult:
    """What a run found, printed as unittest's ``TextTestResult`` prints it (dots)."""

    separator1 = _DOUBLE_RULE
    separator2 = _RULE

    def __init__(self, stream):
        self.stream = stream
        self.testsRun = 0
        self.failures = []
        self.errors = []
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []

    def startTest(self, test):
        self.testsRun += 1

    def addSuccess(self, test):
        self.stream.write('.')

    def addError(self, test, exception):
        self.errors.append((test, exception))
        self.stream.write('E')

    def addFailure(self, test, exception):
        self.failures.append((test, exception))
        self.stream.write('F')

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))
        self.stream.write('s')

    def addExpectedFailure(self, test, exception):
        self.expectedFailures.append((test, exception))
        self.stream.write('x')

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)
        self.stream.write('u')

    def wasSuccessful(self):
        return len(self.failures) == len(self.errors) == 0 and len(self.unexpectedSuccesses) == 0

    def printErrors(self):
        self.stream.write('\n')
        self.printErrorList('ERROR', self.errors)
        self.printErrorList('FAIL', self.failures)
        if self.unexpectedSuccesses:
            self.stream.write(self.separator1 + '\n')
            for test in self.unexpectedSuccesses:
                self.stream.write('UNEXPECTED SUCCESS: {}\n'.format(test))

    def printErrorList(self, flavour, errors):
        for test, exception in errors:
            self.stream.write(self.separator1 + '\n')
            self.stream.write('{}: {}\n'.format(flavour, test))
            self.stream.write(self.separator2 + '\n')
            self.stream.write('Traceback (most recent call last):\n')
            text = str(exception)
            name = _exception_name(type(exception))
            module = type(exception).__module__
            if module not in ('builtins', '__main__'):
                name = module + '.' + name
            self.stream.write((name + ': ' + text if text else name) + '\n\n')


def _load_tests(module):
    # TestLoader.loadTestsFromModule: the TestCase subclasses dir() lists, each with the
    # callable attributes whose names start with "test", in name order.
    tests = []
    for name in dir(module):
        obj = getattr(module, name)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            names = [n for n in dir(obj) if n.startswith('test') and callable(getattr(obj, n))]
            if names:
                tests.append((obj, names))
    return tests


def _run_tests(module, result):
    # TestSuite.run with its class and module fixtures.
    tests = _load_tests(module)
    if tests and 'setUpModule' in dir(module):
        getattr(module, 'setUpModule')()
    for cls, names in tests:
        cls.setUpClass()
        for name in names:
            cls(name).run(result)
        cls.tearDownClass()
    if tests and 'tearDownModule' in dir(module):
        getattr(module, 'tearDownModule')()


def main(module='__main__', exit=True):
    """Run the tests of ``module`` (default ``__main__``), report on stderr, exit 0 or 1."""
    if isinstance(module, str):
        module = sys.modules[module]
    stream = sys.stderr
    result = TextTestResult(stream)
    start_time = time.perf_counter()
    _run_tests(module, result)
    time_taken = time.perf_counter() - start_time
    result.printErrors()
    stream.write(result.separator2 + '\n')
    run = result.testsRun
    stream.write('Ran {} test{} in {:.3f}s\n'.format(run, 's' if run != 1 else '', time_taken))
    stream.write('\n')
    infos = []
    if not result.wasSuccessful():
        stream.write('FAILED')
        if result.failures:
            infos.append('failures={}'.format(len(result.failures)))
        if result.errors:
            infos.append('errors={}'.format(len(result.errors)))
    elif _nothing_ran(result):
        stream.write('NO TESTS RAN')
    else:
        stream.write('OK')
    if result.skipped:
        infos.append('skipped={}'.format(len(result.skipped)))
    if result.expectedFailures:
        infos.append('expected failures={}'.format(len(result.expectedFailures)))
    if result.unexpectedSuccesses:
        infos.append('unexpected successes={}'.format(len(result.unexpectedSuccesses)))
    if infos:
        stream.write(' ({})\n'.format(', '.join(infos)))
    else:
        stream.write('\n')
    if exit:
        if _nothing_ran(result):
            sys.exit(5)
        sys.exit(0 if result.wasSuccessful() else 1)
    return result


def _nothing_ran(result):
    # 3.12: no test counted; 3.13: none counted and none skipped; 3.11 does not ask.
    if _VERSION == (3, 12):
        return result.testsRun == 0
    if _VERSION >= (3, 13):
        return result.testsRun == 0 and not result.skipped
    return False
