import { verify, type KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function json(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `{Base64url encoded header}.{Base64url encoded claim set}.{Base64url encoded signature}` ("Using OAuth 2.0 for Server to Server Applications" § Creating a JWT). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, claims, signature] = parts as [string, string, string];
  const decodedHeader = json(header);
  const decodedClaims = json(claims);
  if (!decodedHeader || !decodedClaims) return undefined;
  return { header: decodedHeader, claims: decodedClaims, signingInput: `${header}.${claims}`, signature: Buffer.from(signature, 'base64url') };
}

/** RSA SHA-256 over the signing input ("Service accounts only support the RSA SHA-256 algorithm"). */
export function verifyRs256(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  return verify('RSA-SHA256', Buffer.from(jwt.signingInput), publicKey, jwt.signature);
}
