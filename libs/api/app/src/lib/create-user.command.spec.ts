import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CommandIo, runCreateUserCommand } from './create-user.command';

function recordingIo(secret = 'typed at the prompt, long enough'): CommandIo & {
  readonly lines: string[];
  readonly errors: string[];
  readonly prompts: string[];
} {
  const lines: string[] = [];
  const errors: string[] = [];
  const prompts: string[] = [];
  return {
    lines,
    errors,
    prompts,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    askSecret: async (question) => {
      prompts.push(question);
      return secret;
    },
  };
}

describe(runCreateUserCommand.name, () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;
  const suffix = Math.random().toString(36).slice(2, 8);

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'twofold-cli-'));
    env = {
      DATABASE_URL: process.env['DATABASE_URL'] ?? `sqlite:${join(folder, 'cli.sqlite')}`,
      LOG_LEVEL: 'error',
    };
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function storedRole(username: string): Promise<string | undefined> {
    const url = env['DATABASE_URL'] ?? '';
    const dataSource = await new DataSource(
      url.startsWith('sqlite:')
        ? { type: 'better-sqlite3', database: url.slice('sqlite:'.length) }
        : { type: 'mysql', url },
    ).initialize();
    try {
      const rows: { role: string }[] = await dataSource.query(
        'SELECT role FROM users WHERE username = ?',
        [username],
      );
      return rows[0]?.role;
    } finally {
      await dataSource.destroy();
    }
  }

  it('creates an admin with the password from TWOFOLD_PASSWORD, on a fresh database', async () => {
    const io = recordingIo();
    const username = `root-${suffix}`;

    const code = await runCreateUserCommand(
      ['--username', username, '--email', `${username}@example.com`, '--role', 'admin'],
      { ...env, TWOFOLD_PASSWORD: 'an admin passphrase of some length' },
      io,
    );

    expect(code).toBe(0);
    expect(io.prompts).toEqual([]);
    expect(io.lines.join('\n')).toContain(`admin "${username}"`);
    expect(io.lines.join('\n')).not.toContain('passphrase');
    await expect(storedRole(username)).resolves.toBe('admin');
  });

  it('asks for the password when the variable is not set', async () => {
    const io = recordingIo();
    const username = `user-${suffix}`;

    const code = await runCreateUserCommand(
      ['--username', username, '--email', `${username}@example.com`],
      env,
      io,
    );

    expect(code).toBe(0);
    expect(io.prompts).toEqual(['Password: ']);
    await expect(storedRole(username)).resolves.toBe('user');
  });

  it('refuses a common password with the reason', async () => {
    const io = recordingIo();

    const code = await runCreateUserCommand(
      ['--username', `weak-${suffix}`, '--email', `weak-${suffix}@example.com`],
      { ...env, TWOFOLD_PASSWORD: 'password123' },
      io,
    );

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain('too common');
  });

  it.each([
    [[]],
    [['--username', 'x']],
    [['--username', 'x', '--email', 'x@y.z', '--role', 'root']],
  ])('shows the usage for %j', async (argv) => {
    const io = recordingIo();

    await expect(runCreateUserCommand(argv, env, io)).resolves.toBe(2);
    expect(io.errors.join('\n')).toContain('Usage');
  });
});
