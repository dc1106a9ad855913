import { createPrivateKey, X509Certificate } from 'node:crypto';
import { DAY_MS } from '../../../../shared/clock.ts';

/** Microsoft Graph's documented audience for the proof of possession addKey and removeKey require. */
const PROOF_AUDIENCE = '00000002-0000-0000-c000-000000000000';
const PROOF_LIFETIME_SECONDS = 600;

export interface CertificatePair {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * A new self-signed certificate for the app to roll to: Entra ID only checks
 * that the app holds the private key, so no certificate authority is needed.
 * The generator (like the JWT signer below) is loaded only when a renewal
 * happens, to keep it out of the bridge's memory the rest of the time.
 */
export async function newCertificate(now: number, days: number): Promise<CertificatePair> {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'Lintel bridge' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + days * DAY_MS),
  });
  return { certificatePem: pems.cert, privateKeyPem: pems.private };
}

/** The signed JWT proving the app holds `signer`'s private key, for addKey and removeKey. */
export async function proofOfPossession(signer: CertificatePair, applicationObjectId: string, now: number): Promise<string> {
  const { SignJWT } = await import('jose');
  const seconds = Math.floor(now / 1000);
  const x5t = Buffer.from(new X509Certificate(signer.certificatePem).fingerprint.replaceAll(':', ''), 'hex').toString('base64url');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t })
    .setAudience(PROOF_AUDIENCE)
    .setIssuer(applicationObjectId)
    .setNotBefore(seconds)
    .setExpirationTime(seconds + PROOF_LIFETIME_SECONDS)
    .sign(createPrivateKey(signer.privateKeyPem));
}

/** The certificate's DER, base64, as addKey takes it. */
export function certificateKey(certificatePem: string): string {
  return new X509Certificate(certificatePem).raw.toString('base64');
}

/** Entra ID's customKeyIdentifier for a certificate: its SHA-1 thumbprint, upper-case hex. */
export function sha1Thumbprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint.replaceAll(':', '').toUpperCase();
}
