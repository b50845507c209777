import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { LoginRateLimit } from '../rate-limit/rate-limit.decorator.js';
import { Access, CurrentActor, Public } from './access/access.decorator.js';
import { Action } from './access/actions.js';
import { Actor } from './access/actor.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPair } from './dto/auth.dto.js';
import { UserDetailView } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/login')
  @Public()
  @LoginRateLimit()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair })
  @ApiTooManyRequestsResponse({ description: 'Quá nhiều lần đăng nhập; xem Retry-After' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.login(dto, req);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPair, description: 'Cặp mã mới; refresh token cũ không dùng lại được' })
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, req);
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Phiên đã kết thúc; mọi mã của phiên hết hiệu lực' })
  logout(@Body() dto: RefreshDto, @Req() req: Request): Promise<void> {
    return this.auth.logout(dto.refreshToken, req);
  }

  @Get('me')
  @Access(Action.Self)
  @ApiOkResponse({ type: UserDetailView })
  me(@CurrentActor() actor: Actor): Promise<UserDetailView> {
    return this.users.me(actor);
  }

  @Post('me/password')
  @Access(Action.Self)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã đổi; mọi phiên đăng nhập kết thúc, hãy đăng nhập lại' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changeOwnPassword(actor, dto);
  }
}
