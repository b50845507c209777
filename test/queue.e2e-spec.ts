import { Queue } from 'bullmq';
import pino from 'pino';
import { createWorkerContext } from '../src/bootstrap.js';
import { SyncJobQueue } from '../src/queue/sync-job-queue.js';
import { JobQueue } from '../src/queue/job-queue.js';
import { JobName, QueueName } from '../src/queue/queue.constants.js';
import { startTestApp, TestApp, uniqueQueuePrefix, waitFor } from './helpers/test-app.js';

/** The unit-statistics job, end to end: enqueued by the API, run by a worker, visible over HTTP. */
describe('background jobs', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  async function statsOfHungYen(t: TestApp) {
    const api = await t.rootAdmin();
    const search = await api.get('/api/v1/units').query({ q: '33', kind: 'province' });
    const detail = await api.get(
      `/api/v1/units/${search.body.items.find((u: { code: string }) => u.code === '33').id}`,
    );
    return detail.body.stats as { communes: number; refreshedAt: string } | null;
  }

  it('runs on real Redis through BullMQ: an api process enqueues, a separate worker process consumes', async () => {
    const prefix = uniqueQueuePrefix();
    const api = await startTestApp({ role: 'api', queuePrefix: prefix });
    apps.push(api);
    expect(api.runtime.queueMode.driver).toBe('bullmq');
    const jobs = api.app.get(JobQueue);
    await api.runtime.dataSource.query('DELETE FROM unit_tree_stats');
    await jobs.enqueue(JobName.RefreshUnitStats, {}, { jobId: 'refresh-test' });

    // Nothing consumes in an api-only process: the job waits in Redis.
    const queue = new Queue(QueueName.Maintenance, {
      connection: { url: process.env.TEST_REDIS_URL },
      prefix,
    });
    try {
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
      // The same deterministic id again: still one job.
      await jobs.enqueue(JobName.RefreshUnitStats, {}, { jobId: 'refresh-test' });
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

      const worker = await createWorkerContext({ ...api.runtime, role: 'worker' });
      try {
        const stats = await waitFor(() => statsOfHungYen(api));
        expect(stats.communes).toBeGreaterThanOrEqual(104);
        await waitFor(async () => (await queue.getJobCounts('waiting', 'active')).waiting === 0);
      } finally {
        await worker.close();
      }
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('keeps a job that fails every attempt in the failed set, trimmed by age and count, and logs it as an error', async () => {
    const prefix = uniqueQueuePrefix();
    const logs: { level: number; context?: string; jobId?: string; job?: string; reason?: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const t = await startTestApp({ queuePrefix: prefix, logger });
    apps.push(t);
    const queue = new Queue(QueueName.Documents, { connection: { url: process.env.TEST_REDIS_URL }, prefix });
    try {
      // A real job whose data makes it fail: not a UUID, so PostgreSQL refuses the receipt's query.
      await t.app
        .get(JobQueue)
        .enqueue(JobName.RenderReceipt, { donationId: 'not-a-uuid' }, { jobId: 'broken' });
      await waitFor(async () => (await queue.getJobState('broken')) === 'failed', 20_000);
      const job = (await queue.getJob('broken'))!;
      expect(job.attemptsMade).toBe(3);
      expect(job.failedReason).toMatch(/uuid/);
      expect(job.opts.removeOnComplete).toEqual({ age: 3600, count: 1000 });
      expect(job.opts.removeOnFail).toEqual({ age: 7 * 86_400, count: 5000 });
      // Two retries are warnings; the last attempt is an error naming the job, its id and why.
      const records = logs.filter((r) => r.context === 'Jobs' && r.jobId === 'broken');
      expect(records.map((r) => r.level)).toEqual([40, 40, 50]);
      expect(records[2]).toMatchObject({ job: JobName.RenderReceipt, reason: expect.stringMatching(/uuid/) });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 40_000);

  it('runs in-process through the same handler when there is no Redis', async () => {
    const t = await startTestApp({ queue: 'in-process' });
    apps.push(t);
    const jobs = t.app.get(JobQueue);
    expect(jobs.mode).toBe('in-process');
    await t.runtime.dataSource.query('DELETE FROM unit_tree_stats');
    await jobs.enqueue(JobName.RefreshUnitStats, {});
    // Ids BullMQ would refuse are refused here too.
    await expect(jobs.enqueue(JobName.RefreshUnitStats, {}, { jobId: 'a:b' })).rejects.toThrow(
      'cannot contain',
    );
    // In the background, one job at a time: wait for it to have run.
    await (jobs as SyncJobQueue).idle();
    const stats = await statsOfHungYen(t);
    expect(stats?.communes).toBeGreaterThanOrEqual(104);
  });
});
