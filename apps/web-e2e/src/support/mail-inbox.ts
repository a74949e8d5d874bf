import { simpleParser } from 'mailparser';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** One mail as the test reads it. */
export interface StoredMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

// Six digits standing alone: not part of a longer number, nor of a name such as `user123456`.
const CODE_PATTERN = /(?<!\w)(\d{6})(?!\w)/;

/**
 * A real SMTP server for the browser suite. It runs in Playwright's main process and files every
 * message as JSON in a folder, which the test workers read: the inbox a person would open.
 */
export async function startMailServer(
  folder: string,
): Promise<{ port: number; stop(): Promise<void> }> {
  mkdirSync(folder, { recursive: true });
  let sequence = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          sequence += 1;
          const mail: StoredMail = {
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          const name = `${String(sequence).padStart(6, '0')}.json`;
          writeFileSync(join(folder, `.${name}`), JSON.stringify(mail));
          renameSync(join(folder, `.${name}`), join(folder, name));
          callback();
        })
        .catch((error: unknown) =>
          callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The test's side of the inbox: waits for the next mail to an address, and reads each mail once. */
export class Inbox {
  private readonly read = new Set<string>();

  constructor(private readonly folder: string) {}

  /** The code in the next unread mail to an address that carries one. */
  nextCode(address: string, timeoutMs = 15_000): Promise<string> {
    return this.next(
      address,
      (mail) => CODE_PATTERN.exec(mail.text)?.[1],
      timeoutMs,
      `No code mailed to ${address} within ${timeoutMs} ms`,
    );
  }

  /** The next unread mail to an address whose subject matches, such as a security notice. */
  nextMail(address: string, subject: RegExp, timeoutMs = 15_000): Promise<StoredMail> {
    return this.next(
      address,
      (mail) => (subject.test(mail.subject) ? mail : undefined),
      timeoutMs,
      `No mail to ${address} with a subject like ${subject} within ${timeoutMs} ms`,
    );
  }

  private async next<T>(
    address: string,
    pick: (mail: StoredMail) => T | undefined,
    timeoutMs: number,
    failure: string,
  ): Promise<T> {
    const wanted = address.toLowerCase();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const name of readdirSync(this.folder)
        .filter((file) => /^\d+\.json$/.test(file))
        .sort()) {
        if (this.read.has(name)) {
          continue;
        }
        const mail = JSON.parse(readFileSync(join(this.folder, name), 'utf8')) as StoredMail;
        const picked = mail.to.includes(wanted) ? pick(mail) : undefined;
        if (picked !== undefined) {
          this.read.add(name);
          return picked;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(failure);
  }
}
