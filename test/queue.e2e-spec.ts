import { Queue } from 'bullmq';
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
