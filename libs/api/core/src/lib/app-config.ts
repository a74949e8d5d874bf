import { LogLevel } from '@nestjs/common';
import { z } from 'zod';

/** The session secret used when none is set outside production. Production refuses it. */
export const DEV_SESSION_SECRET = 'twofold-dev-only-session-secret-do-not-use-in-production';

const PLACEHOLDER_SECRETS = [
  DEV_SESSION_SECRET,
  'change-me',
  'changeme',
  'change_me',
  'changeit',
  'secret',
  'your-secret',
  'your-session-secret',
  'replace-me',
  'replace-with-a-long-random-secret',
  'placeholder',
  'example',
  'todo',
];

/**
 * The TOTP encryption key used when none is set outside production. It is public, so production
 * refuses it: secrets sealed with it are as good as plain text.
 */
export const DEV_TOTP_ENCRYPTION_KEYS = 'dev:ZGV2LW9ubHktdG90cC1rZXktbm90LWZvci1wcm9kLiE=';

/** Keys that seal TOTP secrets at rest, by id; the first configured key is the current one. */
export interface TotpEncryptionKeys {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const LOG_LEVEL_ORDER: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string }
  | { readonly type: 'mysql'; readonly url: string };

/** The configuration of the API, validated once at start. Inject it by this class. */
export class AppConfig {
  readonly nodeEnv!: 'development' | 'production' | 'test';
  readonly production!: boolean;
  readonly port!: number;
  /** `APP_URL` without a trailing slash. */
  readonly appUrl!: string;
  /** The origin of `APP_URL`, compared with the `Origin` header of unsafe requests. */
  readonly appOrigin!: string;
  /** True when the app is served over https: cookies get `Secure`. */
  readonly secureCookies!: boolean;
  readonly appName!: string;
  readonly database!: DatabaseConfig;
  /** `SMTP_URL`, or null when the embedded mail catcher stands in for it. */
  readonly smtpUrl!: string | null;
  /** True without `SMTP_URL` outside production: the embedded mail catcher receives the mail. */
  readonly embeddedMail!: boolean;
  readonly mailFrom!: string;
  readonly supportEmail!: string;
  readonly sessionSecret!: string;
  /** True when the dev-only default secret is in use (a warning is logged at start). */
  readonly sessionSecretIsDefault!: boolean;
  /** `TOTP_ENCRYPTION_KEYS`: AES-256-GCM keys for TOTP secrets at rest. */
  readonly totpEncryptionKeys!: TotpEncryptionKeys;
  /** True when the dev-only default key is in use (a warning is logged at start). */
  readonly totpEncryptionKeysAreDefault!: boolean;
  readonly mailCatcherSmtpPort!: number;
  readonly mailCatcherWebPort!: number;
  readonly seedDemoUser!: boolean;
  readonly logLevels!: LogLevel[];
  /** When 2FA becomes mandatory, or null when no date is set. */
  readonly mfaEnforcementDate!: Date | null;
  readonly serveSpa!: boolean;
  /** Express's `trust proxy` setting (`TRUST_PROXY`), so that `req.ip` is the client's. */
  readonly trustProxy!: boolean | number | string;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

/** A variable that is missing or wrong; the message names it and says what is expected. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().optional());

const booleanFlag = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) =>
        value === undefined ? fallback : ['true', '1', 'yes'].includes(value),
      ),
  );

const port = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a port number')
      .min(0, 'must be a port number')
      .max(65535, 'must be a port number')
      .default(fallback),
  );

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  PORT: port(3000),
  APP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000'),
  ),
  APP_NAME: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .max(64)
      // It is the issuer of authenticator-app entries, whose label splits at the first colon.
      .refine((value) => !value.includes(':'), { message: 'must not contain a colon' })
      .default('Twofold'),
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .default('sqlite:data/twofold.sqlite')
      .refine((value) => /^sqlite:.+/.test(value) || /^mysql:\/\/.+/.test(value), {
        message: 'must be sqlite:PATH or mysql://user:password@host:port/database',
      }),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z.string().trim().default('Twofold <no-reply@twofold.localhost>'),
  ),
  SUPPORT_EMAIL: z.preprocess(
    emptyAsUndefined,
    z.email({ message: 'must be an email address' }).default('support@twofold.localhost'),
  ),
  SESSION_SECRET: optionalString,
  TOTP_ENCRYPTION_KEYS: optionalString,
  MAIL_CATCHER_SMTP_PORT: port(1025),
  MAIL_CATCHER_WEB_PORT: port(1080),
  SEED_DEMO_USER: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  ),
  MFA_ENFORCEMENT_DATE: z.preprocess(
    emptyAsUndefined,
    // One message for the union: zod's own for a failed union is only "Invalid input".
    z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: 'must be an ISO 8601 date (2025-04-21) or date-time (2025-04-21T00:00:00Z)',
      })
      .optional(),
  ),
  SERVE_SPA: booleanFlag(true),
  TRUST_PROXY: optionalString,
});

/**
 * Reads and checks the environment once. Throws a `ConfigError` naming every bad variable, so
 * the app stops before it listens.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      ),
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  const issues: string[] = [];

  const sessionSecret = values.SESSION_SECRET ?? (production ? undefined : DEV_SESSION_SECRET);
  if (sessionSecret === undefined) {
    issues.push('SESSION_SECRET: is required in production (at least 32 random characters)');
  } else if (production && isPlaceholderSecret(sessionSecret)) {
    issues.push('SESSION_SECRET: is a placeholder; set a long random secret in production');
  } else if (sessionSecret.length < 32) {
    issues.push('SESSION_SECRET: must be at least 32 characters');
  }
  if (production && values.SMTP_URL === undefined) {
    issues.push('SMTP_URL: is required in production (smtp://user:password@host:port)');
  }
  const totpKeysValue =
    values.TOTP_ENCRYPTION_KEYS ?? (production ? undefined : DEV_TOTP_ENCRYPTION_KEYS);
  let totpEncryptionKeys: TotpEncryptionKeys | undefined;
  if (totpKeysValue === undefined) {
    issues.push(
      'TOTP_ENCRYPTION_KEYS: is required in production (id:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32))',
    );
  } else if (production && totpKeysValue === DEV_TOTP_ENCRYPTION_KEYS) {
    issues.push('TOTP_ENCRYPTION_KEYS: is the development default; set your own key in production');
  } else {
    const parsedKeys = parseTotpEncryptionKeys(totpKeysValue);
    if (typeof parsedKeys === 'string') {
      issues.push(`TOTP_ENCRYPTION_KEYS: ${parsedKeys}`);
    } else {
      totpEncryptionKeys = parsedKeys;
    }
  }
  const seedDemoUser = booleanFlag(!production).safeParse(values.SEED_DEMO_USER);
  if (!seedDemoUser.success) {
    issues.push('SEED_DEMO_USER: must be true or false');
  }
  if (
    issues.length > 0 ||
    sessionSecret === undefined ||
    totpEncryptionKeys === undefined ||
    !seedDemoUser.success
  ) {
    throw new ConfigError(issues);
  }

  const appUrl = new URL(values.APP_URL);
  return new AppConfig({
    nodeEnv: values.NODE_ENV,
    production,
    port: values.PORT,
    appUrl: appUrl.href.replace(/\/+$/, ''),
    appOrigin: appUrl.origin,
    secureCookies: appUrl.protocol === 'https:',
    appName: values.APP_NAME,
    database: parseDatabaseUrl(values.DATABASE_URL),
    smtpUrl: values.SMTP_URL ?? null,
    embeddedMail: values.SMTP_URL === undefined,
    mailFrom: values.MAIL_FROM,
    supportEmail: values.SUPPORT_EMAIL,
    sessionSecret,
    sessionSecretIsDefault: sessionSecret === DEV_SESSION_SECRET,
    totpEncryptionKeys,
    totpEncryptionKeysAreDefault: totpKeysValue === DEV_TOTP_ENCRYPTION_KEYS,
    mailCatcherSmtpPort: values.MAIL_CATCHER_SMTP_PORT,
    mailCatcherWebPort: values.MAIL_CATCHER_WEB_PORT,
    seedDemoUser: seedDemoUser.data,
    logLevels: LOG_LEVEL_ORDER.slice(0, LOG_LEVEL_ORDER.indexOf(values.LOG_LEVEL) + 1),
    mfaEnforcementDate: values.MFA_ENFORCEMENT_DATE ? new Date(values.MFA_ENFORCEMENT_DATE) : null,
    serveSpa: values.SERVE_SPA,
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
  });
}

function isPlaceholderSecret(secret: string): boolean {
  const normalized = secret.trim().toLowerCase();
  return (
    PLACEHOLDER_SECRETS.includes(normalized) ||
    /change[-_ ]?me|changeit|placeholder|replace[-_ ]?(me|with)|your[-_ ]?secret|dev[-_ ]?only/.test(
      normalized,
    ) ||
    new Set(normalized).size < 8
  );
}

/** `id:base64[,id:base64…]`, each key exactly 32 bytes; a string says what is wrong. */
function parseTotpEncryptionKeys(value: string): TotpEncryptionKeys | string {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const entry of value.split(',').map((part) => part.trim())) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      return 'each key must be id:base64, the id made of letters, digits, - and _';
    }
    if (keys.has(id)) {
      return `the key id "${id}" appears twice`;
    }
    const key = Buffer.from(encoded, 'base64');
    // Buffer.from skips characters it does not know; re-encoding catches a mistyped key.
    const canonical = key.toString('base64');
    if (key.length !== 32 || canonical.replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      return `the key "${id}" must be exactly 32 bytes in base64 (openssl rand -base64 32)`;
    }
    keys.set(id, key);
    currentKeyId ??= id;
  }
  return currentKeyId === undefined ? 'no key given' : { currentKeyId, keys };
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  return url.startsWith('sqlite:')
    ? { type: 'sqlite', path: url.slice('sqlite:'.length) }
    : { type: 'mysql', url };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}
