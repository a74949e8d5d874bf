import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AppConfig,
  Clock,
  DELETE_ROWS_BATCH,
  DomainError,
  clientIp,
  deleteRows,
} from '@twofold/api/core';
import { ApiErrorCode, SESSION_COOKIE, SessionState } from '@twofold/shared/contracts';
import type { Response } from 'express';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { LessThan, MoreThan, Not, Repository } from 'typeorm';
import { replaceCookie, replaceWithClearedCookie } from './cookies';
import { CsrfService } from './csrf.service';
import { SESSION_REQUEST_KEY, SessionContext } from './session-context';
import { Session } from './session.entity';
import type { SessionRequest } from './session-request';

const MINUTE_MS = 60 * 1000;
/** Lifetimes from SECURITY.md: pending states are short; signed-in sessions 12 h, 30 min idle. */
export const PENDING_SESSION_LIFETIME_MS = 10 * MINUTE_MS;
export const AUTHENTICATED_SESSION_LIFETIME_MS = 12 * 60 * MINUTE_MS;
export const AUTHENTICATED_SESSION_IDLE_MS = 30 * MINUTE_MS;
/** A session used again within this time is not written back, to spare the database. */
const TOUCH_INTERVAL_MS = 15 * 1000;

@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The live session of the request's cookie, or null. An expired session is deleted on sight;
   * a live authenticated one has its idle time moved forward.
   */
  async resolve(req: SessionRequest): Promise<SessionContext | null> {
    if (req[SESSION_REQUEST_KEY] !== undefined) {
      return req[SESSION_REQUEST_KEY];
    }
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    const session =
      typeof token === 'string' && token.length > 0 ? await this.findLive(token) : null;
    req[SESSION_REQUEST_KEY] = session;
    return session;
  }

  /** Starts a new session for the user, sets its cookie and a CSRF token bound to it. */
  async create(
    req: SessionRequest,
    res: Response,
    userId: string,
    state: SessionState,
  ): Promise<SessionContext> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const row: Session = {
      id: randomUUID(),
      tokenHash: this.hashToken(token),
      userId,
      state,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: this.expiry(state, now, now),
    };
    await this.sessions.insert(row);
    await deleteRows(this.sessions, { expiresAt: LessThan(now) });

    replaceCookie(res, SESSION_COOKIE, token, this.cookieOptions());
    this.csrf.issue(res, row.id);
    const context = toContext(row);
    req[SESSION_REQUEST_KEY] = context;
    return context;
  }

  /**
   * Moves a session to a stronger state under a new id (ASVS 4.0.3 3.2.1): a new row and cookie,
   * the old row deleted, so a token captured before the step is worthless after it.
   */
  async stepUp(
    req: SessionRequest,
    res: Response,
    session: SessionContext,
    newState: SessionState,
  ): Promise<SessionContext> {
    // The old row goes first, and only one request can see it go: a pending session steps up
    // once, even when several valid codes (an app's codes of neighbouring steps) race.
    const deleted = await this.sessions.delete({ id: session.id });
    if (deleted.affected !== 1) {
      this.logger.warn(
        `Refused a second step-up of one session of user ${session.userId} from ${clientIp(req)}`,
      );
      throw new DomainError(
        HttpStatus.UNAUTHORIZED,
        ApiErrorCode.Unauthenticated,
        'This sign-in was already completed or has ended. Please reload the page.',
      );
    }

    const next = await this.create(req, res, session.userId, newState);
    this.logger.log(`Session of user ${session.userId} stepped up to ${newState}`);
    return next;
  }

  /** Ends the session: the row is deleted, the cookie cleared, an anonymous CSRF token issued. */
  async revoke(req: SessionRequest, res: Response, session: SessionContext): Promise<void> {
    await this.sessions.delete({ id: session.id });
    replaceWithClearedCookie(res, SESSION_COOKIE, this.cookieOptions());
    this.csrf.issue(res, null);
    req[SESSION_REQUEST_KEY] = null;
  }

  /** How many live sessions the user has besides `current`, pending ones included. */
  async countOthers(current: SessionContext): Promise<number> {
    return this.sessions.countBy({
      userId: current.userId,
      id: Not(current.id),
      expiresAt: MoreThan(this.clock.now()),
    });
  }

  /**
   * Ends every other session of the user, pending ones included (ASVS 5.0 7.4.3): offered after
   * a change to the second factors. Returns how many live sessions were ended.
   */
  async endOthers(current: SessionContext): Promise<number> {
    const now = this.clock.now().getTime();
    let live = 0;
    // Batch after batch until none is left: an attacker who signs in again and again must not
    // outnumber one click of the owner's.
    for (;;) {
      const ended = await deleteRows(
        this.sessions,
        { userId: current.userId, id: Not(current.id) },
        { expiresAt: true },
      );
      live += ended.filter((row) => row.expiresAt.getTime() > now).length;
      if (ended.length < DELETE_ROWS_BATCH) {
        return live;
      }
    }
  }

  private async findLive(token: string): Promise<SessionContext | null> {
    const row = await this.sessions.findOneBy({ tokenHash: this.hashToken(token) });
    if (!row) {
      return null;
    }

    const now = this.clock.now();
    if (row.expiresAt.getTime() <= now.getTime()) {
      await this.sessions.delete({ id: row.id });
      return null;
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      row.lastSeenAt = now;
      row.expiresAt = this.expiry(row.state, row.createdAt, now);
      await this.sessions.update({ id: row.id }, { lastSeenAt: now, expiresAt: row.expiresAt });
    }
    return toContext(row);
  }

  private expiry(state: SessionState, createdAt: Date, lastSeenAt: Date): Date {
    switch (state) {
      case SessionState.PendingMfa:
      case SessionState.PendingEnrollment:
        return new Date(createdAt.getTime() + PENDING_SESSION_LIFETIME_MS);
      case SessionState.Authenticated:
        return new Date(
          Math.min(
            createdAt.getTime() + AUTHENTICATED_SESSION_LIFETIME_MS,
            lastSeenAt.getTime() + AUTHENTICATED_SESSION_IDLE_MS,
          ),
        );
    }
  }

  private hashToken(token: string): string {
    return createHmac('sha256', this.config.sessionSecret).update(token).digest('hex');
  }

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.secureCookies,
      path: '/',
    };
  }
}

function toContext(row: Session): SessionContext {
  return {
    id: row.id,
    userId: row.userId,
    state: row.state,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
