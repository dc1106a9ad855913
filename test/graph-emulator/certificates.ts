import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, type JWSHeaderParameters } from 'jose';

/** A certificate credential of an application, as Graph lists it, plus the certificate itself. */
export interface EmulatedKeyCredential {
  keyId: string;
  type: 'AsymmetricX509Cert';
  usage: 'Verify';
  /** SHA-1 thumbprint, upper-case hex, as Entra shows it. */
  customKeyIdentifier: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
  /** Kept to verify what the certificate's private key signs; Graph never returns it. */
  pem: string;
}

/** A key credential for a certificate given as PEM or as DER; throws when it is neither. */
export function keyCredentialOf(certificate: string | Buffer): EmulatedKeyCredential {
  const x509 = new X509Certificate(certificate);
  return {
    keyId: crypto.randomUUID(),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    customKeyIdentifier: thumbprint(x509, 'sha1').toString('hex').toUpperCase(),
    displayName: x509.subject.replaceAll('\n', ', '),
    startDateTime: new Date(x509.validFrom).toISOString(),
    endDateTime: new Date(x509.validTo).toISOString(),
    pem: x509.toString(),
  };
}

export type SignedByCertificate =
  | { ok: true; key: EmulatedKeyCredential; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature'; thumbprint?: string };

/**
 * Checks that a JWT is signed by one of `keys`: the one its `x5t` (SHA-1) or
 * `x5t#S256` header names, or, without either, any of them. Claims are the caller's to check.
 */
export async function verifySignedByCertificate(jwt: string, keys: readonly EmulatedKeyCredential[]): Promise<SignedByCertificate> {
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const named = typeof header.x5t === 'string' || typeof header['x5t#S256'] === 'string';
  const candidates = named ? keys.filter((key) => matchesHeader(key, header)) : keys;
  if (candidates.length === 0) return { ok: false, reason: 'unknown-key', thumbprint: String(header.x5t ?? header['x5t#S256']) };
  for (const key of candidates) {
    try {
      const { payload } = await compactVerify(jwt, publicKeyOf(key), { algorithms: ['RS256', 'PS256'] });
      return { ok: true, key, payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
    } catch {
      // Try the next certificate: without a thumbprint header any of them may have signed it.
    }
  }
  return { ok: false, reason: 'bad-signature', thumbprint: String(header.x5t ?? header['x5t#S256'] ?? '') };
}

function matchesHeader(key: EmulatedKeyCredential, header: JWSHeaderParameters): boolean {
  const x509 = new X509Certificate(key.pem);
  return header.x5t === thumbprint(x509, 'sha1').toString('base64url') || header['x5t#S256'] === thumbprint(x509, 'sha256').toString('base64url');
}

function publicKeyOf(key: EmulatedKeyCredential): KeyObject {
  return new X509Certificate(key.pem).publicKey;
}

function thumbprint(x509: X509Certificate, algorithm: 'sha1' | 'sha256'): Buffer {
  return createHash(algorithm).update(x509.raw).digest();
}
