import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startMailServer } from './support/mail-inbox';

const workspace = resolve(__dirname, '../../..');
const apiMain = join(workspace, 'dist/apps/api/main.js');
const spaIndex = join(workspace, 'dist/apps/web/browser/index.html');
const logFile = join(workspace, 'dist/.playwright/apps/web-e2e/api.log');
// Random, so that two runs against one server (CI and a developer, say) keep apart.
const MYSQL_DATABASE = `twofold_e2e_web_${randomBytes(4).toString('hex')}`;

/**
 * Starts what a person's browser talks to: a test SMTP server and the built app on a free port,
 * with a database of its own. Tells the tests where both are through the environment, and
 * returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const artifact of [apiMain, spaIndex]) {
    if (!existsSync(artifact)) {
      throw new Error(`${artifact} is missing: run \`npx nx run-many -t build -p api web\` first`);
    }
  }

  const scratch = mkdtempSync(join(tmpdir(), 'twofold-web-e2e-'));
  const mailFolder = join(scratch, 'mail');
  const mail = await startMailServer(mailFolder);
  const database = await prepareDatabase(scratch);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const app = spawn(process.execPath, [apiMain], {
    cwd: workspace,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: baseUrl,
      DATABASE_URL: database.url,
      SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      TOTP_ENCRYPTION_KEYS: `e2e:${randomBytes(32).toString('base64')}`,
      SEED_DEMO_USER: 'false',
      SERVE_SPA: 'true',
      LOG_LEVEL: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  app.stdout?.pipe(log);
  app.stderr?.pipe(log);

  const teardown = async () => {
    await stop(app);
    await mail.stop();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, app);
  } catch (error) {
    await teardown();
    throw error;
  }

  process.env['TWOFOLD_E2E_BASE_URL'] = baseUrl;
  process.env['TWOFOLD_E2E_MAIL_DIR'] = mailFolder;
  return teardown;
}

async function prepareDatabase(scratch: string): Promise<{ url: string; drop(): Promise<void> }> {
  const given = process.env['DATABASE_URL'] ?? '';
  if (!given.startsWith('mysql')) {
    return { url: `sqlite:${join(scratch, 'twofold.sqlite')}`, drop: async () => undefined };
  }

  const server = new URL(given);
  const admin = () =>
    createConnection({
      host: server.hostname,
      port: server.port ? Number(server.port) : 3306,
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    });
  const connection = await admin();
  await connection.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
  await connection.query(`CREATE DATABASE \`${MYSQL_DATABASE}\` CHARACTER SET utf8mb4`);
  await connection.end();

  const own = new URL(given);
  own.pathname = `/${MYSQL_DATABASE}`;
  return {
    url: own.toString(),
    drop: async () => {
      const dropper = await admin();
      await dropper.query(`DROP DATABASE IF EXISTS \`${MYSQL_DATABASE}\``);
      await dropper.end();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) {
      throw new Error(`The app exited with ${app.exitCode}:\n${readFileSync(logFile, 'utf8')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`The app did not become healthy within 60 s:\n${readFileSync(logFile, 'utf8')}`);
}

async function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolveExit) => app.once('exit', () => resolveExit()));
  app.kill('SIGTERM');
  const timer = setTimeout(() => app.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
