// The workspace's donation form against the API it stands on: the same donation posted as a
// browser does (form-encoded, session cookie, CSRF token, answered by a 303 to the receipt page)
// and as a program does (JSON, Bearer token, answered by the donation), on one server, in turns
// (API, form, API, form) so a noisy machine weighs on both alike. Goal: the form at ≥ 80% of the
// API's rate (issue 15).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { benchDatabase, startServer, treasurerWithFunds } from './server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const FUNDS = Number(process.env.BENCH_FUNDS ?? 40);
const ROUNDS = 2;

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The cookies a response sets, as a Cookie header adds to `jar`. */
function keep(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair.split('=');
    jar.set(name, value.join('='));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

export async function benchWebForm(serverUrl: string): Promise<Record<string, unknown>> {
  const scratch = await benchDatabase(serverUrl, 'khuyenhoc_bench_web_form');
  const server = await startServer(scratch.url, { DATABASE_POOL_SIZE: '20' });
  try {
    const { token, funds, username, password } = await treasurerWithFunds(server.url, FUNDS);

    // A browser's sign-in: the form's CSRF token, then the session cookie.
    const jar = new Map<string, string>();
    const form = await fetch(`${server.url}/login`);
    keep(jar, form);
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
      body: new URLSearchParams({ _csrf: csrfIn(await form.text()), username, password }),
    });
    keep(jar, login);
    if (login.status !== 303) throw new Error(`form sign-in answered ${login.status}`);
    const page = await fetch(`${server.url}/thu/moi`, { headers: { cookie: cookieHeader(jar) } });
    keep(jar, page);
    const csrf = csrfIn(await page.text());
    const cookie = cookieHeader(jar);

    let turn = 0;
    const formBody = () => {
      const { fundId } = funds[turn++ % funds.length];
      return new URLSearchParams({
        _csrf: csrf,
        idempotencyKey: randomUUID(),
        fundId,
        donorKind: 'person',
        donorName: 'Nguyễn Thị Hằng',
        method: 'cash',
        amount: '1.250.000',
        receivedOn: '05/09/2026',
      }).toString();
    };
    const apiBody = () => {
      const { fundId } = funds[turn++ % funds.length];
      return JSON.stringify({
        fundId,
        amount: 1_250_000,
        method: 'cash',
        receivedOn: '2026-09-05',
        donor: { kind: 'person', name: 'Nguyễn Thị Hằng' },
      });
    };

    const run = (kind: 'api' | 'form') =>
      new Promise<Run>((resolve, reject) => {
        const ok = kind === 'api' ? '201' : '303';
        autocannon(
          {
            url: `${server.url}${kind === 'api' ? '/api/v1/donations' : '/thu/moi'}`,
            method: 'POST',
            connections: CONNECTIONS,
            duration: SECONDS,
            headers:
              kind === 'api'
                ? { 'content-type': 'application/json', authorization: `Bearer ${token}` }
                : { 'content-type': 'application/x-www-form-urlencoded', cookie },
            requests: [
              {
                setupRequest: (req) =>
                  kind === 'api'
                    ? {
                        ...req,
                        headers: { ...req.headers, 'idempotency-key': randomUUID() },
                        body: apiBody(),
                      }
                    : { ...req, body: formBody() },
              },
            ],
          },
          (error, result) => {
            if (error) return reject(error);
            const done = result.statusCodeStats?.[ok]?.count ?? 0;
            resolve({
              perSecond: done / SECONDS,
              p50: result.latency.p50,
              p99: result.latency.p99,
              errors: result.requests.total - done,
            });
          },
        );
      });

    await run('api'); // warm-up of both paths
    await run('form');
    const api: Run[] = [];
    const web: Run[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      api.push(await run('api'));
      web.push(await run('form'));
    }
    const result = {
      api: {
        perSecond: median(api.map((r) => r.perSecond)),
        p50: median(api.map((r) => r.p50)),
        p99: median(api.map((r) => r.p99)),
        errors: api.reduce((n, r) => n + r.errors, 0),
      },
      form: {
        perSecond: median(web.map((r) => r.perSecond)),
        p50: median(web.map((r) => r.p50)),
        p99: median(web.map((r) => r.p99)),
        errors: web.reduce((n, r) => n + r.errors, 0),
      },
    };
    const ratio = result.form.perSecond / result.api.perSecond;
    console.log(
      '\nDonation form (page) against the API, same server, in turns, medians of ' + ROUNDS + ' runs:',
    );
    console.table({ api: result.api, form: result.form });
    console.log(`form / API rate: ${(ratio * 100).toFixed(0)}% (goal ≥ 80%)`);
    return { ...result, ratio };
  } finally {
    await server.stop();
    await scratch.drop();
  }
}
