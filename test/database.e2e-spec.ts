import { createDataSource } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';
import { pendingSchemaChanges } from '../src/database/schema-check.js';
import { createScratchDatabase } from '../src/database/scratch-database.js';
import { loadReferenceData } from '../src/units/reference-data/reference-data.loader.js';

const server = () => process.env.TEST_DATABASE_URL!;

describe('schema and reference data', () => {
  it('entities and migrations agree (what `npm run migration:check` enforces)', async () => {
    await expect(pendingSchemaChanges(server())).resolves.toEqual({ up: [], down: [] });
  });

  it('migrates up, down to nothing, and up again; concurrent starts migrate once', async () => {
    const scratch = await createScratchDatabase(server(), 'khuyenhoc_test_migrate');
    const a = createDataSource(scratch.url, 2);
    const b = createDataSource(scratch.url, 2);
    try {
      await Promise.all([a.initialize(), b.initialize()]);
      const [first, second] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect([...first, ...second]).toHaveLength(a.migrations.length);
      for (let i = 0; i < a.migrations.length; i++) await a.undoLastMigration();
      const tables = await a.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      expect(tables).toEqual([{ tablename: 'migrations' }]);
      expect(await runMigrations(a)).toHaveLength(a.migrations.length);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
      await scratch.drop();
    }
  });

  it('loads the real units once, and loading again changes nothing', async () => {
    const scratch = await createScratchDatabase(server(), 'khuyenhoc_test_seed');
    const ds = createDataSource(scratch.url, 2);
    try {
      await ds.initialize();
      await runMigrations(ds);
      const first = await loadReferenceData(ds);
      expect(first).toMatchObject({ loaded: true, unitsCreated: 197, populationsCreated: 43 });
      const snapshot = async () => ({
        units: await ds.query('SELECT id, code, name, path, valid_from, valid_to FROM units ORDER BY id'),
        populations: await ds.query(
          'SELECT unit_id, year, population, source FROM unit_populations ORDER BY 1, 2',
        ),
        successors: await ds.query('SELECT predecessor_id, successor_id FROM unit_successors ORDER BY 1, 2'),
      });
      const before = await snapshot();
      expect(await loadReferenceData(ds)).toMatchObject({ loaded: false });
      expect(await loadReferenceData(ds, { force: true })).toMatchObject({
        unitsCreated: 0,
        populationsCreated: 0,
      });
      expect(await snapshot()).toEqual(before);

      const count = async (sql: string) => Number((await ds.query(sql))[0].n);
      expect(
        await count(`SELECT count(*) n FROM units WHERE kind = 'province' AND valid_from = '2025-07-01'`),
      ).toBe(34);
      expect(
        await count(
          `SELECT count(*) n FROM units c JOIN units p ON p.id = c.parent_id WHERE p.code = '33' AND c.kind = 'commune'`,
        ),
      ).toBe(104);
      expect(
        await count(`SELECT count(*) n FROM units c JOIN units p ON p.id = c.parent_id WHERE p.code = '34'`),
      ).toBe(8);
      expect(await count(`SELECT count(*) n FROM unit_successors`)).toBe(50);
      // Every successor link goes from a unit that ended on 30 June 2025 to one that began on 1 July.
      expect(
        await count(
          `SELECT count(*) n FROM unit_successors s JOIN units a ON a.id = s.predecessor_id JOIN units b ON b.id = s.successor_id
            WHERE a.valid_to <> '2025-06-30' OR b.valid_from <> '2025-07-01'`,
        ),
      ).toBe(0);
      // Names are stored NFC.
      expect(await count(`SELECT count(*) n FROM units WHERE name <> normalize(name, NFC)`)).toBe(0);
    } finally {
      await ds.destroy();
      await scratch.drop();
    }
  });
});

describe('migrations/index.ts', () => {
  it('lists every migration file, so tests run the same migrations as the service', async () => {
    const { readdirSync } = await import('node:fs');
    const { MIGRATIONS } = await import('../migrations/index.js');
    const files = readdirSync('migrations').filter((f) => /^\d+-\w+\.ts$/.test(f));
    expect(MIGRATIONS.map((m) => m.name).sort()).toEqual(
      files.map((f) => f.replace(/^(\d+)-(\w+)\.ts$/, '$2$1')).sort(),
    );
  });
});
