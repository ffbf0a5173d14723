# The order of try, except, else and finally, with return and break.
def attempt(fail):
    try:
        print('  try')
        if fail:
            raise KeyError('k')
    except KeyError:
        print('  except')
    else:
        print('  else')
    finally:
        print('  finally')


print('without an error:')
attempt(False)
print('with an error:')
attempt(True)


def returns():
    try:
        return 'from try'
    finally:
        print('finally before the return completes')


print(returns())


def overrides():
    try:
        return 'from try'
    finally:
        return 'from finally'


print(overrides())
for i in range(3):
    try:
        if i == 1:
            break
    finally:
        print('finally on iteration', i)


def nested():
    try:
        try:
            raise ValueError('inner')
        finally:
            print('inner finally')
    except ValueError as e:
        print('outer caught', e)
    finally:
        print('outer finally')


nested()
