import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

export interface SecretCipherKeys {
  /** The key new secrets are sealed with. */
  readonly currentKeyId: string;
  /** Every key that may still open stored secrets, by id; each is 32 bytes. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * Seals TOTP secrets at rest with AES-256-GCM. The stored value names its key, so keys can be
 * rotated: add a new key, make it current, and old rows still open until they are re-sealed.
 * The owner's id is bound as associated data, so a sealed secret copied onto another user's row
 * does not open.
 */
export class SecretCipher {
  constructor(private readonly config: SecretCipherKeys) {
    for (const [id, key] of config.keys) {
      if (key.length !== 32) {
        throw new Error(`TOTP encryption key "${id}" must be 32 bytes`);
      }
      if (!/^[A-Za-z0-9_-]+$/.test(id)) {
        throw new Error(`TOTP encryption key id "${id}" may hold only letters, digits, - and _`);
      }
    }
    if (!config.keys.has(config.currentKeyId)) {
      throw new Error(`The current TOTP encryption key "${config.currentKeyId}" is not configured`);
    }
  }

  seal(plaintext: string, ownerId: string): string {
    const keyId = this.config.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(ownerId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);

    return [FORMAT, keyId, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** Throws when the value was tampered with, belongs to another owner or names an unknown key. */
  open(sealed: string, ownerId: string): string {
    const [format, keyId, iv, tag, body] = sealed.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || body === undefined) {
      throw new Error('Unrecognised sealed secret');
    }

    const decipher = createDecipheriv(ALGORITHM, this.key(keyId), Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(ownerId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));

    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** True when the value was sealed with a key other than the current one. */
  needsReseal(sealed: string): boolean {
    return sealed.split(':')[1] !== this.config.currentKeyId;
  }

  private key(id: string): Buffer {
    const key = this.config.keys.get(id);
    if (!key) {
      throw new Error(`No TOTP encryption key "${id}" is configured`);
    }

    return key;
  }
}
