import { createDataSource } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';
import { pendingSchemaChanges } from '../src/database/schema-check.js';
import { createScratchDatabase } from '../src/database/scratch-database.js';
import { loadReferenceData } from '../src/units/reference-data/reference-data.loader.js';
import { PopulationCitations1795700000030 } from '../migrations/1795700000030-PopulationCitations.js';

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

describe('population sources', () => {
  it('shows people a citation (the resolution or release and its date) and keeps the development notes apart, in new and migrated databases', async () => {
    const scratch = await createScratchDatabase(server(), 'khuyenhoc_test_citations');
    const ds = createDataSource(scratch.url, 2);
    try {
      await ds.initialize();
      await runMigrations(ds);
      await loadReferenceData(ds);
      const populations = () =>
        ds.query(
          `SELECT u.code, p.year, p.source, p.note, p.provenance FROM unit_populations p
             JOIN units u ON u.id = p.unit_id ORDER BY u.code, p.year`,
        ) as Promise<
          { code: string; year: number; source: string; note: string | null; provenance: string }[]
        >;
      const loaded = await populations();
      expect(loaded).toHaveLength(43);
      for (const row of loaded) {
        // Vietnamese, no web address, no file or package names, no notes in English.
        expect([row.code, row.source]).not.toEqual([
          row.code,
          expect.stringMatching(/https?:|\.md\b|\.py\b/),
        ]);
        expect([row.code, row.source]).not.toEqual([
          row.code,
          expect.stringMatching(/bag_shop|countries-dictionary|figure|infobox|metadata|same value/i),
        ]);
        expect([row.code, row.note]).not.toEqual([
          row.code,
          expect.stringMatching(/infobox|body text|census/i),
        ]);
        expect(row.provenance).toBeTruthy();
      }
      const byCode = (code: string) => loaded.find((r) => r.code === code)!;
      expect(byCode('33')).toMatchObject({
        source: 'Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh',
        provenance: expect.stringContaining('bag_shop NQ-202 table'),
      });
      expect(byCode('01').note).toBe('Nguồn khác: 8.718.000 người (sapnhap.bando.com.vn)');
      expect(byCode('344')).toMatchObject({
        year: 2009,
        source: 'Wikipedia tiếng Việt, bài “Vũ Thư” (số liệu năm 2009)',
        note: null,
        provenance: expect.stringContaining('body text says 2007'),
      });

      // A database loaded before the citations: the migration's down() puts it back as it was,
      // its up() then gives it what a new database gets.
      const runner = ds.createQueryRunner();
      try {
        await new PopulationCitations1795700000030().down(runner);
        const old = await ds.query(
          `SELECT p.source, p.note FROM unit_populations p JOIN units u ON u.id = p.unit_id WHERE u.code IN ('01', '33')
            ORDER BY u.code`,
        );
        expect(old).toEqual([
          {
            source: expect.stringMatching(/^en\.wikipedia /),
            note: 'Nguồn khác: 8718000 (sapnhap.bando.com.vn)',
          },
          { source: expect.stringContaining('bag_shop NQ-202 table'), note: null },
        ]);
        // A figure someone entered meanwhile keeps its source.
        await ds.query(
          `UPDATE unit_populations SET source = 'UBND tỉnh, báo cáo dân số 2025' WHERE unit_id = (SELECT id FROM units WHERE code = '04')`,
        );
        await new PopulationCitations1795700000030().up(runner);
      } finally {
        await runner.release();
      }
      const migrated = await populations();
      expect(migrated.find((r) => r.code === '04')).toMatchObject({
        source: 'UBND tỉnh, báo cáo dân số 2025',
        provenance: null,
      });
      expect(migrated.filter((r) => r.code !== '04')).toEqual(loaded.filter((r) => r.code !== '04'));
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
