# Less visible references that keep objects alive: default argument values,
# class attributes, and a global list that a function appends to.
import weakref


class Thing:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def use_default(x=Thing('default value')):
    return x.name


print(use_default())


class Registry:
    items = []


Registry.items.append(Thing('class attribute item'))
history = []


def remember(thing):
    history.append(thing)
    return len(history)


t = Thing('remembered')
watch = weakref.ref(t)
remember(t)
del t
print('alive through the global list:', watch() is not None)
history.clear()
print('after clearing the list:', watch() is None)
print('dropping the class attribute:')
Registry.items = []
print('dropping the function:')
del use_default
print('end')
