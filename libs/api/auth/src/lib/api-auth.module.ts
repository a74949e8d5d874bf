import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiUsersModule } from '@twofold/api/users';
import { AccountViewsService } from './account-views.service';
import { AccountController } from './account.controller';
import { AuthFailure } from './auth-failure.entity';
import { AuthFailuresService } from './auth-failures.service';
import { AuthController } from './auth.controller';
import { CsrfService } from './csrf.service';
import { LocalStrategy } from './local.strategy';
import { PasswordSignInService } from './password-sign-in.service';
import { Session } from './session.entity';
import { SessionMiddleware } from './session.middleware';
import { SessionStateGuard } from './session-state.guard';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/**
 * Sessions, CSRF, the global session-state guard and password sign-in. Needs a
 * `SecondFactorPolicy` provider from a global module (the mfa library's).
 */
@Module({
  imports: [ApiUsersModule, TypeOrmModule.forFeature([Session, AuthFailure]), PassportModule],
  controllers: [AuthController, AccountController, SessionsController],
  providers: [
    SessionsService,
    CsrfService,
    SessionMiddleware,
    AuthFailuresService,
    PasswordSignInService,
    LocalStrategy,
    AccountViewsService,
    SessionStateGuard,
    { provide: APP_GUARD, useExisting: SessionStateGuard },
  ],
  exports: [
    ApiUsersModule,
    SessionsService,
    CsrfService,
    SessionMiddleware,
    AuthFailuresService,
    AccountViewsService,
  ],
})
export class ApiAuthModule {}
