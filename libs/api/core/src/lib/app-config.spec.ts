import {
  ConfigError,
  DEV_SESSION_SECRET,
  DEV_TOTP_ENCRYPTION_KEYS,
  loadAppConfig,
} from './app-config';

const STRONG_SECRET = 'k3J9x2Qv7LmP0aZr5TbW8yNc1HsD4fGu';
const KEY_A = Buffer.alloc(32, 0xa1).toString('base64');
const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');

function productionEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: STRONG_SECRET,
    SMTP_URL: 'smtp://mail.example.com:587',
    TOTP_ENCRYPTION_KEYS: `k1:${KEY_A}`,
    ...overrides,
  };
}

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe(loadAppConfig.name, () => {
  it('starts with no environment at all, in the embedded mode', () => {
    const sut = loadAppConfig({});

    expect(sut).toMatchObject({
      production: false,
      port: 3000,
      appUrl: 'http://localhost:3000',
      appOrigin: 'http://localhost:3000',
      secureCookies: false,
      appName: 'Twofold',
      database: { type: 'sqlite', path: 'data/twofold.sqlite' },
      smtpUrl: null,
      embeddedMail: true,
      mailFrom: 'Twofold <no-reply@twofold.localhost>',
      supportEmail: 'support@twofold.localhost',
      sessionSecret: DEV_SESSION_SECRET,
      sessionSecretIsDefault: true,
      totpEncryptionKeysAreDefault: true,
      mailCatcherSmtpPort: 1025,
      mailCatcherWebPort: 1080,
      seedDemoUser: true,
      mfaEnforcementDate: null,
      serveSpa: true,
      trustProxy: false,
    });
    expect(sut.logLevels).toEqual(['fatal', 'error', 'warn', 'log']);
  });

  it('reads every variable', () => {
    const sut = loadAppConfig(
      productionEnv({
        PORT: '8080',
        APP_URL: 'https://twofold.example.com/',
        APP_NAME: 'Acme',
        DATABASE_URL: 'mysql://app:secret@db:3306/twofold',
        MAIL_FROM: 'Acme <no-reply@example.com>',
        SUPPORT_EMAIL: 'help@example.com',
        SEED_DEMO_USER: 'true',
        LOG_LEVEL: 'warn',
        MFA_ENFORCEMENT_DATE: '2025-04-21',
        SERVE_SPA: 'false',
        TRUST_PROXY: '1',
      }),
    );

    expect(sut).toMatchObject({
      production: true,
      port: 8080,
      appUrl: 'https://twofold.example.com',
      appOrigin: 'https://twofold.example.com',
      secureCookies: true,
      appName: 'Acme',
      database: { type: 'mysql', url: 'mysql://app:secret@db:3306/twofold' },
      smtpUrl: 'smtp://mail.example.com:587',
      embeddedMail: false,
      supportEmail: 'help@example.com',
      seedDemoUser: true,
      serveSpa: false,
      trustProxy: 1,
    });
    expect(sut.logLevels).toEqual(['fatal', 'error', 'warn']);
    expect(sut.mfaEnforcementDate?.toISOString()).toBe('2025-04-21T00:00:00.000Z');
  });

  it('does not seed the demo account in production unless asked', () => {
    expect(loadAppConfig(productionEnv()).seedDemoUser).toBe(false);
  });

  it('refuses production without a session secret, naming the variable', () => {
    expect(configError(productionEnv({ SESSION_SECRET: undefined }))).toContain('SESSION_SECRET');
  });

  it.each(['change-me', 'changeme-changeme-changeme-changeme', DEV_SESSION_SECRET, 'a'.repeat(40)])(
    'refuses the placeholder secret %j in production',
    (secret) => {
      expect(configError(productionEnv({ SESSION_SECRET: secret }))).toContain('SESSION_SECRET');
    },
  );

  it('refuses a short session secret', () => {
    expect(configError({ SESSION_SECRET: 'short' })).toContain('SESSION_SECRET');
  });

  describe('TOTP_ENCRYPTION_KEYS', () => {
    it('uses a development key, flagged as the default, outside production', () => {
      const sut = loadAppConfig({});

      expect(sut.totpEncryptionKeys.currentKeyId).toBe(DEV_TOTP_ENCRYPTION_KEYS.split(':')[0]);
      expect(sut.totpEncryptionKeys.keys.get(sut.totpEncryptionKeys.currentKeyId)).toHaveLength(32);
    });

    it('reads several keys, the first being the current one', () => {
      const sut = loadAppConfig(
        productionEnv({ TOTP_ENCRYPTION_KEYS: `new:${KEY_B}, old:${KEY_A}` }),
      );

      expect(sut.totpEncryptionKeysAreDefault).toBe(false);
      expect(sut.totpEncryptionKeys.currentKeyId).toBe('new');
      expect(sut.totpEncryptionKeys.keys.get('new')?.equals(Buffer.alloc(32, 0xb2))).toBe(true);
      expect(sut.totpEncryptionKeys.keys.get('old')?.equals(Buffer.alloc(32, 0xa1))).toBe(true);
    });

    it('is required in production, and the development key is refused there', () => {
      expect(configError(productionEnv({ TOTP_ENCRYPTION_KEYS: undefined }))).toContain(
        'TOTP_ENCRYPTION_KEYS: is required in production',
      );
      expect(
        configError(productionEnv({ TOTP_ENCRYPTION_KEYS: DEV_TOTP_ENCRYPTION_KEYS })),
      ).toContain('TOTP_ENCRYPTION_KEYS: is the development default');
    });

    it.each([
      ['a key of 16 bytes', `k1:${Buffer.alloc(16, 1).toString('base64')}`],
      ['a key with characters outside base64', `k1:${KEY_A.slice(0, -4)}!!!=`],
      ['a key without an id', KEY_A],
      ['an id with a space', `k 1:${KEY_A}`],
      ['a repeated id', `k1:${KEY_A},k1:${KEY_B}`],
    ])('refuses %s, naming the variable', (_case, value) => {
      expect(configError({ TOTP_ENCRYPTION_KEYS: value })).toContain('TOTP_ENCRYPTION_KEYS');
    });
  });

  it('refuses an APP_NAME with a colon, which would break authenticator labels', () => {
    expect(configError({ APP_NAME: 'Acme: Staging' })).toContain('APP_NAME');
  });

  it('refuses production without SMTP_URL', () => {
    expect(configError(productionEnv({ SMTP_URL: undefined }))).toContain('SMTP_URL');
  });

  it.each([
    ['PORT', 'eighty'],
    ['APP_URL', 'localhost:3000'],
    ['DATABASE_URL', 'postgres://db/twofold'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['SUPPORT_EMAIL', 'not-an-address'],
    ['LOG_LEVEL', 'loud'],
    ['MFA_ENFORCEMENT_DATE', '21/04/2025'],
    ['SERVE_SPA', 'maybe'],
    ['SEED_DEMO_USER', 'maybe'],
    ['NODE_ENV', 'staging'],
  ])('stops on a bad %s and names it', (name, value) => {
    expect(configError({ [name]: value })).toContain(name);
  });

  it('says what shape MFA_ENFORCEMENT_DATE must have', () => {
    expect(configError({ MFA_ENFORCEMENT_DATE: '21/04/2025' })).toContain(
      'MFA_ENFORCEMENT_DATE: must be an ISO 8601 date (2025-04-21)',
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ PORT: '', SMTP_URL: '' })).toMatchObject({ port: 3000, smtpUrl: null });
  });
});
