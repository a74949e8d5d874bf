import { Clock } from '@twofold/api/core';
import { MailUnavailableError, OtpMailRequest, SecurityNoticeRequest } from '@twofold/api/otp-mail';

/** A clock that tests move by hand. */
export class FakeClock extends Clock {
  constructor(private current = new Date('2026-03-01T12:00:00.000Z')) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Stands in for `MailService` in unit tests: keeps what was sent, or fails like a dead server. */
export class FakeMailService {
  readonly sent: OtpMailRequest[] = [];
  readonly notices: SecurityNoticeRequest[] = [];
  failing = false;
  failingNotices = false;

  async sendOtp(request: OtpMailRequest): Promise<void> {
    if (this.failing) {
      throw new MailUnavailableError('ECONNECTION connect ECONNREFUSED');
    }
    this.sent.push(request);
  }

  async sendSecurityNotice(request: SecurityNoticeRequest): Promise<void> {
    if (this.failingNotices) {
      throw new MailUnavailableError('ECONNECTION connect ECONNREFUSED');
    }
    this.notices.push(request);
  }

  async mailHealth(): Promise<'up' | 'down'> {
    return this.failing ? 'down' : 'up';
  }

  lastSent(): OtpMailRequest {
    const last = this.sent.at(-1);
    if (!last) {
      throw new Error('No code was mailed');
    }
    return last;
  }
}
