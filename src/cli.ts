import 'reflect-metadata';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from './common/project-root.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseUnreachableError, resolveDatabase } from './database/connect.js';
import { createDataSource } from './database/data-source.js';
import { runMigrations, withSchemaLock } from './database/migrate.js';
import { pendingSchemaChanges } from './database/schema-check.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { systemContext } from './audit/audit.types.js';
import { AppError } from './common/errors.js';
import { IdentityRepository } from './identity/identity.repository.js';
import { verifyReports } from './reports/reports-verifier.js';
import { verifyLedger } from './ledger/ledger-verifier.js';
import { generatePassword, normaliseUsername } from './identity/passwords.js';
import { ROLE_NAMES, RoleName } from './identity/roles.js';
import { UsersService } from './identity/users.service.js';
import { loadReferenceData } from './units/reference-data/reference-data.loader.js';

interface Command {
  summary: string;
  run(dataSource: DataSource, args: string[], url: string): Promise<number>;
}

const log = (message: string) => console.log(message);

/** `--name value` pairs; a flag given twice keeps the last value. */
function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) out[args[i].slice(2)] = args[i + 1] ?? '';
    if (args[i].startsWith('--')) i++;
  }
  return out;
}

function usersService(dataSource: DataSource): UsersService {
  return new UsersService(
    new IdentityRepository(dataSource),
    new AuditService(new AuditRepository(dataSource)),
  );
}

/** A unit by official code (the one valid today, else the latest) or by id. */
async function findUnit(
  dataSource: DataSource,
  ref: string,
): Promise<{ id: string; name: string } | undefined> {
  const [unit] = await dataSource.query(
    `SELECT id, name FROM units WHERE code = $1 OR id::text = $1
      ORDER BY (valid_to IS NULL) DESC, valid_to DESC NULLS FIRST LIMIT 1`,
    [ref],
  );
  return unit;
}

/** The password from the PASSWORD environment variable, or a generated one (then printed). */
function chosenPassword(): { password: string; generated: boolean } {
  const fromEnv = process.env.PASSWORD;
  return fromEnv
    ? { password: fromEnv, generated: false }
    : { password: generatePassword(), generated: true };
}

