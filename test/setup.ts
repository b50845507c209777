// Runs in every test file before its tests: the data source gets the TypeScript migrations as
// classes, since TypeORM's own file loading cannot import .ts files inside jest.
import { MIGRATIONS } from '../migrations/index.ts';
import { useMigrationClasses } from '../src/database/data-source.ts';

useMigrationClasses(MIGRATIONS);
