"""Builds known structures, dumps the heap with pymm_snapshot, then measures them independently.

Usage: python3 known-structures.py DIR_OF_PYMM_SNAPSHOT OUTPUT.pymmsnap
Prints one JSON line: the ids of the structures, what gc.collect() returned after the dump, and the
sizes the structures retain, summed here with sys.getsizeof.
"""

import gc
import json
import sys

sys.path.insert(0, sys.argv[1])
import pymm_snapshot  # noqa: E402

gc.collect()


class Leak:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        pass


class Node:
    def __init__(self, payload, next):
        self.payload = payload
        self.next = next


def leak_a_cycle():
    a = Leak("a")
    b = Leak("b")
    a.partner = b
    b.partner = a
    return [id(a), id(b)]


cache = {"rows": ["row %d " % i * 3 for i in range(50000)]}
head = None
for i in range(100000):
    head = Node(i + 1000, head)
del i
leaked = leak_a_cycle()

written = pymm_snapshot.dump(sys.argv[2])
collected = gc.collect()

rows = cache["rows"]
cache_retained = sys.getsizeof(cache) + sys.getsizeof(rows) + sum(sys.getsizeof(r) for r in rows)
chain_retained = 0
length = 0
node = head
while node is not None:
    chain_retained += sys.getsizeof(node) + sys.getsizeof(node.payload)
    length += 1
    node = node.next
node = None
print(
    json.dumps(
        {
            "written": written,
            "collected": collected,
            "leaked": ["0x%x" % i for i in leaked],
            "cache": "0x%x" % id(cache),
            "rows": "0x%x" % id(rows),
            "cacheRetained": cache_retained,
            "head": "0x%x" % id(head),
            "chainLength": length,
            "chainRetained": chain_retained,
        }
    )
)
