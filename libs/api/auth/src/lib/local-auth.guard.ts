import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { createValidationPipe } from '@twofold/api/core';
import type { Request } from 'express';
import { SignInDto } from './dto';

/**
 * passport-local for `POST /api/auth/login`. Guards run before pipes, so the body is validated
 * here first: a malformed body gets the same 400 as everywhere else, not passport's 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    await this.validation.transform(req.body, { type: 'body', metatype: SignInDto });
    return (await super.canActivate(context)) as boolean;
  }

  override getAuthenticateOptions() {
    return { session: false };
  }
}
