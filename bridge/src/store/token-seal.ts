import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Named when its first secret was a Microsoft account's; the name stays so existing data dirs keep their key.
const KEY_FILE = 'm365-account.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Seals what the bridge must keep secret in its store (a connected
 * account's refresh token, a sign-in's PKCE verifier, a CalDAV password or a
 * Google service account's key saved from the admin page): AES-256-GCM with a
 * key that lives in the data dir, not in the store, so a copy or a dump of
 * the database alone reveals no token. Sealed text is authenticated: text
 * changed or sealed with another key does not open.
 */
export class TokenSeal {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`A token seal key is ${KEY_BYTES} bytes, not ${key.length}.`);
    this.#key = key;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  /** The sealed text, or null when it was not sealed with this key or was changed since. */
  open(sealed: string): string | null {
    const [version, body] = sealed.split('.');
    if (version !== VERSION || body === undefined) return null;
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/**
 * The data dir's seal key, made on first use, readable by the bridge's user
 * only. Bridge processes on several machines sharing PostgreSQL need the same
 * key file (admin guide, section 10).
 */
export function dataDirSeal(dataDir: string): TokenSeal {
  const path = join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(path, 0o600);
  return new TokenSeal(readFileSync(path));
}
