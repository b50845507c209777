import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, searchKey } from '../common/text.js';
import type { Grant } from './access/actor.js';
import { locateBy, type UnitLocation } from './access/locators.js';
import { AuthSession } from './entities/auth-session.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { User } from './entities/user.entity.js';

/** The user (u), their session (s) and every role with its unit path, for an Actor. */
const PRINCIPAL_COLUMNS = `
  u.id, u.username, u.display_name AS "displayName", u.unit_id AS "unitId", u.active,
  s.revoked_at IS NOT NULL AS "sessionRevoked", s.expires_at < now() AS "sessionExpired",
  coalesce((SELECT json_agg(json_build_object('assignmentId', r.id, 'unitId', r.unit_id, 'path', un.path,
                                              'role', r.role) ORDER BY un.depth, un.path, r.role)
              FROM role_assignments r JOIN units un ON un.id = r.unit_id WHERE r.user_id = u.id),
           '[]') AS grants`;

export interface Principal {
  user: Pick<User, 'id' | 'username' | 'displayName' | 'unitId' | 'active'>;
  sessionRevoked: boolean;
  sessionExpired: boolean;
  grants: Grant[];
}

export interface RoleView {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  role: Grant['role'];
  unitPath: string;
}

export interface UserListFilter {
  scope: string[];
  unitPath?: string;
  q?: string;
  offset: number;
  limit: number;
}

/** Narrow queries over users, roles, sessions and refresh tokens. */
@Injectable()
export class IdentityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findUserByUsername(username: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { username });
  }

  findUserById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  lockUser(manager: EntityManager, id: string): Promise<User | null> {
    return manager
      .createQueryBuilder(User, 'u')
      .setLock('pessimistic_write')
      .where('u.id = :id', { id })
      .getOne();
  }

  async insertUser(
    manager: EntityManager,
    user: Omit<User, 'createdAt' | 'updatedAt' | 'unit'>,
  ): Promise<void> {
    await manager.insert(User, user);
  }

  async updateUser(manager: EntityManager, id: string, patch: Partial<User>): Promise<void> {
    await manager.update(User, { id }, patch);
  }

  /** The user of a token, whether its session still lives, and every role with its unit path. */
  async loadPrincipal(userId: string, sessionId: string): Promise<Principal | null> {
    // Runs on every authenticated request: the user, the session and the grants in one round trip.
    const [row] = await this.dataSource.query(
      `SELECT ${PRINCIPAL_COLUMNS}
         FROM users u JOIN auth_sessions s ON s.user_id = u.id AND s.id = $2
        WHERE u.id = $1`,
      [userId, sessionId],
    );
    if (!row) return null;
    const { sessionRevoked, sessionExpired, grants, ...user } = row;
    return { user, sessionRevoked, sessionExpired, grants };
  }

  /**
   * A page session's principal by its token id, with the token's hash and whether it was used
   * (a web session never rotates its token: a used one was taken to the API's refresh).
   */
  async loadPrincipalByToken(
    tokenId: string,
  ): Promise<(Principal & { sessionId: string; secretHash: string; tokenUsed: boolean }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT t.secret_hash AS "secretHash", t.used_at IS NOT NULL AS "tokenUsed", s.id AS "sessionId",
              ${PRINCIPAL_COLUMNS}
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
        WHERE t.id = $1`,
      [tokenId],
    );
    if (!row) return null;
    const { sessionRevoked, sessionExpired, grants, secretHash, tokenUsed, sessionId, ...user } = row;
    return { user, sessionRevoked, sessionExpired, grants, secretHash, tokenUsed, sessionId };
  }

  async grantsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<Grant[]> {
    return manager.query(
      `SELECT r.id AS "assignmentId", r.unit_id AS "unitId", u.path, r.role
         FROM role_assignments r JOIN units u ON u.id = r.unit_id
        WHERE r.user_id = $1 ORDER BY u.depth, u.path, r.role`,
      [userId],
    );
  }

  roleViews(userId: string): Promise<RoleView[]> {
    return this.dataSource.query(
      `SELECT r.id, r.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName", r.role, u.path AS "unitPath"
         FROM role_assignments r JOIN units u ON u.id = r.unit_id
        WHERE r.user_id = $1 ORDER BY u.depth, u.name, r.role`,
      [userId],
    );
  }

  async insertRole(manager: EntityManager, role: Omit<RoleAssignment, 'createdAt' | 'user' | 'unit'>) {
    await manager.insert(RoleAssignment, role);
  }

  findRole(manager: EntityManager, id: string): Promise<RoleAssignment | null> {
    return manager.findOneBy(RoleAssignment, { id });
  }

  findSameRole(manager: EntityManager, userId: string, unitId: string, role: string) {
    return manager.findOneBy(RoleAssignment, { userId, unitId, role: role as RoleAssignment['role'] });
  }

  async deleteRole(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(RoleAssignment, { id });
  }

  async list(filter: UserListFilter): Promise<{ items: (User & { unitName: string })[]; total: number }> {
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'usr')
      .innerJoin('units', 'un', 'un.id = usr.unit_id')
      .addSelect('un.name', 'unit_name')
      .where('un.path LIKE ANY(:scope)', { scope: filter.scope.map((p) => `${p}%`) });
    if (filter.unitPath) qb.andWhere('un.path LIKE :under', { under: `${filter.unitPath}%` });
    const q = filter.q?.trim();
    if (q) {
      // Usernames are ASCII; display names are matched without diacritics.
      qb.andWhere(`(usr.username LIKE :like ESCAPE '\\' OR usr.searchName LIKE :like ESCAPE '\\')`, {
        like: `%${escapeLike(searchKey(q))}%`,
      });
    }
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('usr.username')
      .offset(filter.offset)
      .limit(filter.limit)
      .getRawAndEntities();
    return {
      items: entities.map((u, i) => Object.assign(u, { unitName: raw[i].unit_name as string })),
      total,
    };
  }

  locateUser(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT u.unit_id AS "unitId", un.path FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
      id,
    );
  }

  locateRole(id: string): Promise<UnitLocation | null> {
    return locateBy(
      this.dataSource,
      `SELECT r.unit_id AS "unitId", un.path FROM role_assignments r JOIN units un ON un.id = r.unit_id WHERE r.id = $1`,
      id,
    );
  }

  // Sessions and refresh tokens.

  async insertSession(manager: EntityManager, session: Omit<AuthSession, 'createdAt' | 'user'>) {
    await manager.insert(AuthSession, session);
  }

  async insertRefreshToken(manager: EntityManager, token: Omit<RefreshToken, 'createdAt' | 'session'>) {
    await manager.insert(RefreshToken, token);
  }

  /** The token and its session, locked, so two uses of one token are decided one after the other. */
  async lockRefreshToken(
    manager: EntityManager,
    id: string,
  ): Promise<{ token: RefreshToken; session: AuthSession } | null> {
    const token = await manager
      .createQueryBuilder(RefreshToken, 't')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
    if (!token) return null;
    const session = await manager
      .createQueryBuilder(AuthSession, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id: token.sessionId })
      .getOneOrFail();
    return { token, session };
  }

  async markRefreshTokenUsed(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  async revokeSession(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
  }

  async revokeSessionsOf(manager: EntityManager, userId: string, reason: string): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
    return result.affected ?? 0;
  }
}
