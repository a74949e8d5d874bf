import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the test SMTP server accepted, parsed. */
export interface CapturedMail {
  readonly to: readonly string[];
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface NextMailOptions {
  readonly timeoutMs?: number;
  readonly where?: (mail: CapturedMail) => boolean;
}

type Outage = 'none' | 'refuse';

// Six digits standing alone: not part of a longer number, nor of a name such as `user123456`.
const CODE_PATTERN = /(?<!\w)(\d{6})(?!\w)/;

/**
 * A real SMTP server on 127.0.0.1 that records every message, so that a test reads its codes
 * exactly as a person reads their inbox. It can refuse mail, or go away and come back on the
 * same port, to play a mail server that is down.
 */
export class MailCapture {
  private server: SMTPServer | null = null;
  private port = 0;
  private outage: Outage = 'none';
  private readonly mails: CapturedMail[] = [];
  private readonly claimed = new Set<CapturedMail>();
  private readonly waiters = new Set<() => void>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  get smtpPort(): number {
    return this.port;
  }

  /** Every message received so far, oldest first. */
  get all(): readonly CapturedMail[] {
    return this.mails;
  }

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no STARTTLS offer, so no self-signed certificate to trust.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onMailFrom: (_address, _session, callback) => {
        if (this.outage === 'refuse') {
          const error = new Error('Service unavailable, try later') as Error & {
            responseCode: number;
          };
          error.responseCode = 421;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    server.on('error', () => undefined);

    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** The mail server goes away: connections to its port are refused until `comeBack()`. */
  async goDown(): Promise<void> {
    await this.stop();
  }

  async comeBack(): Promise<void> {
    await this.start(this.port);
  }

  /** The server stays up but answers every message with a temporary failure (SMTP 421). */
  refuseMail(refuse: boolean): void {
    this.outage = refuse ? 'refuse' : 'none';
  }

  mailsTo(address: string): CapturedMail[] {
    const wanted = address.toLowerCase();
    return this.mails.filter((mail) => mail.to.includes(wanted));
  }

  /**
   * The oldest message to `address` that no earlier call has taken (and that `where` accepts);
   * waits for it to arrive.
   */
  async nextMail(address: string, options: NextMailOptions = {}): Promise<CapturedMail> {
    const { timeoutMs = 5_000, where = () => true } = options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = this.unclaimed(address).find(where);
      if (mail) {
        this.claimed.add(mail);
        return mail;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`No mail to ${address} within ${timeoutMs} ms`);
      }
      await this.arrival(left);
    }
  }

  /** Waits for the next mail to `address` that carries a code, and returns the code. */
  async nextCode(address: string, timeoutMs?: number): Promise<string> {
    return codeIn(await this.nextMail(address, { timeoutMs, where: hasCode }));
  }

  /** Gives late deliveries a moment, then fails if a new code reached `address`. */
  async expectNoNewCode(address: string, settleMs = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const unexpected = this.unclaimed(address).filter(hasCode);
    if (unexpected.length > 0) {
      throw new Error(
        `Expected no new code for ${address}, got: ${unexpected.map((m) => m.subject).join(', ')}`,
      );
    }
  }

  private unclaimed(address: string): CapturedMail[] {
    return this.mailsTo(address).filter((mail) => !this.claimed.has(mail));
  }

  private arrival(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private async receive(stream: NodeJS.ReadableStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream as Parameters<typeof simpleParser>[0]);
    this.mails.push({
      to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
      from: parsed.from?.text ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    });
    for (const wake of [...this.waiters]) {
      wake();
    }
  }
}

/** The six-digit code a person would read in the mail (the plain-text part first). */
export function codeIn(mail: CapturedMail): string {
  const match = CODE_PATTERN.exec(mail.text) ?? CODE_PATTERN.exec(stripTags(mail.html));
  if (!match?.[1]) {
    throw new Error(`No six-digit code in the mail "${mail.subject}"`);
  }
  return match[1];
}

export function hasCode(mail: CapturedMail): boolean {
  return CODE_PATTERN.test(mail.text) || CODE_PATTERN.test(stripTags(mail.html));
}

function stripTags(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ');
}
