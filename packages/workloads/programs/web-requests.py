"""web-requests: request handlers whose objects die young, beside a session store that lives to the end.

Most objects die young: everything a request handler builds is garbage when it returns, while a few
objects, such as sessions, live for the rest of the program. A generational collector exploits this
by collecting the young generation often and the old one rarely, so the cycles among the
short-lived objects are found cheaply without re-examining the long-lived ones each time.

Each request builds a headers dict, a Request and a Response with bodies of random size and a small
list, and drops them when the handler returns; some request/response pairs refer to each other (a
reference cycle); some requests add a Session to a module-level store. The first tenth of the
requests is the warm-up phase.

Parameters, as name=value words after the program's name (defaults in brackets; "scaled" counts
are multiplied by scale and rounded): scale [1], seed [1], requests [20000, scaled]: requests
handled; cycleProbability [0.1]: probability that a request and its response refer to each other;
sessionProbability [0.05]: probability that a request starts a session kept until the end;
maxBodyBytes [2048]: the largest request or response body, sizes being uniform below it.
"""

import gc
import random
import sys

DEFAULTS = {
    "scale": 1.0,
    "seed": 1,
    "requests": 20000,
    "cycleProbability": 0.1,
    "sessionProbability": 0.05,
    "maxBodyBytes": 2048,
}


def fail(message):
    sys.stderr.write(f"{sys.argv[0]}: {message}\n")
    sys.exit(2)


def read_parameters(defaults):
    """The defaults, overridden by the name=value words of sys.argv."""
    values = dict(defaults)
    for word in sys.argv[1:]:
        name, equals, text = word.partition("=")
        if not equals or name not in defaults:
            fail(f"unknown parameter {word!r} (give name=value, names: {', '.join(defaults)})")
        integral = isinstance(defaults[name], int)
        try:
            value = int(text) if integral else float(text)
        except ValueError:
            fail(f"{name} must be {'an integer' if integral else 'a number'}, got {text!r}")
        if value - value != 0:
            fail(f"{name} must be finite, got {text!r}")
        values[name] = value
    if values["scale"] <= 0:
        fail(f"scale must be positive, got {values['scale']}")
    return values


parameters = read_parameters(DEFAULTS)
scale = parameters["scale"]


def scaled(count):
    return max(1, int(count * scale + 0.5))


requests = scaled(parameters["requests"])
cycle_probability = parameters["cycleProbability"]
session_probability = parameters["sessionProbability"]
max_body_bytes = max(1, parameters["maxBodyBytes"])
warm_up = int(requests * 0.1 + 0.5)
random.seed(parameters["seed"])

sessions = {}  # long-lived: grows slowly
cycles = 0


class Request:
    def __init__(self, path, headers, body):
        self.path = path
        self.headers = headers
        self.body = body


class Response:
    def __init__(self, status, body):
        self.status = status
        self.body = body


class Session:
    def __init__(self, data, cart):
        self.data = data
        self.cart = cart


def handle(i):
    global cycles
    headers = {"host": "example.org", "accept": "*/*", "x-request-id": str(i)}
    request = Request(f"/item/{i % 500}", headers, bytes(random.randrange(max_body_bytes)))
    response = Response(200, bytes(random.randrange(max_body_bytes)))
    response.trace = [request.path, response.status]
    if random.random() < cycle_probability:
        request.response = response  # a cycle, e.g. for logging
        response.request = request
        cycles += 1
    if random.random() < session_probability:
        sessions[f"user-{i}"] = Session({"visits": i}, [f"item-{i % 500}"])
    return response.status


print("web-requests", " ".join(f"{name}={value}" for name, value in parameters.items()))
# phase: warm-up
for i in range(warm_up):
    handle(i)
print(f"warm-up: {warm_up} requests handled, {cycles} request/response cycles, {len(sessions)} sessions")

# phase: serve
for i in range(warm_up, requests):
    handle(i)
print(f"serve: {requests - warm_up} requests handled, {cycles} request/response cycles, {len(sessions)} sessions")

# phase: shutdown
gc.collect()
print(f"shutdown: gc.collect() called with {len(sessions)} sessions kept")
