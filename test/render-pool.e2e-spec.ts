import { documentFonts } from '../src/documents/fonts.js';
import { RenderPool } from '../src/documents/render/render-pool.js';
import { type RenderRequest, renderPdf } from '../src/documents/render/renderers.js';
import { compiledProject } from './helpers/compiled-project.js';

const receipt = (n: number): RenderRequest => ({
  template: 'receipt',
  link: `http://localhost:3000/verify/CODE${n}`,
  view: {
    unit: { name: 'Xã Vũ Thư', address: 'Thôn Đông' },
    book: '2026',
    number: String(n).padStart(6, '0'),
    code: 'ABCD-EFGH-JKMN',
    receivedOn: '2026-09-05',
    payer: { name: 'Nguyễn Thị Hằng', address: null },
    reason: 'Ủng hộ quỹ khuyến học',
    fundName: 'Quỹ khuyến học',
    amount: 1_000 * n,
    method: 'cash',
    reference: null,
    inKindDescription: null,
    treasurerName: 'Trần Văn Quỹ',
    void: null,
    copy: false,
  },
});

describe('rendering in worker threads', () => {
  let pool: RenderPool;

  beforeAll(() => {
    pool = new RenderPool({ renderThreads: 2 }, compiledProject().renderThread);
  });
  afterAll(() => pool.onApplicationShutdown());

  it('renders in two threads, byte for byte what the calling thread renders', async () => {
    expect(pool.size).toBe(2);
    const requests = Array.from({ length: 12 }, (_, i) => receipt(i + 1));
    const threaded = await Promise.all(requests.map((r) => pool.render(r)));
    expect(pool['threads'].length).toBe(2);
    for (const [i, request] of requests.entries()) {
      expect(threaded[i].equals(await renderPdf(request, documentFonts()))).toBe(true);
    }
  });

  it('fails the document of a thread that dies, and goes on with a new thread', async () => {
    const doomed = pool.render(receipt(99));
    await pool['threads'][0].worker.terminate();
    const outcomes = await Promise.allSettled([doomed, pool.render(receipt(98)), pool.render(receipt(97))]);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed.length).toBeLessThanOrEqual(1);
    expect(outcomes.slice(1).every((o) => o.status === 'fulfilled')).toBe(true);
    expect((await pool.render(receipt(96))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pool['threads'].length).toBe(2);
  });
});
