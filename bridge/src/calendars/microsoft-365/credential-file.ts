import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { toIso } from '../../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Microsoft365Config } from '../../config.ts';
import type { AppCredential } from './token-source.ts';

/**
 * The configured credential: a certificate file (PEM with the certificate and
 * its private key) when given, else the client secret. A certificate's expiry
 * is read from it; a secret's is learned from the application at the first check.
 */
export function readCredential(config: Microsoft365Config): Result<AppCredential> {
  if (config.certificateFile === undefined) {
    return config.clientSecret === undefined
      ? fail('invalid-input', 'no Microsoft 365 credential is configured')
      : ok({ kind: 'secret', secretText: config.clientSecret, keyId: null, expiresAt: null });
  }
  let pem: string;
  try {
    pem = readFileSync(config.certificateFile, 'utf8');
  } catch (error) {
    return fail('invalid-input', `cannot read LINTEL_M365_CERTIFICATE_FILE ${config.certificateFile}: ${(error as Error).message}`);
  }
  const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const privateKeyPem = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!certificatePem || !privateKeyPem) return fail('invalid-input', `${config.certificateFile} must hold the certificate and its private key, both PEM`);
  try {
    const expiresAt = toIso(Date.parse(new X509Certificate(certificatePem).validTo));
    return ok({ kind: 'certificate', certificatePem, privateKeyPem, keyId: null, expiresAt });
  } catch (error) {
    return fail('invalid-input', `${config.certificateFile}: not a readable certificate: ${(error as Error).message}`);
  }
}
