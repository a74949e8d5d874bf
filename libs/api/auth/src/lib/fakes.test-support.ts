import { AppConfig, Clock, loadAppConfig } from '@twofold/api/core';
import { User } from '@twofold/api/users';
import { Role } from '@twofold/shared/contracts';
import type { CookieOptions, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthFailure } from './auth-failure.entity';
import { Session } from './session.entity';
import type { SessionRequest } from './session-request';

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

export function testConfig(env: NodeJS.ProcessEnv = {}): AppConfig {
  return loadAppConfig({ SESSION_SECRET: 'unit-test-secret-0123456789abcdef', ...env });
}

/** A real SQLite database in memory with the tables of users and auth. */
export async function testDatabase(): Promise<DataSource> {
  // The app's schema comes from its migrations; a lib test only needs the entities' tables.
  return new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: [User, Session, AuthFailure],
    synchronize: true,
  }).initialize();
}

export async function insertUser(dataSource: DataSource, username = 'ada'): Promise<User> {
  const user: User = {
    id: randomUUID(),
    username,
    email: `${username}@example.com`,
    passwordHash: 'unused',
    role: Role.User,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  await dataSource.getRepository(User).insert(user);
  return user;
}

/** The cookies a response set, as a browser would keep them (last value wins, cleared = gone). */
export interface FakeResponse extends Response {
  readonly jar: Map<string, string>;
}

export function fakeResponse(): FakeResponse {
  const headers = new Map<string, string[]>();
  const jar = new Map<string, string>();
  const res = {
    jar,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string[]) => {
      headers.set(name.toLowerCase(), value);
      rebuildJar();
      return res;
    },
    cookie: (name: string, value: string, _options?: CookieOptions) => {
      headers.set('set-cookie', [...(headers.get('set-cookie') ?? []), `${name}=${value}`]);
      rebuildJar();
      return res;
    },
    clearCookie: (name: string) => {
      headers.set('set-cookie', [...(headers.get('set-cookie') ?? []), `${name}=`]);
      rebuildJar();
      return res;
    },
  };
  function rebuildJar(): void {
    jar.clear();
    for (const cookie of headers.get('set-cookie') ?? []) {
      const [name, value] = cookie.split(/=(.*)/s) as [string, string];
      if (value) {
        jar.set(name, value);
      } else {
        jar.delete(name);
      }
    }
  }
  return res as unknown as FakeResponse;
}

export function fakeRequest(cookies: Record<string, string> = {}): SessionRequest {
  return { cookies, headers: {}, ip: '203.0.113.7' } as unknown as SessionRequest;
}
