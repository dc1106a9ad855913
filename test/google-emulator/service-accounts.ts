import { createPublicKey, generateKeyPairSync, randomBytes, randomInt, type KeyObject } from 'node:crypto';

/**
 * A service account key file, field for field as the Google Cloud console
 * downloads it ("Create and delete service account keys", JSON key file
 * format; cloud.google.com/iam/docs/keys-create-delete), except `token_uri`,
 * which names the emulator's token endpoint.
 */
export interface ServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface ServiceAccountKey {
  keyId: string;
  publicKey: KeyObject;
  /** PKCS#8 PEM, as `private_key` in the key file. */
  privateKeyPem: string;
  /** Deleted keys sign nothing the token endpoint accepts. */
  deleted: boolean;
}

export interface EmulatedServiceAccount {
  clientEmail: string;
  /** The numeric OAuth client id domain-wide delegation is granted to. */
  clientId: string;
  projectId: string;
  keys: ServiceAccountKey[];
  disabled: boolean;
  /**
   * Domain-wide delegation: the scopes a super administrator authorised for
   * this client id in the Admin console (Security > API controls > Domain
   * wide delegation). Undefined: none, so it cannot impersonate anyone.
   */
  delegatedScopes?: string[];
}

/** A fresh 2048-bit RSA key pair with a 40-hex-digit key id, as service account keys have. */
export function newServiceAccountKey(): ServiceAccountKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { keyId: randomBytes(20).toString('hex'), publicKey: createPublicKey(privateKey), privateKeyPem: privateKey, deleted: false };
}

export function newServiceAccount(name: string, projectId: string): EmulatedServiceAccount {
  const clientId = `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`;
  return { clientEmail: `${name}@${projectId}.iam.gserviceaccount.com`, clientId, projectId, keys: [newServiceAccountKey()], disabled: false };
}

export function keyFileOf(account: EmulatedServiceAccount, key: ServiceAccountKey, tokenUri: string): ServiceAccountKeyFile {
  return {
    type: 'service_account',
    project_id: account.projectId,
    private_key_id: key.keyId,
    private_key: key.privateKeyPem,
    client_email: account.clientEmail,
    client_id: account.clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(account.clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}
