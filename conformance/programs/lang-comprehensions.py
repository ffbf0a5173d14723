# List, dict, set comprehensions and generator expressions.
squares = [n * n for n in range(10) if n % 2]
print(squares)
grid = [(r, c) for r in range(3) for c in range(r)]
print(grid)
lengths = {w: len(w) for w in ['apple', 'fig', 'banana']}
print(lengths)
print(sorted({c for c in 'mississippi'}))
print(sum(n for n in range(101)))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [list(col) for col in zip(*matrix)])
print([x if x > 2 else -x for x in range(5)])
flat = [v for row in matrix for v in row if v % 2 == 0]
print(flat)
n = 'outer'
print([n for n in range(2)], n)
print(any(x > 8 for x in flat), all(x % 2 == 0 for x in flat))
