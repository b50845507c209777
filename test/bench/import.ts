// A 100,000-row XLSX through upload (validation report) and commit, end to end over HTTP,
// beside COPY of the same rows into a scratch table, in the same run.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startServer, treasurerWithFunds, benchDatabase } from './server.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

/** CPU seconds (user + system) a process has used, from /proc (ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // gone
  }
}

/**
 * CPU seconds of the server process and of the PostgreSQL backends of the scratch database, so
 * phases compare on a shared machine where wall time follows whoever else is busy.
 */
async function cpuSnapshot(pool: pg.Pool, serverPid: number) {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return { server: cpuSeconds(serverPid), backends: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)])) };
}

function cpuSince(before: Awaited<ReturnType<typeof cpuSnapshot>>, after: typeof before) {
  let database = 0;
  for (const [pid, t] of after.backends) database += t - (before.backends.get(pid) ?? 0);
  return { server: after.server - before.server, database };
}
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const GIVEN = [
  'Thị Hằng',
  'Văn An',
  'Minh Đức',
  'Thu Trang',
  'Quốc Việt',
  'Ngọc Lan',
  'Đình Phúc',
  'Hải Yến',
];

function rows() {
  return Array.from({ length: ROWS }, (_, i) => {
    const amount = 50_000 + (i % 200) * 5_000;
    const day = String(1 + (i % 28)).padStart(2, '0');
    return [
      `${FAMILY[i % 10]} ${GIVEN[(i >> 3) % 8]} ${i}`,
      i % 17 === 0 ? 'Gia đình' : 'Cá nhân',
      amount,
      `${day}/03/2026`,
      'Tiền mặt',
      `09${String(10_000_000 + i)}`,
    ];
  });
}

export async function benchImport(serverUrl: string): Promise<Record<string, unknown>> {
  const data = rows();
  const total = data.reduce((s, r) => s + (r[2] as number), 0);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bảng kê');
  sheet.addRow([
    'Họ tên nhà hảo tâm',
    'Loại nhà hảo tâm',
    'Số tiền (đồng)',
    'Ngày nhận',
    'Hình thức',
    'Điện thoại',
  ]);
  for (const r of data) sheet.addRow(r);
  const file = Buffer.from(await workbook.xlsx.writeBuffer());

  const scratch = await benchDatabase(serverUrl, 'khuyenhoc_bench_import');
  const server = await startServer(scratch.url, { IMPORT_MAX_BYTES: String(50 * 1024 * 1024) });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  try {
    const { token, funds } = await treasurerWithFunds(server.url, 1);
    const { fundId } = funds[0];
    const rssBefore = server.peakRssMiB();
    const cpu0 = await cpuSnapshot(pool, server.pid);
    const t0 = performance.now();
    const form = new FormData();
    form.set('fundId', fundId);
    form.set('expectedCount', String(ROWS));
    form.set('expectedTotal', String(total));
    form.set('file', new Blob([file]), 'bang-ke-100k.xlsx');
    const uploaded = await fetch(`${server.url}/api/v1/donation-imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    const report = (await uploaded.json()) as { status: string; id: string };
    const t1 = performance.now();
    const cpu1 = await cpuSnapshot(pool, server.pid);
    const peakAfterUpload = server.peakRssMiB();
    if (report.status !== 'valid')
      throw new Error(`import not valid: ${JSON.stringify(report).slice(0, 500)}`);
    const committed = await fetch(`${server.url}/api/v1/donation-imports/${report.id}/commit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
    });
    if (committed.status !== 201) throw new Error(`commit: ${committed.status} ${await committed.text()}`);
    const t2 = performance.now();
    const cpu2 = await cpuSnapshot(pool, server.pid);
    const uploadCpu = cpuSince(cpu0, cpu1);
    const commitCpu = cpuSince(cpu1, cpu2);
    const peak = server.peakRssMiB();
    const [{ n }] = (
      await pool.query(`SELECT count(*)::int AS n FROM donations WHERE fund_id = $1`, [fundId])
    ).rows;

    // Baseline: the same rows as CSV, COPY'd into a plain table.
    const c = await pool.connect();
    let copyMs: number;
    try {
      await c.query(
        `CREATE TABLE bench_copy (name text, kind text, amount bigint, received_on date, method text, phone text)`,
      );
      const csv = data
        .map(
          (r) => `"${r[0]}",${r[1]},${r[2]},${String(r[3]).split('/').reverse().join('-')},${r[4]},${r[5]}`,
        )
        .join('\n');
      const c0 = performance.now();
      await pipeline(Readable.from([csv]), c.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv)`)));
      copyMs = performance.now() - c0;
    } finally {
      c.release();
    }
    const result = {
      rows: ROWS,
      fileMiB: file.length / 1024 / 1024,
      uploadMs: t1 - t0,
      commitMs: t2 - t1,
      totalMs: t2 - t0,
      uploadCpuSeconds: uploadCpu,
      commitCpuSeconds: commitCpu,
      serverPeakRssMiB: peak,
      serverPeakRssAfterUploadMiB: peakAfterUpload,
      serverRssBeforeMiB: rssBefore,
      donationsWritten: n,
      copyMs,
      ratio: (t2 - t0) / copyMs,
    };
    console.log(`\n== import of ${ROWS.toLocaleString('en')} rows (${result.fileMiB.toFixed(1)} MiB XLSX)`);
    console.log(`upload + validation report: ${(result.uploadMs / 1000).toFixed(2)} s`);
    console.log(`commit (all rows, one transaction): ${(result.commitMs / 1000).toFixed(2)} s`);
    console.log(
      `CPU: upload ${uploadCpu.server.toFixed(1)} s server + ${uploadCpu.database.toFixed(1)} s PostgreSQL; commit ${commitCpu.server.toFixed(1)} s + ${commitCpu.database.toFixed(1)} s`,
    );
    console.log(`end to end: ${(result.totalMs / 1000).toFixed(2)} s (goal < 20 s); donations written: ${n}`);
    console.log(
      `server peak RSS: ${peak.toFixed(0)} MiB (${peakAfterUpload.toFixed(0)} MiB after the upload, ${rssBefore.toFixed(0)} MiB before; goal < 400 MiB)`,
    );
    console.log(
      `baseline COPY of the same rows into a plain table: ${(copyMs / 1000).toFixed(2)} s → import takes ${result.ratio.toFixed(1)}× COPY`,
    );
    return result;
  } finally {
    await pool.end();
    await server.stop();
    await scratch.drop();
  }
}
