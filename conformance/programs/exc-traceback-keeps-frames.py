# A caught exception keeps the raising frame, and its locals, alive through
# __traceback__ until the exception itself is released.
class Big:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def work():
    big = Big('local of work')
    raise ValueError('boom')


try:
    work()
except ValueError as e:
    print('in the handler:', e)
print('the except block ended: the name e is gone')

saved = None
try:
    work()
except ValueError as e:
    saved = e
print('saved exception still holds the frame')
saved = None
print('released')


def catch_and_print():
    try:
        work()
    except ValueError:
        print('handled without a name')
    print('after the handler in a function')


catch_and_print()
