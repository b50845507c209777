import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemContext } from '../audit/audit.types.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { generatePassword } from './passwords.js';
import { UsersService } from './users.service.js';

// Serialises the check between processes starting together (api and worker, replicas).
const FIRST_ADMIN_LOCK = 7_344_204;

/**
 * On a database without users, creates the first administrator at the root unit from
 * ADMIN_USERNAME / ADMIN_PASSWORD, or (outside production) with a generated password that is
 * printed once in the start-up log. Never touches a database that already has users.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { username, password: configured } = this.config.auth.admin;
    if (!configured && this.config.env === 'production') {
      const [{ exists }] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
      if (!exists) {
        this.logger.warn(
          'No users yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run `npm run cli -- user:create --admin`.',
        );
      }
      return;
    }
    const password = configured ?? generatePassword();
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const [{ exists }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
      if (exists) return false;
      const [root] = await manager.query(`SELECT id FROM units WHERE parent_id IS NULL`);
      if (!root) {
        this.logger.warn('No root unit yet (REFERENCE_DATA_LOAD=false?): the first administrator waits.');
        return false;
      }
      await this.users.insert(manager, systemContext('startup'), {
        username,
        displayName: 'Quản trị hệ thống',
        password,
        unitId: root.id,
        roles: [{ unitId: root.id, role: 'admin' }],
      });
      return true;
    });
    if (!created) return;
    if (configured) {
      this.logger.log(`Created the first administrator "${username}" (password from ADMIN_PASSWORD).`);
    } else {
      // Shown once, on purpose: this is how a new user of the embedded default signs in.
      this.logger.warn(
        `Created the first administrator. Sign in with username "${username}" and password "${password}" ` +
          `(shown only now; change it with POST /api/v1/me/password).`,
      );
    }
  }
}
