import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A database of its own for one test file, and how to throw it away. */
export interface TestDatabase {
  readonly url: string;
  readonly kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

/**
 * SQLite in a temporary file by default. When `DATABASE_URL` names a MySQL/MariaDB server, a
 * database `twofold_e2e_<name>_<random>` is created there for this file and dropped afterwards,
 * so files, and runs on one server at the same time, never see each other's rows.
 */
export async function createTestDatabase(name: string): Promise<TestDatabase> {
  const given = process.env['DATABASE_URL'] ?? '';
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_');

  if (given.startsWith('mysql')) {
    const suffix = randomBytes(4).toString('hex');
    return createMysqlDatabase(given, `twofold_e2e_${slug.slice(0, 40)}_${suffix}`);
  }

  const file = join(tmpdir(), `twofold-e2e-${slug}-${randomBytes(4).toString('hex')}.sqlite`);
  return {
    url: `sqlite:${file}`,
    kind: 'sqlite',
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        await rm(`${file}${suffix}`, { force: true });
      }
    },
  };
}

async function createMysqlDatabase(serverUrl: string, database: string): Promise<TestDatabase> {
  const url = new URL(serverUrl);
  const admin = () =>
    createConnection({
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });

  const connection = await admin();
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await connection.end();
  }

  const own = new URL(serverUrl);
  own.pathname = `/${database}`;
  return {
    url: own.toString(),
    kind: 'mysql',
    drop: async () => {
      const dropper = await admin();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS \`${database}\``);
      } finally {
        await dropper.end();
      }
    },
  };
}
