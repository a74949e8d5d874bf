import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { renderInboxPage, renderMessagePage } from './inbox-page';

/** A mail as the catcher received it; the JSON shape of `GET /messages`. */
export interface CaughtMail {
  readonly id: string;
  readonly receivedAt: string;
  readonly from: string;
  /** The envelope recipients, which is where the mail really went. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

export interface EmbeddedMailCatcherOptions {
  /** 0 picks a free port (tests); `start()` answers the real one. */
  readonly smtpPort: number;
  readonly webPort: number;
  /** Defaults to 127.0.0.1: the catcher holds every code of every user and must stay local. */
  readonly host?: string;
  /** How many mails are kept, newest first. */
  readonly capacity?: number;
}

export interface MailCatcherAddresses {
  readonly smtpPort: number;
  readonly webPort: number;
  readonly smtpUrl: string;
  readonly webUrl: string;
}

const DEFAULT_CAPACITY = 200;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_MAIL_BYTES = 5 * 1024 * 1024;

/**
 * A development SMTP server that keeps the last mails in memory and shows them in a small web
 * inbox, so that `npm start` works without a real mail server. Never for production.
 */
export class EmbeddedMailCatcher {
  private readonly logger = new Logger(EmbeddedMailCatcher.name);
  private readonly host: string;
  private readonly capacity: number;
  private mails: CaughtMail[] = [];
  private smtp?: SMTPServer;
  private web?: Server;
  private webPort = 0;

  constructor(private readonly options: EmbeddedMailCatcherOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
  }

  /** Newest first. */
  get messages(): readonly CaughtMail[] {
    return this.mails;
  }

  clear(): void {
    this.mails = [];
  }

  async start(): Promise<MailCatcherAddresses> {
    if (this.smtp || this.web) {
      throw new Error('The mail catcher is already running');
    }

    const smtp = new SMTPServer({
      authOptional: true,
      // Accept any credentials so that an SMTP_URL with a user and password also works locally.
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'catcher' }),
      disabledCommands: ['STARTTLS'],
      size: MAX_MAIL_BYTES,
      logger: false,
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    smtp.on('error', (error) => this.logger.warn(`Mail catcher SMTP error: ${error.message}`));
    const web = createServer((request, response) => this.handle(request, response));

    try {
      this.smtp = smtp;
      const smtpPort = await listen(smtp.server, this.options.smtpPort, this.host, 'SMTP');
      this.web = web;
      const webPort = await listen(web, this.options.webPort, this.host, 'web inbox');
      this.webPort = webPort;
      return {
        smtpPort,
        webPort,
        smtpUrl: `smtp://${this.host}:${smtpPort}`,
        webUrl: `http://${this.host === '127.0.0.1' ? 'localhost' : this.host}:${webPort}`,
      };
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const smtp = this.smtp;
    const web = this.web;
    this.smtp = undefined;
    this.web = undefined;
    await Promise.all([
      smtp?.server.listening
        ? new Promise<void>((resolve) => smtp.close(() => resolve()))
        : Promise.resolve(),
      web?.listening
        ? new Promise<void>((resolve) => {
            web.closeAllConnections();
            web.close(() => resolve());
          })
        : Promise.resolve(),
    ]);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) {
      throw new Error('Message too large for the mail catcher');
    }

    const envelopeFrom = session.envelope.mailFrom;
    const mail: CaughtMail = {
      id: randomUUID(),
      receivedAt: new Date().toISOString(),
      from: parsed.from?.text ?? (envelopeFrom ? envelopeFrom.address : ''),
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || null,
    };
    this.mails = [mail, ...this.mails].slice(0, this.capacity);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    // Listening on loopback is not enough: a page on any site can point its own name at
    // 127.0.0.1 (DNS rebinding) and read the inbox as same-origin. Its requests carry its name.
    if (!this.isOwnHost(request.headers.host)) {
      this.logger.warn('Mail catcher refused a request for another host name');
      send(response, 421, 'text/plain', 'This inbox answers only at localhost.');
      return;
    }

    const path = new URL(request.url ?? '/', 'http://catcher').pathname;
    const messageId = /^\/messages\/([0-9a-f-]{36})$/.exec(path)?.[1];
    const viewId = /^\/view\/([0-9a-f-]{36})$/.exec(path)?.[1];

    if (request.method === 'DELETE' && path === '/messages') {
      this.clear();
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, 'application/json', JSON.stringify({ error: 'method not allowed' }));
      return;
    }
    if (path === '/') {
      send(response, 200, 'text/html', renderInboxPage(this.mails, this.capacity));
      return;
    }
    if (path === '/messages') {
      send(response, 200, 'application/json', JSON.stringify(this.mails));
      return;
    }

    const mail = this.mails.find((candidate) => candidate.id === (messageId ?? viewId));
    if (mail && messageId) {
      send(response, 200, 'application/json', JSON.stringify(mail));
    } else if (mail && viewId) {
      send(response, 200, 'text/html', renderMessagePage(mail));
    } else {
      send(response, 404, 'application/json', JSON.stringify({ error: 'not found' }));
    }
  }

  /** Whether a `Host` header names this inbox: a loopback name (or its own host) and its port. */
  private isOwnHost(header: string | undefined): boolean {
    const match = /^(\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec((header ?? '').toLowerCase());
    if (!match?.[1]) {
      return false;
    }
    const port = match[2] === undefined ? 80 : Number(match[2]);
    return (LOOPBACK_NAMES.has(match[1]) || match[1] === this.host) && port === this.webPort;
  }
}

function listen(server: NetServer, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          `The mail catcher's ${what} could not listen on ${host}:${port}: ${error.code ?? error.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
    server.listen(port, host);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Mail bodies are rendered in a sandboxed srcdoc iframe, which inherits this policy: no
    // scripts anywhere, no remote loads.
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
  });
  response.end(body);
}
