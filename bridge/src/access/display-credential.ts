import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: far past the 128 a credential needs, and the size of the admin token. */
const CREDENTIAL_BYTES = 32;

/** A new display credential: the secret the display keeps, and the hash the bridge keeps in its place. */
export function newDisplayCredential(): { secret: string; hash: string } {
  const secret = randomBytes(CREDENTIAL_BYTES).toString('base64url');
  return { secret, hash: displayCredentialHash(secret) };
}

/**
 * What the store keeps of a credential: its SHA-256. A stolen store (or
 * backup) then holds nothing a display could present; and a plain hash is
 * enough, with no salt or slow hash, because the secret is random and long,
 * not a password anyone could guess from a list.
 */
export function displayCredentialHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
