import { EmailOtpPurpose, MfaMethod } from '@twofold/shared/contracts';
import {
  MailBranding,
  OtpMailContent,
  renderOtpMail,
  renderSecurityNotice,
} from './mail-templates';

const brand = (overrides: Partial<MailBranding> = {}): MailBranding => ({
  appName: 'Twofold',
  appUrl: 'http://localhost:3000',
  supportEmail: 'support@twofold.localhost',
  ...overrides,
});

const otp = (overrides: Partial<OtpMailContent> = {}): OtpMailContent => ({
  username: 'alice',
  code: '482913',
  purpose: EmailOtpPurpose.SignIn,
  expiresInMinutes: 10,
  ...overrides,
});

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe(renderOtpMail.name, () => {
  it('names the app and the purpose in the subject, without the code', () => {
    const sut = renderOtpMail(brand(), otp({ purpose: EmailOtpPurpose.EnableEmail }));

    expect(sut.subject).toBe('Twofold: your code to turn on email two-factor authentication');
    expect(sut.subject).not.toContain('482913');
  });

  it.each(Object.values(EmailOtpPurpose))('has a distinct subject for %s', (purpose) => {
    const subjects = Object.values(EmailOtpPurpose).map(
      (other) => renderOtpMail(brand(), otp({ purpose: other })).subject,
    );

    expect(
      subjects.filter((s) => s === renderOtpMail(brand(), otp({ purpose })).subject),
    ).toHaveLength(1);
  });

  it('puts the code exactly once in each part, big in the HTML', () => {
    const sut = renderOtpMail(brand(), otp());

    expect(occurrences(sut.text, '482913')).toBe(1);
    expect(occurrences(sut.html, '482913')).toBe(1);
    expect(sut.html).toMatch(/font-size:32px[^>]*>482913</);
  });

  it('shows the code before any digits of the username, for autofill and for readers', () => {
    const sut = renderOtpMail(brand(), otp({ username: 'user123456' }));
    const firstSixDigits = (part: string) => /(?<!\d)(\d{6})(?!\d)/.exec(part)?.[1];

    expect(firstSixDigits(sut.text)).toBe('482913');
    expect(firstSixDigits(sut.html.replace(/<[^>]+>/g, ' '))).toBe('482913');
  });

  it('says when the code expires, what to do if it was not asked for, and where to get help', () => {
    const sut = renderOtpMail(brand(), otp());

    for (const part of [sut.text, sut.html]) {
      expect(part).toContain('expires in');
      expect(part).toContain('10 minutes');
      expect(part).toContain('If you did not ask for this code');
      expect(part).toContain('support@twofold.localhost');
    }
  });

  it('escapes user-provided text in the HTML part', () => {
    const sut = renderOtpMail(
      brand({ appName: 'Two<b>fold' }),
      otp({ username: '<script>alert("x")</script>' }),
    );

    expect(sut.html).not.toContain('<script>');
    expect(sut.html).not.toContain('<b>');
    expect(sut.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(sut.text).toContain('the account <script>alert("x")</script>.');
  });

  it('carries nothing but what it was given: no other secrets', () => {
    const sut = renderOtpMail(brand(), otp());

    expect(`${sut.subject}${sut.text}${sut.html}`).not.toMatch(/secret|password hash|token/i);
    // The only six-digit run is the code itself.
    expect(sut.text.match(/\d{6}/g)).toEqual(['482913']);
  });
});

describe(renderSecurityNotice.name, () => {
  const notice = (event: 'factor-added' | 'factor-removed') =>
    renderSecurityNotice(brand(), {
      username: 'al"ice<',
      event,
      method: MfaMethod.Email,
      occurredAt: new Date('2026-04-21T08:30:00Z'),
    });

  it('tells the owner that email 2FA was turned on, in both parts', () => {
    const sut = notice('factor-added');

    expect(sut.subject).toBe('Twofold: email two-factor authentication was turned on');
    expect(sut.text).toContain('Email two-factor authentication was turned on');
    expect(sut.html).toContain('was turned on');
    expect(sut.text).toContain('Tue, 21 Apr 2026 08:30:00 GMT');
  });

  it('tells the owner that email 2FA was turned off, and what to do if it was not them', () => {
    const sut = notice('factor-removed');

    expect(sut.subject).toBe('Twofold: email two-factor authentication was turned off');
    expect(sut.text).toContain('If this was not you');
    expect(sut.html).toContain('support@twofold.localhost');
  });

  it('escapes the username in the HTML part', () => {
    const sut = notice('factor-added');

    expect(sut.html).toContain('Hello al&quot;ice&lt;,');
    expect(sut.html).not.toContain('al"ice<');
  });
});

describe('the authenticator-app notices', () => {
  const totpNotice = (event: 'factor-added' | 'factor-removed' | 'code-reused') =>
    renderSecurityNotice(brand(), {
      username: 'alice',
      event,
      method: MfaMethod.Totp,
      occurredAt: new Date('2026-04-21T08:30:00Z'),
    });

  it('names the authenticator app when it was turned on or off', () => {
    expect(totpNotice('factor-added').subject).toBe(
      'Twofold: the authenticator app (TOTP) was turned on',
    );
    expect(totpNotice('factor-removed').text).toContain(
      'The authenticator app (TOTP) was turned off for your Twofold account',
    );
  });

  it('tells the owner that a used code was tried again and refused, and what to do', () => {
    const sut = totpNotice('code-reused');

    expect(sut.subject).toBe('Twofold: an already used sign-in code was tried again');
    expect(sut.text).toContain('It was refused.');
    expect(sut.text).toContain(
      'someone knows your password and may have seen one of your codes: contact support at support@twofold.localhost right away.',
    );
    expect(sut.html).toContain('had already been used');
    expect(sut.text).not.toMatch(/\d{6}/);
  });
});

describe('advice when a mail was not expected', () => {
  const help = brand({ supportEmail: 'help@example.org' });
  const events = ['factor-added', 'factor-removed', 'code-reused'] as const;
  const everyMail = [
    ...Object.values(EmailOtpPurpose).map((purpose) => ({
      name: `the ${purpose} code mail`,
      mail: renderOtpMail(help, otp({ purpose })),
    })),
    ...Object.values(MfaMethod).flatMap((method) =>
      events.map((event) => ({
        name: `the ${event} notice for ${method}`,
        mail: renderSecurityNotice(help, {
          username: 'alice',
          event,
          method,
          occurredAt: new Date('2026-04-21T08:30:00Z'),
        }),
      })),
    ),
  ];

  // The app has no way to change a password, so a mail must not send anyone looking for one.
  it.each(everyMail)('$name does not tell the reader to change the password', ({ mail }) => {
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/chang\w*\W+(\w+\W+)?password/i);
    }
  });

  it.each(everyMail)(
    '$name says someone knows the password and to contact support right away',
    ({ mail }) => {
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain('someone knows your password');
        expect(part).toContain('contact support at help@example.org right away.');
      }
    },
  );

  it('says a reused code may have been seen by someone else', () => {
    const sut = renderSecurityNotice(help, {
      username: 'alice',
      event: 'code-reused',
      method: MfaMethod.Totp,
      occurredAt: new Date('2026-04-21T08:30:00Z'),
    });

    expect(sut.text).toContain('may have seen one of your codes');
  });
});
