import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs.js';
import { uuidPipe } from '../common/http/params.js';
import { Access, CurrentActor, inBody, inPath, inQuery } from './access/access.decorator.js';
import { Action } from './access/actions.js';
import { Actor } from './access/actor.js';
import {
  CreateUserDto,
  GrantRoleDto,
  ListUsersQuery,
  SetPasswordDto,
  UpdateUserDto,
  UserDetailView,
  UserPage,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(Action.UsersManage, inQuery('unitId'))
  @ApiOperation({
    summary: 'List users',
    description: "Users whose home unit lies in the caller's units; `q` searches without accents.",
  })
  @ApiOkResponse({ type: UserPage, description: 'A page of users' })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query, actor.located.get('unitId')?.path);
  }

  @Post()
  @Access(Action.UsersManage, inBody('unitId'))
  @ApiOperation({
    summary: 'Create a user',
    description:
      'At a home unit, without roles (grant them next). The password: at least 10 characters, not built from the name.',
  })
  @ApiCreatedResponse({ type: UserDetailView, description: 'The new user' })
  @ApiErrors([409, 'The username is taken (USER_USERNAME_TAKEN)'])
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDetailView> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @Access(Action.UsersManage, inPath('id', 'user'))
  @ApiOperation({ summary: 'Get a user', description: 'With the roles they hold at each unit.' })
  @ApiOkResponse({ type: UserDetailView, description: 'The user and their roles' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<UserDetailView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Access(Action.UsersManage, inPath('id', 'user'))
  @ApiOperation({
    summary: 'Change a user',
    description: 'The display name, or `active: false` to deactivate (every session ends).',
  })
  @ApiOkResponse({ type: UserDetailView, description: 'The user as changed' })
  @ApiErrors([422, 'You cannot deactivate yourself (USER_SELF_LOCKOUT)'])
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDetailView> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password')
  @Access(Action.UsersManage, inPath('id', 'user'))
  @HttpCode(204)
  @ApiOperation({
    summary: "Reset a user's password",
    description:
      'By an administrator above the user; every session of the user ends. Your own: POST /me/password.',
  })
  @ApiNoContentResponse({ description: 'Set; every session of the user has ended' })
  @ApiErrors([422, 'Your own password is changed at POST /me/password (USER_OWN_PASSWORD_RESET)'])
  setPassword(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: SetPasswordDto,
  ): Promise<void> {
    return this.users.setPassword(actor, id, dto);
  }

  @Post(':id/roles')
  @Access(Action.UsersManage, inPath('id', 'user'), inBody('unitId'))
  @ApiOperation({
    summary: 'Grant a role at a unit',
    description: 'The role applies to that unit and its whole subtree.',
  })
  @ApiCreatedResponse({ type: UserDetailView, description: 'The user with the new role' })
  @ApiErrors([409, 'The user already holds this role at this unit (USER_ROLE_EXISTS)'])
  grantRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: GrantRoleDto,
  ): Promise<UserDetailView> {
    return this.users.grantRole(actor, id, dto);
  }

  @Delete(':id/roles/:assignmentId')
  @Access(Action.UsersManage, inPath('id', 'user'), inPath('assignmentId', 'role-assignment'))
  @ApiOperation({ summary: 'Revoke a role', description: 'The user keeps their other roles and sessions.' })
  @ApiOkResponse({ type: UserDetailView, description: 'The user without the role' })
  @ApiErrors([422, 'You cannot remove your own last administrator role (USER_SELF_LOCKOUT)'])
  revokeRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Param('assignmentId', uuidPipe('assignmentId')) assignmentId: string,
  ): Promise<UserDetailView> {
    return this.users.revokeRole(actor, id, assignmentId);
  }
}
