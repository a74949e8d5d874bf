import { request as httpRequest } from 'node:http';
import { createTransport } from 'nodemailer';
import { CaughtMail, EmbeddedMailCatcher, MailCatcherAddresses } from './embedded-mail-catcher';

describe(EmbeddedMailCatcher.name, () => {
  let sut: EmbeddedMailCatcher;
  let addresses: MailCatcherAddresses;

  beforeEach(async () => {
    sut = new EmbeddedMailCatcher({ smtpPort: 0, webPort: 0, capacity: 3 });
    addresses = await sut.start();
  });

  afterEach(() => sut.stop());

  const sendMail = (overrides: { subject?: string; html?: string; text?: string } = {}) =>
    createTransport({ url: addresses.smtpUrl }).sendMail({
      from: 'Twofold <no-reply@twofold.localhost>',
      to: 'alice@example.com',
      subject: 'Your code',
      text: 'Your code is 123456',
      html: '<p>Your code is <b>123456</b></p>',
      ...overrides,
    });

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${addresses.webUrl}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('listens on 127.0.0.1 only', () => {
    expect(addresses.smtpUrl).toBe(`smtp://127.0.0.1:${addresses.smtpPort}`);
  });

  it('serves a mail sent over SMTP back as JSON, both parts included', async () => {
    await sendMail();

    const [mail] = await getJson<CaughtMail[]>('/messages');

    expect(mail).toMatchObject({
      from: '"Twofold" <no-reply@twofold.localhost>',
      to: ['alice@example.com'],
      subject: 'Your code',
      text: 'Your code is 123456',
      html: '<p>Your code is <b>123456</b></p>',
    });
    await expect(getJson<CaughtMail>(`/messages/${mail.id}`)).resolves.toEqual(mail);
  });

  it('keeps only the newest mails up to its capacity', async () => {
    for (const n of [1, 2, 3, 4]) {
      await sendMail({ subject: `mail ${n}` });
    }

    const mails = await getJson<CaughtMail[]>('/messages');

    expect(mails.map((mail) => mail.subject)).toEqual(['mail 4', 'mail 3', 'mail 2']);
  });

  it('shows an inbox page a person can read, with escaped subjects', async () => {
    await sendMail({ subject: '<img src=x onerror=alert(1)>' });

    const response = await fetch(`${addresses.webUrl}/`);
    const page = await response.text();

    expect(response.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img');
  });

  it('renders the HTML part in a sandboxed frame and the text part as text', async () => {
    await sendMail({ html: '<p onclick="steal()">"quoted"</p>' });
    const [mail] = sut.messages;

    const response = await fetch(`${addresses.webUrl}/view/${mail.id}`);
    const page = await response.text();

    expect(page).toContain(
      '<iframe sandbox="" title="HTML part" srcdoc="&lt;p onclick=&quot;steal()&quot;&gt;&quot;quoted&quot;&lt;/p&gt;">',
    );
    expect(page).toContain('<pre>Your code is 123456</pre>');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers 404 for an unknown message and empties the inbox on DELETE', async () => {
    await sendMail();

    const missing = await fetch(
      `${addresses.webUrl}/messages/00000000-0000-0000-0000-000000000000`,
    );
    const cleared = await fetch(`${addresses.webUrl}/messages`, { method: 'DELETE' });

    expect(missing.status).toBe(404);
    expect(cleared.status).toBe(204);
    await expect(getJson<CaughtMail[]>('/messages')).resolves.toEqual([]);
  });

  /** A request with a `Host` header of our choosing, as a page on a rebound domain sends it. */
  const getWithHost = (
    host: string,
    path = '/messages',
    method = 'GET',
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: addresses.webPort, path, method, headers: { Host: host } },
        (incoming) => {
          let body = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (body += chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])(
    'answers a request for %s with its port',
    async (name) => {
      await sendMail();

      const answer = await getWithHost(`${name}:${addresses.webPort}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toContain('123456');
    },
  );

  it.each([
    ['another name (DNS rebinding)', 'attacker.example'],
    ['another name on its port', 'attacker.example:PORT'],
    ['a loopback name on another port', 'localhost:1'],
    ['a loopback name without the port', 'localhost'],
    ['a name that only starts like localhost', 'localhost.attacker.example:PORT'],
  ])('refuses a request for %s with 421, showing no mail', async (_case, host) => {
    await sendMail();

    const page = await getWithHost(host.replace('PORT', String(addresses.webPort)), '/');
    const list = await getWithHost(host.replace('PORT', String(addresses.webPort)));

    for (const answer of [page, list]) {
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain('123456');
      expect(answer.body).not.toContain('alice@example.com');
    }
  });

  it('does not empty the inbox for a request to another host', async () => {
    await sendMail();

    const answer = await getWithHost(
      `attacker.example:${addresses.webPort}`,
      '/messages',
      'DELETE',
    );

    expect(answer.status).toBe(421);
    expect(sut.messages).toHaveLength(1);
  });

  it('refuses to start on a port that is taken, naming it', async () => {
    const second = new EmbeddedMailCatcher({ smtpPort: addresses.smtpPort, webPort: 0 });

    await expect(second.start()).rejects.toThrow(
      `could not listen on 127.0.0.1:${addresses.smtpPort}: EADDRINUSE`,
    );
  });
});
