import { NestFactory } from '@nestjs/core';
import { DomainError, loadAppConfig } from '@twofold/api/core';
import { UsersService } from '@twofold/api/users';
import { Role } from '@twofold/shared/contracts';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CliModule } from './cli-module';

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Asks for a secret without echoing it. */
  readonly askSecret: (question: string) => Promise<string>;
}

const USAGE =
  'Usage: npm run user:create -- --username NAME --email ADDRESS [--role user|admin]\n' +
  'The password is read from TWOFOLD_PASSWORD, or asked for when it is not set.';

/**
 * `npm run user:create`: creates a user or an admin in the database of `DATABASE_URL`, with the
 * same rules as sign-up. Answers the process exit code.
 */
export async function runCreateUserCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = consoleIo(),
): Promise<number> {
  let values: { username?: string; email?: string; role?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string', default: Role.User },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const role = Object.values(Role).find((candidate) => candidate === values.role);
  if (!values.username || !values.email || !role) {
    io.err(USAGE);
    return 2;
  }

  const password = env['TWOFOLD_PASSWORD'] ?? (await io.askSecret('Password: '));
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadAppConfig(env)), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const user = await app
      .get(UsersService)
      .create({ username: values.username, email: values.email, password, role });
    io.out(`Created ${user.role} "${user.username}" <${user.email}> (id ${user.id}).`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      const details = Object.entries(error.options.fields ?? {}).map(
        ([field, messages]) => `  ${field}: ${messages.join(' ')}`,
      );
      io.err([error.message, ...details].join('\n'));
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

function consoleIo(): CommandIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    askSecret: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({
          input: process.stdin,
          output: process.stdout,
          terminal: true,
        });
        const muted = rl as unknown as { _writeToOutput: (text: string) => void };
        rl.question(question, (answer) => {
          rl.close();
          process.stdout.write('\n');
          resolve(answer);
        });
        // Keep the typed password off the screen: only the question is written.
        muted._writeToOutput = (text: string) => {
          if (text.startsWith(question)) {
            process.stdout.write(question);
          }
        };
      }),
  };
}
