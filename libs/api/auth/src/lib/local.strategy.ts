import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { clientIp } from '@twofold/api/core';
import { User } from '@twofold/api/users';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { PasswordSignInService } from './password-sign-in.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly signIn: PasswordSignInService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, username: string, password: string): Promise<User> {
    return this.signIn.verify(username, password, clientIp(req));
  }
}
