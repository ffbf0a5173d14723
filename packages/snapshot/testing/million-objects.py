"""Builds a heap of about a million objects and dumps it: the scale figure of BENCHMARKS.md.

Usage: python3 million-objects.py DIR_OF_PYMM_SNAPSHOT OUTPUT.pymmsnap
"""

import sys

sys.path.insert(0, sys.argv[1])
import pymm_snapshot  # noqa: E402


class Record:
    def __init__(self, key, tags):
        self.key = key
        self.tags = tags


index = {}
for i in range(200_000):
    index["k%d" % i] = Record(i * 7, [i, "t%d" % i])
ring = []
for i in range(50_000):
    node = [i]
    node.append(node)
    ring.append(node)
print(pymm_snapshot.dump(sys.argv[2]), file=sys.stderr)
