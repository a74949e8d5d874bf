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

  it('refuses to start on a port that is taken, naming it', async () => {
    const second = new EmbeddedMailCatcher({ smtpPort: addresses.smtpPort, webPort: 0 });

    await expect(second.start()).rejects.toThrow(
      `could not listen on 127.0.0.1:${addresses.smtpPort}: EADDRINUSE`,
    );
  });
});
