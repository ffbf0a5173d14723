# Compare strategies on this program: pnpm pymm compare examples/programs/log-and-cycles.py
# It leaves a log open, drops pairs of objects that refer to each other, and builds tuples.
import gc


class Node:
    def __init__(self, i):
        self.i = i
        self.other = None


def pairs(n):
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a


log = open("log.txt", "w")
log.write("start\n")
pairs(3000)
with open("data.txt", "w") as f:
    f.write("x" * 1000)
rows = [(i, str(i)) for i in range(5000)]
print(len(rows), rows[-1])
gc.collect()
