# Lesson (web requests): everything a handler builds dies young, some of it in
# cycles; a few sessions live on.
import gc
import random

sessions = {}


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
    headers = {'host': 'example.org', 'accept': '*/*', 'x-request-id': str(i)}
    request = Request(f'/item/{i % 500}', headers, bytes(random.randrange(2000)))
    response = Response(200, bytes(random.randrange(2000)))
    response.trace = [request.path, response.status]
    if random.random() < 0.1:
        request.response = response
        response.request = request
    if random.random() < 0.05:
        sessions[f'user-{i}'] = Session({'visits': i}, [f'item-{i % 500}'])
    return response.status


random.seed(1)
gc.collect()
gc.disable()
statuses = [handle(i) for i in range(1000)]
print('requests served:', len(statuses), 'all 200:', all(s == 200 for s in statuses))
print('sessions kept:', len(sessions))
print('collected at shutdown:', gc.collect())
gc.enable()
