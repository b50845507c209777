import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs.js';
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
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Answers an access token (send it as `Authorization: Bearer …`) and a refresh token. Attempts are ' +
      'limited per username and address, and per address.',
  })
  @ApiOkResponse({ type: TokenPair, description: 'Signed in' })
  @ApiErrors([401, 'Wrong username or password, or the user is deactivated (AUTH_INVALID_CREDENTIALS)'])
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.login(dto, req);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refresh the tokens',
    description:
      'Uses a refresh token once and answers the next pair; a second use of the same refresh token ends the whole session.',
  })
  @ApiOkResponse({ type: TokenPair, description: 'The next pair; the refresh token sent is spent' })
  @ApiErrors([
    401,
    'The refresh token is unknown, expired or already used (AUTH_REFRESH_INVALID, AUTH_REFRESH_REUSED)',
  ])
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, req);
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends the session of the refresh token: its tokens stop working.',
  })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiErrors([401, 'The refresh token is unknown or expired (AUTH_REFRESH_INVALID)'])
  logout(@Body() dto: RefreshDto, @Req() req: Request): Promise<void> {
    return this.auth.logout(dto.refreshToken, req);
  }

  @Get('me')
  @Access(Action.Self)
  @ApiOperation({ summary: 'The signed-in user', description: 'With the roles they hold at each unit.' })
  @ApiOkResponse({ type: UserDetailView, description: 'The user and their roles' })
  me(@CurrentActor() actor: Actor): Promise<UserDetailView> {
    return this.users.me(actor);
  }

  @Post('me/password')
  @Access(Action.Self)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password',
    description: 'At least 10 characters, not built from your name; every session ends: sign in again.',
  })
  @ApiNoContentResponse({ description: 'Changed; every session has ended' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.users.changeOwnPassword(actor, dto);
  }
}
