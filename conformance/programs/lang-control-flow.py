# Loops with else, while, break and continue, conditional expressions, assert.
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, 'is prime')
i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    print('even', i)
else:
    print('never printed')
print('loop done' if i > 8 else 'not done')
x = 0
while x < 3:
    x += 1
else:
    print('while else runs when the condition fails:', x)
try:
    assert x == 4, 'x should be 4, it is ' + str(x)
except AssertionError as e:
    print('AssertionError:', e)
print(1 < 2 < 3, 1 < 3 < 2, not 0, 0 or 'default', 'a' and 'b', None or 0)
