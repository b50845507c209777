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

export async function openLoop(
  baseUrl: string,
  rate: number,
  seconds: number,
  next: () => OpenLoopRequest,
): Promise<OpenLoopResult> {
  const url = new URL(baseUrl);
  // Enough sockets that a request never waits for one: the wait would be the client's, not the server's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 50;
  const dueOf = (i: number) => start + (i * 1000) / rate;

  const send = (due: number) =>
    new Promise<void>((resolve) => {
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
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 500) >= 300) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });

  for (let i = 0; i < total;) {
    const now = performance.now();
    // Send every request that is due; sleep until the next one.
    while (i < total && dueOf(i) <= now) inFlight.push(send(dueOf(i++)));
    const wait = dueOf(i) - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.max(0, wait - 1)));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
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
