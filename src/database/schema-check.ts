import { createDataSource } from './data-source.js';
import { createScratchDatabase } from './scratch-database.js';

/**
 * Applies every migration to an empty scratch database beside `url`, then asks TypeORM what
 * the entities would still need. Empty means entities and migrations agree.
 */
export async function pendingSchemaChanges(url: string): Promise<{ up: string[]; down: string[] }> {
  const scratch = await createScratchDatabase(url, 'khuyenhoc_schema_check');
  const dataSource = createDataSource(scratch.url, 2);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await scratch.drop();
  }
}
