import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AuditContext, changes } from '../audit/audit.types.js';
import { searchKey } from '../common/text.js';
import { Action } from './access/actions.js';
import { Actor } from './access/actor.js';
import { ChangePasswordDto } from './dto/auth.dto.js';
import {
  CreateUserDto,
  GrantRoleDto,
  ListUsersQuery,
  RoleAssignmentView,
  SetPasswordDto,
  UpdateUserDto,
  UserDetailView,
  UserPage,
  UserView,
} from './dto/user.dto.js';
import { User } from './entities/user.entity.js';
import { IdentityError, IdentityErrorCode } from './identity.errors.js';
import { IdentityRepository } from './identity.repository.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import type { RoleName } from './roles.js';

const toView = (u: User): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  active: u.active,
  createdAt: u.createdAt,
});

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  unitId: string;
  roles?: { unitId: string; role: RoleName }[];
}

/**
 * Users and their roles. The guard has already placed the target user and any unit in the
 * caller's scope; this service adds the rules that need more than one unit at a time.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly audit: AuditService,
  ) {}

  async me(actor: Actor): Promise<UserDetailView> {
    return this.detail(actor.userId);
  }

  async list(actor: Actor, query: ListUsersQuery, unitPath?: string): Promise<UserPage> {
    const { items, total } = await this.identity.list({
      scope: actor.scope(Action.UsersManage),
      unitPath,
      q: query.q,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      items: items.map((u) => ({ ...toView(u), unitName: u.unitName })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  get(actor: Actor, id: string): Promise<UserDetailView> {
    return this.detail(id, actor);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDetailView> {
    const id = await this.identity.transaction((manager) => this.insert(manager, actor, dto));
    return this.detail(id, actor);
  }

  /** Creates a user (with optional roles) in the caller's transaction; used by the API, start-up and CLI. */
  async insert(manager: EntityManager, ctx: AuditContext, input: NewUser): Promise<string> {
    const problems = passwordProblems(input.password, input);
    if (problems.length) throw new IdentityError(IdentityErrorCode.PasswordWeak, problems);
    if (await manager.findOneBy(User, { username: input.username })) {
      throw new IdentityError(IdentityErrorCode.UsernameTaken, [
        { field: 'username', message: 'đã được dùng' },
      ]);
    }
    const id = randomUUID();
    const user = {
      id,
      username: input.username,
      displayName: input.displayName,
      searchName: searchKey(input.displayName),
      passwordHash: await hashPassword(input.password),
      unitId: input.unitId,
      active: true,
      passwordChangedAt: new Date(),
    };
    await this.identity.insertUser(manager, user);
    await this.audit.record(manager, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      unitId: input.unitId,
      after: { username: user.username, displayName: user.displayName, unitId: user.unitId },
    });
    for (const role of input.roles ?? []) await this.addRole(manager, ctx, id, role.unitId, role.role, null);
    return id;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDetailView> {
    await this.identity.transaction(async (manager) => {
      const user = await this.mustFind(manager, id);
      await this.assertOutranks(manager, actor, user);
      if (dto.active === false && id === actor.userId) throw new IdentityError(IdentityErrorCode.SelfLockout);
      const patch: Partial<User> = {};
      if (dto.displayName !== undefined) {
        patch.displayName = dto.displayName;
        patch.searchName = searchKey(dto.displayName);
      }
      if (dto.active !== undefined) patch.active = dto.active;
      const diff = changes(user, { displayName: patch.displayName, active: patch.active });
      if (!diff) return;
      await this.identity.updateUser(manager, id, patch);
      if (dto.active === false) await this.identity.revokeSessionsOf(manager, id, 'deactivated');
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        ...diff,
      });
    });
    return this.detail(id, actor);
  }

  /** An administrator sets a new password for a user in their subtree (the user forgot theirs). */
  async setPassword(actor: Actor, id: string, dto: SetPasswordDto): Promise<void> {
    // A stolen access token must not become a permanent takeover: one's own password needs the current one.
    if (id === actor.userId) throw new IdentityError(IdentityErrorCode.OwnPasswordReset);
    await this.identity.transaction(async (manager) => {
      const user = await this.mustFind(manager, id);
      await this.assertOutranks(manager, actor, user);
      await this.replacePassword(manager, actor, user, dto.newPassword, 'newPassword', 'user.password_reset');
    });
  }

  async changeOwnPassword(actor: Actor, dto: ChangePasswordDto): Promise<void> {
    await this.identity.transaction(async (manager) => {
      const user = await this.mustFind(manager, actor.userId);
      if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
        throw new IdentityError(IdentityErrorCode.PasswordWrong, [
          { field: 'currentPassword', message: 'không đúng' },
        ]);
      }
      await this.replacePassword(
        manager,
        actor,
        user,
        dto.newPassword,
        'newPassword',
        'user.password_change',
      );
    });
  }

  /** Sets a password and ends every session of the user (their tokens stop working at once). */
  async replacePassword(
    manager: EntityManager,
    ctx: AuditContext,
    user: User,
    password: string,
    field: string,
    action: string,
  ): Promise<void> {
    const problems = passwordProblems(password, user, field);
    if (problems.length) throw new IdentityError(IdentityErrorCode.PasswordWeak, problems);
    await this.identity.updateUser(manager, user.id, {
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
    });
    const ended = await this.identity.revokeSessionsOf(manager, user.id, 'password_changed');
    await this.audit.record(manager, ctx, {
      action,
      entityType: 'user',
      entityId: user.id,
      unitId: user.unitId,
      after: { sessionsEnded: ended },
    });
  }

  async grantRole(actor: Actor, id: string, dto: GrantRoleDto): Promise<UserDetailView> {
    await this.identity.transaction(async (manager) => {
      await this.mustFind(manager, id);
      await this.addRole(manager, actor, id, dto.unitId, dto.role, actor.userId);
    });
    return this.detail(id, actor);
  }

  async revokeRole(actor: Actor, id: string, assignmentId: string): Promise<UserDetailView> {
    await this.identity.transaction(async (manager) => {
      await this.mustFind(manager, id);
      const role = await this.identity.findRole(manager, assignmentId);
      if (!role || role.userId !== id) {
        throw new IdentityError(IdentityErrorCode.RoleAssignmentNotFound, [
          { field: 'assignmentId', message: 'không tìm thấy' },
        ]);
      }
      if (id === actor.userId && role.role === 'admin')
        throw new IdentityError(IdentityErrorCode.SelfLockout);
      await this.identity.deleteRole(manager, assignmentId);
      await this.audit.record(manager, actor, {
        action: 'role.revoke',
        entityType: 'role',
        entityId: assignmentId,
        unitId: role.unitId,
        before: { userId: id, unitId: role.unitId, role: role.role },
      });
    });
    return this.detail(id, actor);
  }

  private async addRole(
    manager: EntityManager,
    ctx: AuditContext,
    userId: string,
    unitId: string,
    role: RoleName,
    grantedBy: string | null,
  ): Promise<void> {
    if (await this.identity.findSameRole(manager, userId, unitId, role)) {
      throw new IdentityError(IdentityErrorCode.RoleExists, [{ field: 'role', message: 'đã có' }]);
    }
    const id = randomUUID();
    await this.identity.insertRole(manager, { id, userId, unitId, role, grantedBy });
    await this.audit.record(manager, ctx, {
      action: 'role.grant',
      entityType: 'role',
      entityId: id,
      unitId,
      after: { userId, unitId, role },
    });
  }

  /**
   * An admin may change a user only if they could manage every unit where that user holds a
   * role: otherwise a commune admin could take over a province administrator who lives there.
   */
  private async assertOutranks(manager: EntityManager, actor: Actor, user: User): Promise<void> {
    const grants = await this.identity.grantsOf(user.id, manager);
    if (grants.some((g) => !actor.allows(Action.UsersManage, g.path))) {
      throw new IdentityError(IdentityErrorCode.UserOutranks);
    }
  }

  /** The user, locked until the transaction ends, so role changes and resets are decided one at a time. */
  private async mustFind(manager: EntityManager, id: string): Promise<User> {
    const user = await this.identity.lockUser(manager, id);
    if (!user)
      throw new IdentityError(IdentityErrorCode.UserNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
    return user;
  }

  /** The user with their roles; seen by someone else, only the roles at units that person sees. */
  private async detail(id: string, viewer?: Actor): Promise<UserDetailView> {
    const user = await this.identity.findUserById(id);
    if (!user)
      throw new IdentityError(IdentityErrorCode.UserNotFound, [{ field: 'id', message: 'không tìm thấy' }]);
    const roles: RoleAssignmentView[] = (await this.identity.roleViews(id))
      .filter((r) => !viewer || viewer.sees(r.unitPath))
      .map(({ unitPath: _path, ...role }) => role);
    return { ...toView(user), roles };
  }
}
