import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type TestAgent from 'supertest/lib/agent.js';
import { todayInVietnam } from '../src/common/dates.js';
import { DocumentsService } from '../src/documents/documents.service.js';
import { compiledProject } from './helpers/compiled-project.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, uniqueQueuePrefix, waitFor, rawBody } from './helpers/test-app.js';

const TODAY = todayInVietnam();

/** A TCP gate in front of the real Redis: cut it and Redis is gone for the app; open it and it is back. */
class RedisGate {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    const upstream = new URL(process.env.TEST_REDIS_URL!);
    this.server = net.createServer((client) => {
      const redis = net.connect(Number(upstream.port || 6379), upstream.hostname);
      for (const s of [client, redis]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          redis.destroy();
        });
      }
      client.pipe(redis).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server!.close(resolve));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe('documents when things fail', () => {
  let t: TestApp;
  let tree: FixtureTree;
  const prefix = uniqueQueuePrefix();
  const gate = new RedisGate();

  beforeAll(async () => {
    await gate.open();
    // An app that consumes its own queue through the gate; the sweep runs every second for
    // documents pending a second or more.
    t = await startTestApp({
      queuePrefix: prefix,
      env: {
        REDIS_URL: `redis://127.0.0.1:${gate.port}`,
        RENDER_DOCUMENTS: 'true',
        DOCUMENT_SWEEP_SECONDS: '1',
        DOCUMENT_SWEEP_AFTER_SECONDS: '1',
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      },
    });
    tree = await createFixtureTree(await t.rootAdmin());
  });
  afterAll(async () => {
    await t.close();
    await gate.cut().catch(() => undefined);
  });

  const status = async (ids: string[]) =>
    (
      await t.runtime.dataSource.query(
        `SELECT status FROM documents WHERE kind = 'receipt' AND subject_id = ANY($1::uuid[])`,
        [ids],
      )
    ).map((r: { status: string }) => r.status);

  it('records donations while Redis is down; once it is back, every receipt is made', async () => {
    const treasurer = await t.as(
      await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
    );
    const fund = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' });

    await gate.cut();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await treasurer
        .post('/api/v1/donations')
        .set('Idempotency-Key', randomUUID())
        .send({
          fundId: fund.body.id,
          amount: 100_000 * (i + 1),
          method: 'cash',
          receivedOn: '2026-09-05',
          donor: { kind: 'person', name: `Nhà hảo tâm ${i + 1}` },
        });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(await status(ids)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);

    await gate.open();
    await waitFor(async () => (await status(ids)).every((s: string) => s === 'ready'), 60_000);
    for (const id of ids) {
      const pdf = await treasurer.get(`/api/v1/donations/${id}/receipt`).buffer(true);
      expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    }
  }, 90_000);

  describe('a worker killed in the middle of a round’s certificates', () => {
    const AWARDS = 120;
    let worker: ChildProcess | undefined;
    afterEach(() => {
      worker?.kill('SIGKILL');
    });

    /** A worker process of the built service on this app's database, queues and files. */
    function startWorker(): ChildProcess {
      const child = spawn(process.execPath, [compiledProject().main, 'worker'], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: process.env.TEST_DATABASE_URL,
          REDIS_URL: process.env.TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          DOCUMENTS_DIR: t.runtime.config.documentsDir,
          MIGRATIONS_RUN: 'false',
          REFERENCE_DATA_LOAD: 'false',
          DOCUMENT_SWEEP_SECONDS: '0',
          RENDER_THREADS: '1',
          // A dead worker's job is handed on within seconds, not a minute.
          QUEUE_LOCK_SECONDS: '2',
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
      return child;
    }

    /** A round at the commune with AWARDS awards decided and paid through the signed list. */
    async function paidRound(committee: TestAgent, committeeId: string, treasurer: TestAgent) {
      const money = (agent: TestAgent, url: string, body: object) =>
        agent.post(url).set('Idempotency-Key', randomUUID()).send(body);
      const fund = await treasurer
        .post('/api/v1/funds')
        .send({ unitId: tree.commune, name: 'Quỹ học bổng', kind: 'general' });
      await money(treasurer, `/api/v1/funds/${fund.body.id}/opening-balance`, {
        amount: AWARDS * 500_000,
        asOf: '2025-12-31',
        reference: 'Sổ quỹ',
      });
      const round = await committee.post('/api/v1/award-rounds').send({
        unitId: tree.commune,
        fundId: fund.body.id,
        title: 'Học bổng thử nghiệm',
        period: '2026',
        budget: AWARDS * 500_000,
        nominationOpensOn: '2026-01-01',
        nominationClosesOn: TODAY,
        approvalsRequired: 1,
        committee: [{ userId: committeeId, role: 'chair' }],
        categories: [{ name: 'Học sinh giỏi', recipientType: 'student', amount: 500_000, quota: AWARDS }],
      });
      expect(round.status).toBe(201);
      await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'open' });
      // Nominations and the chair's approvals written directly: the subject here is the certificates.
      const rows: { id: string }[] = await t.runtime.dataSource.query(
        `INSERT INTO nominations (id, round_id, category_id, unit_id, full_name, search_name, birth_date, gender,
                                  school, class_name, guardian_name, consent_guardian, consent_child, created_by)
         SELECT gen_random_uuid(), $1, $2, $3, 'Trần Văn ' || i, 'tran van ' || i, DATE '2010-01-01' + i,
                'male', 'Trường THCS Thử', '8A', 'Trần Văn Bố', true, true, $4
           FROM generate_series(1, $5) i RETURNING id`,
        [round.body.id, round.body.categories[0].id, tree.commune, committeeId, AWARDS],
      );
      await t.runtime.dataSource.query(
        `INSERT INTO nomination_reviews (nomination_id, member_id, vote, score)
         SELECT id, $2, 'approve', 9 FROM nominations WHERE round_id = $1`,
        [round.body.id, committeeId],
      );
      await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'review' });
      const decided = await money(committee, `/api/v1/award-rounds/${round.body.id}/decision`, {
        number: '7/QĐ-HKH',
        date: TODAY,
        approved: rows.map((r) => r.id),
      });
      expect(decided.status).toBe(201);
      await money(committee, `/api/v1/award-rounds/${round.body.id}/transitions`, { to: 'paying' });
      const list = await treasurer
        .get(`/api/v1/award-rounds/${round.body.id}/payment-list`)
        .buffer(true)
        .parse(rawBody);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(list.body);
      const sheet = book.worksheets[0];
      for (let row = 2; row <= sheet.rowCount; row++) {
        sheet.getRow(row).getCell(10).value = 'x';
        sheet.getRow(row).getCell(11).value = 'Người giám hộ';
      }
      const paid = await treasurer
        .post(`/api/v1/award-rounds/${round.body.id}/payment-list`)
        .set('Idempotency-Key', randomUUID())
        .field('paidOn', TODAY)
        .field('handedOverBy', 'Lê Văn Trao')
        .attach('file', Buffer.from(await book.xlsx.writeBuffer()), 'ky-nhan.xlsx');
      expect(paid.status).toBe(201);
      return round.body.id as string;
    }

    it('resumes after a restart: every certificate exists exactly once, and the ZIP holds each', async () => {
      // An api process only (no worker of its own, no sweep): a worker process does the batch.
      await t.close();
      t = await startTestApp({ role: 'api', queuePrefix: prefix });
      const committeeUser = await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'committee' }]);
      const committee = await t.as(committeeUser);
      const treasurer = await t.as(
        await t.createUser(tree.commune, [{ unitId: tree.commune, role: 'treasurer' }]),
      );
      const roundId = await paidRound(committee, committeeUser.id, treasurer);

      worker = startWorker();
      const started = await committee.post(`/api/v1/award-rounds/${roundId}/certificates`);
      expect(started.status).toBe(202);
      const job = () => committee.get(`/api/v1/jobs/${started.body.id}`).then((r) => r.body);
      const partly = await waitFor(async () => {
        const j = await job();
        return j.done > 0 && j;
      }, 60_000);
      worker.kill('SIGKILL');
      await new Promise((r) => worker!.once('exit', r));
      expect(partly.done).toBeLessThan(AWARDS);

      worker = startWorker();
      const done = await waitFor(async () => {
        const j = await job();
        return j.status === 'done' && j;
      }, 60_000);
      expect(done).toMatchObject({ total: AWARDS, done: AWARDS, failed: 0 });

      const documents = await t.runtime.dataSource.query(
        `SELECT d.subject_id AS id, d.status, d.sha256 FROM documents d
           JOIN awards a ON a.id = d.subject_id WHERE d.kind = 'certificate' AND a.round_id = $1`,
        [roundId],
      );
      expect(documents).toHaveLength(AWARDS);
      const files = t.app.get(DocumentsService);
      for (const d of documents) {
        expect(d.status).toBe('ready');
        const file = readFileSync(files.path('certificate', d.id));
        expect(createHash('sha256').update(file).digest('hex')).toBe(d.sha256);
      }
      const zipped = await committee.get(done.result.url).buffer(true).parse(rawBody);
      const zip = await JSZip.loadAsync(zipped.body as Buffer);
      const entries = Object.values(zip.files);
      expect(entries).toHaveLength(AWARDS);
      const hashes = new Set(documents.map((d: { sha256: string }) => d.sha256));
      for (const entry of entries) {
        const bytes = await entry.async('nodebuffer');
        expect(hashes.has(createHash('sha256').update(bytes).digest('hex'))).toBe(true);
      }
    }, 180_000);
  });
});
