import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: UserPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query, actor.located.get('unitId')?.path);
  }

  @Post()
  @Access(Action.UsersManage, inBody('unitId'))
  @ApiCreatedResponse({ type: UserDetailView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDetailView> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @Access(Action.UsersManage, inPath('id', 'user'))
  @ApiOkResponse({ type: UserDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<UserDetailView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Access(Action.UsersManage, inPath('id', 'user'))
  @ApiOkResponse({ type: UserDetailView })
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
  @ApiNoContentResponse({ description: 'Đã đặt mật khẩu mới; mọi phiên của người dùng kết thúc' })
  setPassword(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: SetPasswordDto,
  ): Promise<void> {
    return this.users.setPassword(actor, id, dto);
  }

  @Post(':id/roles')
  @Access(Action.UsersManage, inPath('id', 'user'), inBody('unitId'))
  @ApiCreatedResponse({ type: UserDetailView })
  grantRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Body() dto: GrantRoleDto,
  ): Promise<UserDetailView> {
    return this.users.grantRole(actor, id, dto);
  }

  @Delete(':id/roles/:assignmentId')
  @Access(Action.UsersManage, inPath('id', 'user'), inPath('assignmentId', 'role-assignment'))
  @ApiOkResponse({ type: UserDetailView })
  revokeRole(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @Param('assignmentId', uuidPipe('assignmentId')) assignmentId: string,
  ): Promise<UserDetailView> {
    return this.users.revokeRole(actor, id, assignmentId);
  }
}