function explain(error: unknown): number {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.message}${error.fields.map((f) => `\n  ${f.field}: ${f.message}`).join('')}`);
  return 1;
}

/** Rewrites migrations/index.ts to list every migration file in order (jest loads them from it). */
function writeMigrationIndex(): void {
  const dir = join(projectRoot(), 'migrations');
  const files = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => {
    const name = /export class (\w+)/.exec(readFileSync(join(dir, f), 'utf8'))?.[1];
    if (!name) throw new Error(`no exported class in migrations/${f}`);
    return { name, module: f.replace(/\.ts$/, '.js') };
  });
  writeFileSync(
    join(dir, 'index.ts'),
    '// Every migration, in order. Written by `npm run migration:generate`; jest hands these classes\n' +
      '// to the data source (test/setup.ts), while the built service loads dist/migrations/<timestamp>-*.js.\n' +
      classes.map((c) => `import { ${c.name} } from './${c.module}';\n`).join('') +
      `\nexport const MIGRATIONS = [${classes.map((c) => c.name).join(', ')}];\n`,
  );
}

const commands: Record<string, Command> = {
  'migration:run': {
    summary: 'apply pending migrations',
    async run(dataSource) {
      const applied = await runMigrations(dataSource);
      log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
      return 0;
    },
  },
  'migration:revert': {
    summary: 'revert the most recent migration',
    async run(dataSource) {
      await withSchemaLock(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
      log('Reverted the last migration.');
      return 0;
    },
  },
  'migration:check': {
    summary: 'fail when the entities and the migrations disagree',
    async run(_dataSource, _args, url) {
      const { up } = await pendingSchemaChanges(url);
      if (up.length === 0) {
        log('Entities and migrations agree.');
        return 0;
      }
      console.error('Entities and migrations disagree; a migration would need:\n' + up.join(';\n') + ';');
      return 1;
    },
  },
  'migration:generate': {
    summary: 'write migrations/<timestamp>-<Name>.ts from the entity changes (review it!)',
    async run(_dataSource, args, url) {
      const name = args[0];
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        console.error('Usage: npm run migration:generate -- <PascalCaseName>');
        return 2;
      }
      const { up, down } = await pendingSchemaChanges(url);
      if (up.length === 0) {
        log('No changes: entities and migrations agree.');
        return 0;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const body = (queries: string[]) =>
        queries.map((q) => `    await queryRunner.query(\`${q.replace(/[`\\]/g, '\\$&')}\`);`).join('\n');
      const file = join(projectRoot(), 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
          `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
          `  public async up(queryRunner: QueryRunner): Promise<void> {\n${body(up)}\n  }\n\n` +
          `  public async down(queryRunner: QueryRunner): Promise<void> {\n${body(down)}\n  }\n}\n`,
      );
      writeMigrationIndex();
      log(`Wrote ${file} and migrations/index.ts; review the SQL before committing.`);
      return 0;
    },
  },
  'migration:show': {
    summary: 'list migrations and whether each is applied',
    async run(dataSource) {
      const pending = await dataSource.showMigrations();
      log(pending ? 'There are pending migrations.' : 'All migrations are applied.');
      return 0;
    },
  },
  'user:create': {
    summary:
      'create a user: --username u --name "Họ Tên" --unit <code|id> --role admin|treasurer|committee|viewer (PASSWORD from env, else generated)',
    async run(dataSource, args) {
      const f = flags(args);
      const unit = f.unit ? await findUnit(dataSource, f.unit) : undefined;
      const role = f.role as RoleName;
      if (!f.username || !f.name || !unit || !ROLE_NAMES.includes(role)) {
        console.error(
          !unit && f.unit
            ? `No unit with code or id ${f.unit}.`
            : 'Usage: npm run cli -- user:create --username u --name "Họ Tên" --unit <code|id> --role <role>',
        );
        return 2;
      }
      const { password, generated } = chosenPassword();
      try {
        const username = normaliseUsername(f.username);
        await dataSource.transaction((manager) =>
          usersService(dataSource).insert(manager, systemContext('cli'), {
            username,
            displayName: f.name.normalize('NFC').trim(),
            password,
            unitId: unit.id,
            roles: [{ unitId: unit.id, role }],
          }),
        );
        log(`Created ${username}, ${role} at ${unit.name}.${generated ? ` Password: ${password}` : ''}`);
        return 0;
      } catch (error) {
        return explain(error);
      }
    },
  },
  'user:reset-password': {
    summary: 'set a new password and end every session: --username u (PASSWORD from env, else generated)',
    async run(dataSource, args) {
      const username = normaliseUsername(flags(args).username ?? '');
      const identity = new IdentityRepository(dataSource);
      const user = username ? await identity.findUserByUsername(username) : null;
      if (!user) {
        console.error(
          username ? `No user ${username}.` : 'Usage: npm run cli -- user:reset-password --username u',
        );
        return 2;
      }
      const { password, generated } = chosenPassword();
      try {
        await dataSource.transaction((manager) =>
          usersService(dataSource).replacePassword(
            manager,
            systemContext('cli'),
            user,
            password,
            'PASSWORD',
            'user.password_reset',
          ),
        );
        log(
          `New password set for ${username}; every session ended.${generated ? ` Password: ${password}` : ''}`,
        );
        return 0;
      } catch (error) {
        return explain(error);
      }
    },
  },
  'audit:verify': {
    summary: 'walk the audit chain; exit 1 naming the first broken row',
    async run(dataSource) {
      const result = await new AuditService(new AuditRepository(dataSource)).verify();
      if (result.firstBroken) {
        console.error(
          `Audit chain BROKEN at row ${result.firstBroken.seq}, chain position ${result.firstBroken.chainSeq} (${result.firstBroken.reason}); ${result.rows} rows.`,
        );
        return 1;
      }
      log(
        `Audit chain intact: ${result.rows} rows sealed (${result.unsealed} in transactions still open), last ${result.lastSeq ?? '-'} ${result.lastHash ?? ''}`,
      );
      return 0;
    },
  },
  'ledger:verify': {
    summary:
      'recompute balances from the postings, check entries balance and receipts are gapless; exit 1 naming the first discrepancy',
    async run(dataSource) {
      const check = await verifyLedger(dataSource);
      if (!check.ok) {
        console.error(`Ledger DISCREPANCY: ${check.problem}`);
        return 1;
      }
      log(`Ledger consistent: ${check.entries} entries, ${check.funds} funds, ${check.receipts} receipts.`);
      return 0;
    },
  },
  'reports:verify': {
    summary:
      'recompute the report totals from the donations and the journal; exit 1 naming the first disagreement',
    async run(dataSource) {
      const check = await verifyReports(dataSource);
      if (!check.ok) {
        console.error(`Reports DISCREPANCY: ${check.problem}`);
        return 1;
      }
      log(`Report totals agree with the journal: ${check.rows} rows (unit-years and fund-days).`);
      return 0;
    },
  },
  'reference:load': {
    summary: 'load the bundled reference units and populations (idempotent)',
    async run(dataSource) {
      const result = await withSchemaLock(dataSource, () => loadReferenceData(dataSource, { force: true }));
      log(
        `Reference data: ${result.unitsCreated} units created, ${result.populationsCreated} populations added.`,
      );
      return 0;
    },
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}`);
  return `Usage: npm run cli -- <command>\n\nCommands:\n${lines.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name && name !== 'help' ? `Unknown command: ${name}\n\n${usage()}` : usage());
    return name && name !== 'help' ? 2 : 0;
  }
  const config = loadConfig();
  const database = await resolveDatabase(config.database, { log });
  const dataSource = createDataSource(database.url, 2);
  try {
    await dataSource.initialize();
    return await command.run(dataSource, args, database.url);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseUnreachableError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);
