// Subtree and ancestor queries on a generated national tree (34 provinces,
// 3,321 communes, 35,000 branches), materialised path beside the naive recursive CTE on
// parent_id, measured in the same process, interleaved, on a fresh scratch database.
import 'reflect-metadata';
import { join } from 'node:path';
import { MIGRATIONS } from '../../migrations/index.js';
import { projectRoot } from '../../src/common/project-root.js';
import { createDataSource, useMigrationClasses } from '../../src/database/data-source.js';
import { runMigrations } from '../../src/database/migrate.js';
import { createScratchDatabase } from '../../src/database/scratch-database.js';
import { generateNationalTree } from './national-tree.js';
import { writeFile } from './results.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = 30;

interface Method {
  name: string;
  run(target: string): Promise<number>;
}
interface Scenario {
  name: string;
  targets: string[];
  candidate: Method;
  baseline: Method;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function benchUnitsTree(serverUrl: string): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, 'khuyenhoc_bench');
  useMigrationClasses(MIGRATIONS);
  const ds = createDataSource(scratch.url, 2);
  try {
    await ds.initialize();
    await runMigrations(ds);
    const started = Date.now();
    const counts = await generateNationalTree(ds);
    console.log(
      `generated ${counts.units} units (${counts.provinces} provinces, ${counts.communes} communes, ` +
        `${counts.branches} branches) in ${Date.now() - started} ms`,
    );
    const ids = async (kind: string, n: number) =>
      (await ds.query(`SELECT id FROM units WHERE kind = $1 ORDER BY random() LIMIT $2`, [kind, n])).map(
        (r: { id: string }) => r.id,
      );
    const subtreeByPath: Method = {
      name: 'materialised path',
      async run(id) {
        // A range on the C-collated path: an index range scan, with the prefix known only at run time.
        const rows = await ds.query(
          `SELECT u.id FROM units p JOIN units u ON u.path >= p.path AND u.path < p.path || '~' WHERE p.id = $1`,
          [id],
        );
        return rows.length;
      },
    };
    const subtreeByCte: Method = {
      name: 'recursive CTE (baseline)',
      async run(id) {
        const rows = await ds.query(
          `WITH RECURSIVE t AS (SELECT id FROM units WHERE id = $1
             UNION ALL SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t`,
          [id],
        );
        return rows.length;
      },
    };
    const ancestorsByPath: Method = {
      name: 'materialised path',
      async run(id) {
        const rows = await ds.query(
          `SELECT a.id, a.code, a.name FROM units b
             JOIN units a ON a.id = ANY(string_to_array(trim(both '/' from b.path), '/')::uuid[]) AND a.id <> b.id
            WHERE b.id = $1`,
          [id],
        );
        return rows.length;
      },
    };
    const ancestorsByCte: Method = {
      name: 'recursive CTE (baseline)',
      async run(id) {
        const rows = await ds.query(
          `WITH RECURSIVE t AS (SELECT id, parent_id, code, name FROM units WHERE id = $1
             UNION ALL SELECT u.id, u.parent_id, u.code, u.name FROM units u JOIN t ON u.id = t.parent_id)
           SELECT id, code, name FROM t WHERE id <> $1`,
          [id],
        );
        return rows.length;
      },
    };

    const scenarios: Scenario[] = [
      {
        name: 'subtree of the nation',
        targets: await ids('national', 1),
        candidate: subtreeByPath,
        baseline: subtreeByCte,
      },
      {
        name: 'subtree of a province',
        targets: await ids('province', 34),
        candidate: subtreeByPath,
        baseline: subtreeByCte,
      },
      {
        name: 'subtree of a commune',
        targets: await ids('commune', 200),
        candidate: subtreeByPath,
        baseline: subtreeByCte,
      },
      {
        name: 'ancestors of a branch',
        targets: await ids('branch', 200),
        candidate: ancestorsByPath,
        baseline: ancestorsByCte,
      },
    ];

    const results = [];
    for (const s of scenarios) {
      const times = { candidate: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        const target = s.targets[i % s.targets.length];
        // Alternate which goes first, so neither always meets a warmer cache.
        const order: ('candidate' | 'baseline')[] =
          i % 2 ? ['candidate', 'baseline'] : ['baseline', 'candidate'];
        const found: number[] = [];
        for (const which of order) {
          const t0 = process.hrtime.bigint();
          found.push(await s[which].run(target));
          if (i >= WARMUP) times[which].push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        if (found[0] !== found[1])
          throw new Error(`${s.name}: the two methods disagree (${found.join(' vs ')})`);
      }
      const stat = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
      };
      const c = stat(times.candidate);
      const b = stat(times.baseline);
      results.push({
        scenario: s.name,
        iterations: ITERATIONS,
        candidate: { method: s.candidate.name, medianMs: c.median, p95Ms: c.p95 },
        baseline: { method: s.baseline.name, medianMs: b.median, p95Ms: b.p95 },
        speedup: b.median / c.median,
      });
    }

    const fmt = (n: number) => n.toFixed(3).padStart(9);
    console.log('\n== unit tree: materialised path vs recursive CTE');
    console.log(
      `${'scenario'.padEnd(24)} ${'method'.padEnd(26)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)}  ratio`,
    );
    for (const r of results) {
      console.log(
        `${r.scenario.padEnd(24)} ${r.candidate.method.padEnd(26)} ${fmt(r.candidate.medianMs)} ${fmt(r.candidate.p95Ms)}  ${r.speedup.toFixed(1)}× faster`,
      );
      console.log(
        `${''.padEnd(24)} ${r.baseline.method.padEnd(26)} ${fmt(r.baseline.medianMs)} ${fmt(r.baseline.p95Ms)}  1.0`,
      );
    }
    const file = join(projectRoot(), 'bench-results', 'units-tree.json');
    writeFile(file, JSON.stringify({ at: new Date().toISOString(), tree: counts, results }, null, 2));
    console.log(`\nwrote ${file}`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await scratch.drop();
  }
}
