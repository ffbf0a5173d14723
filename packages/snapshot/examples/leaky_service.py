"""A small request handler with two leaks, for the guide "Finding a leak in a running program".

It serves 2,000 requests, then dumps its heap with pymm_snapshot (run it with the directory of
pymm_snapshot.py on PYTHONPATH, or as `python3 -m pymm_snapshot -o heap.pymmsnap leaky_service.py`).
"""

import sys

_responses = {}


class Session:
    """A client session whose close callback refers back to it: a reference cycle."""

    def __init__(self, user):
        self.user = user
        self.buffer = bytearray(512)
        self.on_close = lambda: self.flush()

    def flush(self):
        self.buffer.clear()

    def __del__(self):
        self.flush()


def render(request_id):
    return ("<p>request %d</p>" % request_id) * 20


def handle(request_id):
    session = Session("user-%d" % (request_id % 50))
    body = render(request_id)
    # Leak 1: every response is memoized under its (unique) request id and never evicted.
    _responses[request_id] = body
    return len(body)


def serve(requests):
    total = 0
    for request_id in range(requests):
        total += handle(request_id)
    return total


if __name__ == "__main__":
    import gc

    gc.disable()  # as a service might, to avoid pauses: leak 2, the sessions' cycles, then piles up
    served = serve(2000)
    if len(sys.argv) > 1:
        import pymm_snapshot

        pymm_snapshot.dump(sys.argv[1])
        print("collected after the dump:", gc.collect())
