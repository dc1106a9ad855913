import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface KeyAndCertificate {
  key: string;
  cert: string;
}

/** A self-signed certificate like the unit's own, for 127.0.0.1; or one signed by `ca`. Elliptic keys: quick to make in tests. */
export async function unitCertificate(ca?: KeyAndCertificate): Promise<KeyAndCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'ClickShare-emulator' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
    ...(ca ? { ca } : {}),
  });
  return { key: pems.private, cert: pems.cert };
}

/** An organisation's certificate authority, to sign a unit's certificate with. */
export async function certificateAuthority(name: string): Promise<KeyAndCertificate> {
  const pems = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Node's SHA-256 fingerprint of a PEM certificate, as the driver pins it. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
