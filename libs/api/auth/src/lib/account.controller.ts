import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError } from '@twofold/api/core';
import { AccountView, ApiErrorCode } from '@twofold/shared/contracts';
import { AccountViewsService } from './account-views.service';
import { CurrentSession } from './current-session.decorator';
import { SessionContext } from './session-context';
import { Authenticated } from './session-states.decorator';

@ApiTags('account')
@Controller('account')
export class AccountController {
  constructor(private readonly views: AccountViewsService) {}

  @Get()
  @Authenticated()
  async account(@CurrentSession() session: SessionContext): Promise<AccountView> {
    const account = await this.views.accountViewById(session.userId);
    if (!account) {
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        ApiErrorCode.Unauthenticated,
        'Please sign in.',
      );
    }
    return account;
  }
}
