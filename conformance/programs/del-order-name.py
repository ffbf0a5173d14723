# __del__ runs as soon as the last reference goes away.
class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = Loud('a')
b = a
print('deleting the first name')
del a
print('deleting the second name')
del b
print('rebinding')
c = Loud('c1')
c = Loud('c2')
print('end of module code')
