import { createSecretKey, randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '../audit/audit.module.js';
import { APP_CONFIG, AppConfig } from '../config/config.js';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { AccessGuard } from './access/access.guard.js';
import { LocatorRegistry } from './access/locators.js';
import { RouteCatalogue } from './access/route-catalogue.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { FirstAdmin } from './first-admin.js';
import { IdentityRepository } from './identity.repository.js';
import { RoleAssignmentLocator, UserLocator } from './locators.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * Users, roles, sign-in, and the scope guard every route passes through. Guards run in the
 * order listed: access first (it resolves the user), then rate limits (per user).
 */
@Module({
  imports: [
    DiscoveryModule,
    AuditModule,
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Without JWT_SECRET (development only), tokens live as long as the process. A KeyObject
        // made once: given a string, jsonwebtoken tries it as a public key on every verification
        // and builds the secret key after that fails (about 6% of the API's CPU under load).
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret ?? randomBytes(32).toString('base64url'))),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    IdentityRepository,
    AuthService,
    UsersService,
    FirstAdmin,
    LocatorRegistry,
    RouteCatalogue,
    UserLocator,
    RoleAssignmentLocator,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
  ],
  exports: [UsersService, AuthService, LocatorRegistry, RouteCatalogue],
})
export class IdentityModule {}
