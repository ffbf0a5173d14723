/**
 * A web server's life: short-lived per-request garbage, some of it in
 * cycles, beside a long-lived session store that grows slowly.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { parameterValue } from './parameters.js';
import { randomBelow } from './seeded-random.js';
import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';
import { scaledCount } from './workload-context.js';

const REQUESTS: WorkloadParameter = {
  name: 'requests',
  description: 'Requests handled (scaled).',
  default: 20_000,
};
const CYCLE_PROBABILITY: WorkloadParameter = {
  name: 'cycleProbability',
  description: 'Probability that a request and its response refer to each other (a reference cycle).',
  default: 0.1,
};
const SESSION_PROBABILITY: WorkloadParameter = {
  name: 'sessionProbability',
  description: 'Probability that a request starts a session that is kept until the end.',
  default: 0.05,
};
const MAX_BODY_BYTES: WorkloadParameter = {
  name: 'maxBodyBytes',
  description: 'Largest request or response body; sizes are uniform up to it.',
  default: 2_048,
};

/** The share of requests in the `warm-up` phase. */
const WARM_UP_SHARE = 0.1;

/**
 * `web-requests`: each request builds a headers dict, a `Request` and a
 * `Response` with bodies of random size and a few temporary lists, and drops
 * them when the handler returns; one in ten request/response pairs refer to
 * each other; one in twenty requests adds a `Session` (with its own dict and
 * cart list) to a module-level store that lives to the end. The generational
 * hypothesis in action: almost everything dies young, so generation-0
 * collections find the cycles cheaply while the old sessions are rarely
 * examined; a non-generational collector traces the whole store each time;
 * reference counting frees the acyclic garbage at once and leaks the cycles.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { runWorkload, webRequests } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * runWorkload(webRequests, py, { scale: 0.05 }).phases.map((phase) => phase.name); // ['warm-up', 'serve', 'shutdown']
 * py.len(py.globals.sessions) > 0; // true
 * ```
 */
export const webRequests: Workload = {
  name: 'web-requests',
  title: 'Web requests and a session store',
  lesson:
    'Most objects die young: everything a request handler builds is garbage when it returns, while a few objects, such as sessions, live for the rest of the program. ' +
    'A generational collector exploits this by collecting the young generation often and the old one rarely, so the cycles among the short-lived objects are found cheaply without re-examining the long-lived ones each time.',
  python: `sessions = {}                                    # long-lived: grows slowly

class Request: ...
class Response: ...
class Session: ...

def handle(i):
    headers = {"host": "example.org", "accept": "*/*", "x-request-id": str(i)}
    request = Request(path=f"/item/{i % 500}", headers=headers,
                      body=bytes(random.randrange(max_body_bytes)))
    response = Response(status=200, body=bytes(random.randrange(max_body_bytes)))
    response.trace = [request.path, response.status]
    if random.random() < cycle_probability:
        request.response = response              # a cycle, e.g. for logging
        response.request = request
    if random.random() < session_probability:
        sessions[f"user-{i}"] = Session(data={"visits": i}, cart=[f"item-{i % 500}"])
    return response.status

for i in range(requests):                        # phases: warm-up, serve
    handle(i)
gc.collect()                                     # phase: shutdown`,
  kind: 'lesson',
  parameters: [REQUESTS, CYCLE_PROBABILITY, SESSION_PROBABILITY, MAX_BODY_BYTES],
  run(py: Runtime, context: WorkloadContext): void {
    const requests = scaledCount(context, parameterValue(context, REQUESTS));
    const cycleProbability = parameterValue(context, CYCLE_PROBABILITY);
    const sessionProbability = parameterValue(context, SESSION_PROBABILITY);
    const maxBody = Math.max(1, parameterValue(context, MAX_BODY_BYTES));
    const Request = py.class('Request');
    const Response = py.class('Response');
    const Session = py.class('Session');
    py.globals.sessions = py.dict();
    const sessions = py.globals.sessions;
    const warmUp = Math.round(requests * WARM_UP_SHARE);

    const handle = (i: number) =>
      py.call('handle', (f) => {
        f.headers = py.dict([
          [{ str: 'host' }, { str: 'example.org' }],
          [{ str: 'accept' }, { str: '*/*' }],
          [{ str: 'x-request-id' }, { str: String(i) }],
        ]);
        f.request = Request.new({
          path: py.str(`/item/${i % 500}`),
          headers: f.headers,
          body: py.bytes(randomBelow(context.random, maxBody)),
        });
        f.response = Response.new({
          status: py.int(200),
          body: py.bytes(randomBelow(context.random, maxBody)),
        });
        py.setattr(
          f.response,
          'trace',
          py.list([py.getattr(f.request, 'path'), py.getattr(f.response, 'status')]),
        );
        if (context.random() < cycleProbability) {
          py.setattr(f.request, 'response', f.response);
          py.setattr(f.response, 'request', f.request);
        }
        if (context.random() < sessionProbability) {
          py.setitem(
            sessions,
            { str: `user-${i}` },
            py.at('Session', () =>
              Session.new({
                data: py.dict([[{ str: 'visits' }, { int: i }]]),
                cart: py.list([{ str: `item-${i % 500}` }]),
              }),
            ),
          );
        }
        return py.getattr(f.response, 'status');
      });

    context.phase('warm-up');
    for (let i = 0; i < warmUp; i++) handle(i);
    context.phase('serve');
    for (let i = warmUp; i < requests; i++) handle(i);
    context.phase('shutdown');
    py.collect();
  },
};
