// Receipts through the real pipeline (outbox → BullMQ → the worker's render threads → file and
// hash) beside the naive way (one thread; each receipt a new PDFDocument registering the font
// files read from disk); a round's 3,000 certificates as one ZIP; the worker's memory over
// 10,000 documents. Needs Redis (the pipeline is BullMQ's).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { renderReceipt } from '../../templates/receipt.js';
import { projectRoot } from '../../src/common/project-root.js';
import { todayInVietnam } from '../../src/common/dates.js';
import { pdfBytes, verificationQr } from '../../src/documents/qr.js';
import { type BenchServer, client, startServer, treasurerWithFunds, benchDatabase } from './server.js';
import { chairAtRoot, importSignedList, roundInReview, signedPaymentList } from './rounds.js';

const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 1_000);
const NAIVE = Number(process.env.BENCH_NAIVE_RECEIPTS ?? 300);
const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 3_000);
const MEMORY_DOCUMENTS = Number(process.env.BENCH_MEMORY_DOCUMENTS ?? 10_000);
const TODAY = todayInVietnam();

/** The naive baseline: the same template, but the font files read and parsed for every receipt. */
async function naiveReceiptsPerSecond(): Promise<number> {
  const dir = join(projectRoot(), 'templates', 'fonts');
  const t0 = performance.now();
  for (let i = 1; i <= NAIVE; i++) {
    const fonts = {
      regular: readFileSync(join(dir, 'BeVietnamPro-Regular.ttf')),
      bold: readFileSync(join(dir, 'BeVietnamPro-Bold.ttf')),
      italic: readFileSync(join(dir, 'BeVietnamPro-Italic.ttf')),
    };
    await pdfBytes(
      renderReceipt(
        {
          unit: { name: 'Xã Vũ Thư', address: 'Thôn Đông' },
          book: '2026',
          number: String(i).padStart(6, '0'),
          code: 'ABCD-EFGH-JKMN',
          qr: verificationQr(`http://localhost:3000/verify/ABCDEFGH${i}`),
          receivedOn: '2026-09-05',
          payer: { name: 'Nguyễn Thị Hằng', address: 'Thôn Đoài' },
          reason: 'Ủng hộ Quỹ khuyến học',
          fundName: 'Quỹ đo hiệu năng',
          amount: 1_250_000,
          method: 'cash',
          reference: null,
          inKindDescription: null,
          treasurerName: 'Thủ quỹ đo hiệu năng',
          void: null,
          copy: false,
        },
        fonts,
      ),
    );
  }
  return NAIVE / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchDocuments(serverUrl: string): Promise<Record<string, unknown>> {
  // 1. The naive baseline, in this process, on one thread (three runs, the median); first, so no
  // idle keep-alive connection to the server is dropped meanwhile.
  const naive: number[] = [];
  for (let run = 0; run < 3; run++) naive.push(await naiveReceiptsPerSecond());
  console.log(`naive: ${naive.map((r) => r.toFixed(1)).join(', ')} receipts/s`);

  const scratch = await benchDatabase(serverUrl, 'khuyenhoc_bench_documents');
  const prefix = `khuyenhoc-bench-docs-${Date.now()}`;
  const common = {
    QUEUE_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DOCUMENTS_DIR: join(projectRoot(), '.data', 'bench-documents', prefix),
    DOCUMENT_SWEEP_SECONDS: '0',
    IMPORT_MAX_BYTES: String(20 * 1024 * 1024),
  };
  const api = await startServer(scratch.url, { ...common, DATABASE_POOL_SIZE: '10' });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  let worker: BenchServer | undefined;
  const ready = async (kind: string) =>
    (
      await pool.query(`SELECT count(*)::int AS n FROM documents WHERE kind = $1 AND status = 'ready'`, [
        kind,
      ])
    ).rows[0].n as number;
  try {
    const { token, funds } = await treasurerWithFunds(api.url, 8);
    const treasurer = client(api.url, token);
    let turn = 0;
    const donate = () =>
      treasurer(
        'POST',
        '/api/v1/donations',
        {
          fundId: funds[turn++ % funds.length].fundId,
          amount: 1_250_000,
          method: 'cash',
          receivedOn: '2026-09-05',
          donor: { kind: 'person', name: 'Nguyễn Thị Hằng', address: 'Thôn Đoài' },
        },
        { 'Idempotency-Key': randomUUID() },
      );
    const donateMany = async (count: number) => {
      let left = count;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (left-- > 0) await donate();
        }),
      );
    };

    // 2. RECEIPTS donations recorded with no worker running: their jobs wait in Redis. Then a
    // worker starts and renders them; timed from its first receipt to its last.
    await donateMany(RECEIPTS);
    const w0 = performance.now();
    worker = await startServer(scratch.url, common, 'worker');
    let first = 0;
    for (;;) {
      const n = await ready('receipt');
      if (n > 0 && !first) first = performance.now();
      if (n >= RECEIPTS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const last = performance.now();
    const pipeline = (RECEIPTS - 1) / ((last - first) / 1000);
    const withStart = RECEIPTS / ((last - w0) / 1000);
    console.log(
      `pipeline: ${pipeline.toFixed(1)} receipts/s (${withStart.toFixed(1)}/s counting the worker's start), ` +
        `${(pipeline / median(naive)).toFixed(2)}× the naive ${median(naive).toFixed(1)}/s`,
    );

    // 3. CERTIFICATES awards of one round paid (decision and signed list through the API), then
    // their certificates as one ZIP.
    const chair = await chairAtRoot(api.url);
    const chairMoney = (path: string, body: unknown) =>
      chair.call('POST', path, body, { 'Idempotency-Key': randomUUID() });
    const { fundId } = funds[0];
    await treasurer(
      'POST',
      `/api/v1/funds/${fundId}/opening-balance`,
      { amount: CERTIFICATES * 1_000_000, asOf: '2025-12-31', reference: 'Sổ quỹ' },
      { 'Idempotency-Key': randomUUID() },
    );
    const round = await roundInReview(chair, pool, funds[0], CERTIFICATES, 1_000_000);
    await chairMoney(`/api/v1/award-rounds/${round.id}/decision`, {
      number: '1/QĐ-HKH',
      date: TODAY,
      approved: round.nominationIds,
    });
    await chairMoney(`/api/v1/award-rounds/${round.id}/transitions`, { to: 'paying' });
    await importSignedList(api.url, token, round.id, await signedPaymentList(api.url, token, round.id));
    const c0 = performance.now();
    const started = await chair.call('POST', `/api/v1/award-rounds/${round.id}/certificates`);
    let job: { status: string; done: number; total: number; etaSeconds: number | null };
    let shownEta: number | null = null;
    for (;;) {
      job = await chair.call('GET', `/api/v1/jobs/${started.id}`);
      if (shownEta === null && job.done > job.total / 10) shownEta = job.etaSeconds;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const certificateSeconds = (performance.now() - c0) / 1000;
    const zip = await fetch(`${api.url}/api/v1/jobs/${started.id}/result`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const zipBytes = (await zip.arrayBuffer()).byteLength;
    console.log(
      `certificates: ${job.done}/${job.total} (${job.status}) and their ZIP (${(zipBytes / 2 ** 20).toFixed(1)} MiB) ` +
        `in ${certificateSeconds.toFixed(1)} s (${(job.done / certificateSeconds).toFixed(1)}/s; ` +
        `at 10% the job estimated ${shownEta} s left); goal: under 60 s`,
    );

    // 4. The worker's memory over MEMORY_DOCUMENTS receipts recorded while it runs: resident size
    // after the first 1,000 and after the last (after the certificates above, so warmed up).
    const before = await ready('receipt');
    let rssAt1000 = 0;
    const recording = donateMany(MEMORY_DOCUMENTS);
    for (;;) {
      const n = (await ready('receipt')) - before;
      if (!rssAt1000 && n >= 1000) rssAt1000 = worker.rssMiB();
      if (n >= MEMORY_DOCUMENTS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await recording;
    const rssAtEnd = worker.rssMiB();
    const growth = (rssAtEnd - rssAt1000) / rssAt1000;
    console.log(
      `worker memory: ${rssAt1000.toFixed(0)} MiB after 1,000 receipts, ${rssAtEnd.toFixed(0)} MiB after ` +
        `${MEMORY_DOCUMENTS.toLocaleString('en')} (${(100 * growth).toFixed(1)}% growth; goal: under 10%), ` +
        `peak ${worker.peakRssMiB().toFixed(0)} MiB`,
    );
    return {
      receipts: RECEIPTS,
      naiveReceiptsPerSecond: naive,
      pipelineReceiptsPerSecond: pipeline,
      pipelineWithWorkerStart: withStart,
      ratio: pipeline / median(naive),
      certificates: { count: job.done, status: job.status, seconds: certificateSeconds, zipBytes },
      workerMemory: { at1000: rssAt1000, atEnd: rssAtEnd, growth, peak: worker.peakRssMiB() },
    };
  } finally {
    await worker?.stop();
    await api.stop();
    await pool.end();
    await scratch.drop();
  }
}
