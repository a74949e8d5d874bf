// Measures how long POST /api/auth/login takes for a wrong password and for an unknown user,
// against the built API (`npm run build` first). The two should be close: a large gap would tell
// an attacker which usernames exist. Prints numbers; asserts nothing.
//
//   node tools/bench/sign-in-timing.mjs [rounds]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 20);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), 'twofold-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    APP_URL: base,
    DATABASE_URL: `sqlite:${join(dataDir, 'bench.sqlite')}`,
    MAIL_CATCHER_SMTP_PORT: String(await freePort()),
    MAIL_CATCHER_WEB_PORT: String(await freePort()),
    SEED_DEMO_USER: 'false',
    SERVE_SPA: 'false',
    LOG_LEVEL: 'error',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  for (let waited = 0; ; waited += 250) {
    const ok = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (waited > 30_000) throw new Error('The API did not start within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  // A cookie jar of one: the XSRF token the API hands out, sent back as Angular would.
  let cookies = '';
  const call = async (path, body) => {
    const token = /XSRF-TOKEN=([^;]+)/.exec(cookies)?.[1] ?? '';
    const response = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'x-xsrf-token': token, cookie: cookies },
      body: body ? JSON.stringify(body) : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const name = pair.split('=')[0];
      cookies = [...cookies.split('; ').filter((c) => c && !c.startsWith(`${name}=`)), pair].join(
        '; ',
      );
    }
    return response;
  };

  await call('/api/auth/session');
  const account = {
    username: 'benchuser',
    email: 'bench@example.com',
    password: 'a long bench passphrase',
  };
  await call('/api/auth/signup', account);
  await call('/api/auth/logout', {});

  const time = async (username) => {
    const started = process.hrtime.bigint();
    await call('/api/auth/login', { username, password: 'not the password at all' });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const wrong = [];
  const unknown = [];
  for (let round = 0; round < rounds; round += 1) {
    wrong.push(await time(account.username));
    unknown.push(await time(`nobody${round}`));
  }

  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  console.log(`sign-in timing over ${rounds} rounds (median ms)`);
  console.log(`  wrong password: ${median(wrong).toFixed(1)}`);
  console.log(`  unknown user:   ${median(unknown).toFixed(1)}`);
  console.log(`  ratio unknown/wrong: ${(median(unknown) / median(wrong)).toFixed(2)}`);
} finally {
  api.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
