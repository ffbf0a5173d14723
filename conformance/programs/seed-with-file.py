with open('data.txt', 'w') as f:
    f.write('first line\n')
    f.write('second line\n')

with open('data.txt') as f:
    contents = f.read()
    print(f.closed)

print(f.closed)
print(repr(contents))
print(len(contents.splitlines()))
