// A fixed arrival rate, as a province's treasurers produce it: request i is due at start + i/rate
// whatever happened to the ones before (an open loop). Its latency is counted from when it was
// due, not from when a free connection sent it, so a slow server cannot hide its queue
// (coordinated omission). autocannon's `overallRate` is not this: each of its connections sends
// its share of the second back to back from the second's start, so it measures bursts.
import http from 'node:http';

export interface OpenLoopResult {
  rate: number;
  sent: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

export interface OpenLoopRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * `rate` calls a second for `seconds`, call i due at start + i/rate whatever became of the ones
 * before; each latency runs from the call's due time to its end. `call` resolves true when it
 * succeeded. The same driver serves the API over HTTP and the raw-SQL baseline in this process.
 */
export async function openLoopCalls(
  rate: number,
  seconds: number,
  call: () => Promise<boolean>,
): Promise<OpenLoopResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 50;
  const dueOf = (i: number) => start + (i * 1000) / rate;
  const send = (due: number) =>
    call().then(
      (ok) => {
        latencies.push(performance.now() - due);
        if (!ok) errors++;
      },
      () => {
        latencies.push(performance.now() - due);
        errors++;
      },
    );

  for (let i = 0; i < total;) {
    const now = performance.now();
    // Start every call that is due; sleep until the next one.
    while (i < total && dueOf(i) <= now) inFlight.push(send(dueOf(i++)));
    const wait = dueOf(i) - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.max(0, wait - 1)));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10) / 10;
  return {
    rate,
    sent: total,
    perSecond: (total - errors) / elapsed,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: q(1),
    errors,
  };
}

/** openLoopCalls over HTTP: `next` gives each request; a status of 300 or more is an error. */
export async function openLoop(
  baseUrl: string,
  rate: number,
  seconds: number,
  next: () => OpenLoopRequest,
): Promise<OpenLoopResult> {
  const url = new URL(baseUrl);
  // Enough sockets that a request never waits for one: the wait would be the client's, not the server's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const call = () =>
    new Promise<boolean>((resolve) => {
      const r = next();
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          agent,
          headers: r.body ? { ...r.headers, 'content-length': Buffer.byteLength(r.body) } : r.headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve((res.statusCode ?? 500) < 300));
        },
      );
      req.on('error', () => resolve(false));
      req.end(r.body);
    });
  try {
    return await openLoopCalls(rate, seconds, call);
  } finally {
    agent.destroy();
  }
}
