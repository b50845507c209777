import { AwardCategory, AwardRound, CommitteeMember } from '../awards/entities/award-round.entity.js';
import { Award, AwardPayment, AwardPaymentReturn, AwardRevocation } from '../awards/entities/award.entity.js';
import { Nomination, NominationRecusal, NominationReview } from '../awards/entities/nomination.entity.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DocumentRecord } from '../documents/entities/document.entity.js';
import { DonationImportRow } from '../donations/entities/donation-import-row.entity.js';
import { DonationImport } from '../donations/entities/donation-import.entity.js';
import { DonationVoid } from '../donations/entities/donation-void.entity.js';
import { Donation } from '../donations/entities/donation.entity.js';
import { Donor } from '../donations/entities/donor.entity.js';
import { ReceiptCounter } from '../donations/entities/receipt-counter.entity.js';
import { Fund } from '../ledger/entities/fund.entity.js';
import { IdempotencyKey } from '../ledger/entities/idempotency-key.entity.js';
import { JournalEntry } from '../ledger/entities/journal-entry.entity.js';
import { LedgerAccount } from '../ledger/entities/ledger-account.entity.js';
import { OpeningBalance } from '../ledger/entities/opening-balance.entity.js';
import { Posting } from '../ledger/entities/posting.entity.js';
import { AuditEntry } from '../audit/entities/audit-entry.entity.js';
import { AuthSession } from '../identity/entities/auth-session.entity.js';
import { RefreshToken } from '../identity/entities/refresh-token.entity.js';
import { RoleAssignment } from '../identity/entities/role-assignment.entity.js';
import { User } from '../identity/entities/user.entity.js';
import { ReferenceDataLoad } from '../units/entities/reference-data-load.entity.js';
import { UnitPopulation } from '../units/entities/unit-population.entity.js';
import { UnitSuccessor } from '../units/entities/unit-successor.entity.js';
import { UnitTreeStats } from '../units/entities/unit-tree-stats.entity.js';
import { Unit } from '../units/entities/unit.entity.js';
import { BackgroundJob } from '../jobs/entities/background-job.entity.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// `date` columns stay 'YYYY-MM-DD' strings: a calendar day has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Every entity of the application, listed (not globbed) so a missing one fails to compile. */
export const ENTITIES = [
  Unit,
  UnitSuccessor,
  UnitPopulation,
  UnitTreeStats,
  ReferenceDataLoad,
  User,
  RoleAssignment,
  AuthSession,
  RefreshToken,
  AuditEntry,
  Fund,
  LedgerAccount,
  JournalEntry,
  Posting,
  OpeningBalance,
  IdempotencyKey,
  Donor,
  Donation,
  DonationVoid,
  ReceiptCounter,
  DocumentRecord,
  BackgroundJob,
  DonationImport,
  DonationImportRow,
  AwardRound,
  CommitteeMember,
  AwardCategory,
  Nomination,
  NominationReview,
  NominationRecusal,
  Award,
  AwardPayment,
  AwardPaymentReturn,
  AwardRevocation,
];

const COMPILED_MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
let migrationClasses: Function[] | undefined;

/**
 * The built service loads the migrations compiled beside it (dist/src/database → dist/migrations;
 * a test's transpiled copy loads its own, never a stale dist/); under jest, TypeORM cannot import
 * .ts files, so test/setup.ts hands over the classes of migrations/index.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function useMigrationClasses(classes: Function[]): void {
  migrationClasses = classes;
}

/** The one DataSource definition, used by the service, the CLI (migrations) and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: migrationClasses ?? [join(COMPILED_MIGRATIONS, '[0-9]*-*.js')],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install at connect time.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    poolSize,
    extra: {
      connectionTimeoutMillis: 5000,
      // A lost connection must not hang a request forever.
      query_timeout: 60000,
    },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
