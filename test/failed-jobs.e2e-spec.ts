import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { ReceiptJob } from '../src/donations/receipt.job.js';
import { JobsRepository } from '../src/jobs/jobs.repository.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { createFixtureTree, FixtureTree } from './helpers/fixture-tree.js';
import { startTestApp, TestApp, TestUser, waitFor } from './helpers/test-app.js';

/** Work that fails for good is said so (409 JOB_FAILED with the reason), not "still being made". */
describe('jobs that failed for good', () => {
  let t: TestApp;
  let tree: FixtureTree;
  let treasurerUser: TestUser;
  let treasurer: TestAgent;

  beforeAll(async () => {
    // Renders documents in this process: a receipt's job runs (and fails) right after the commit.
    t = await startTestApp({ queue: 'in-process', env: { RENDER_DOCUMENTS: 'true' } });
    tree = await createFixtureTree(await t.rootAdmin());
    treasurerUser = await t.createUser(tree.district, [{ unitId: tree.district, role: 'treasurer' }]);
    treasurer = await t.as(treasurerUser);
  });
  afterAll(() => t.close());

  it('answers 409 JOB_FAILED with the reason for a job result whose job failed for good', async () => {
    const { job } = await t.app.get(JobsRepository).startOrJoin({
      kind: 'certificates',
      subjectId: randomUUID(),
      unitId: tree.district,
      resultName: 'giay-chung-nhan.zip',
      createdBy: treasurerUser.id,
    });
    const jobs = t.app.get(JobsService);
    const pending = await treasurer.get(`/api/v1/jobs/${job.id}/result`);
    expect([pending.status, pending.headers['retry-after']]).toEqual([202, '2']);

    await jobs.fail(job.id, 'Không hoàn thành sau nhiều lần thử; vui lòng chạy lại.');
    const failed = await treasurer.get(`/api/v1/jobs/${job.id}/result`);
    expect(failed.status).toBe(409);
    expect(failed.headers['retry-after']).toBeUndefined();
    expect(failed.body).toMatchObject({
      code: 'JOB_FAILED',
      message: 'Tác vụ đã thất bại: Không hoàn thành sau nhiều lần thử; vui lòng chạy lại.',
    });
  });

  it('answers 409 JOB_FAILED for a receipt whose render failed for good, and serves it once a retry succeeds', async () => {
    const fund = await treasurer
      .post('/api/v1/funds')
      .send({ unitId: tree.commune, name: 'Quỹ khuyến học xã', kind: 'general' });
    const receipts = t.app.get(ReceiptJob);
    const broken = jest.spyOn(receipts, 'render').mockRejectedValue(new Error('font file unreadable'));
    let donationId: string;
    try {
      const made = await treasurer
        .post('/api/v1/donations')
        .set('Idempotency-Key', randomUUID())
        .send({
          fundId: fund.body.id,
          amount: 1_250_000,
          method: 'cash',
          receivedOn: '2026-09-05',
          donor: { kind: 'person', name: 'Nguyễn Thị Hằng' },
        });
      expect(made.status).toBe(201);
      donationId = made.body.id;
      const [row] = await waitFor(async () => {
        const rows = await t.runtime.dataSource.query(
          `SELECT status, error FROM documents WHERE kind = 'receipt' AND subject_id = $1 AND status = 'failed'`,
          [donationId],
        );
        return rows.length > 0 && rows;
      });
      expect(row.error).toContain('phiếu thu');
      // Every attempt was made (3 in process) before giving up.
      expect(broken).toHaveBeenCalledTimes(3);

      const res = await treasurer.get(`/api/v1/donations/${donationId}/receipt`);
      expect(res.status).toBe(409);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(res.body.code).toBe('JOB_FAILED');
      expect(res.body.message).toContain('không tạo được tệp PDF của phiếu thu');
    } finally {
      broken.mockRestore();
    }
    // A retry of the job (as from /admin/queues) that succeeds makes the receipt downloadable.
    await receipts.handle({ donationId }, { final: true });
    const ok = await treasurer.get(`/api/v1/donations/${donationId}/receipt`);
    expect([ok.status, ok.headers['content-type']]).toEqual([200, 'application/pdf']);
  });
});
