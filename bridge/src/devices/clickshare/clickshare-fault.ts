/** What went wrong with a ClickShare unit, in its `status().lastFault.code`. */
export type ClickShareFaultCode =
  /** The password or CA file cannot be read, or says nothing. */
  | 'configuration'
  /** No TCP or TLS connection to the unit. */
  | 'unreachable'
  /** The unit took longer than the request timeout to answer. */
  | 'no-answer'
  /** 401: the user name or password is wrong. */
  | 'unauthorized'
  /** 5xx: the unit failed. */
  | 'server-error'
  /** Any other refusal (403, 404, 400): the unit does not take what was asked. */
  | 'refused'
  /** An answer that is not what Barco's reference describes. */
  | 'unexpected-payload'
  /** The unit presented a certificate other than the one pinned on first contact. */
  | 'certificate-changed'
  /** The unit's certificate is not signed by the configured CA, or does not name the host. */
  | 'certificate-untrusted'
  /** The pinned fingerprint cannot be read or written. */
  | 'pin-store'
  /** The subscription to the unit's status ended or fell silent. */
  | 'disconnected';

/** A fault the driver knows how to word; anything else thrown is a bug, reported as such. */
export class ClickShareFault extends Error {
  readonly code: ClickShareFaultCode;

  constructor(code: ClickShareFaultCode, text: string) {
    super(text);
    this.name = 'ClickShareFault';
    this.code = code;
  }
}

/**
 * An HTTP status that is no success, as a fault; null for 2xx. `what` names
 * the request for people ("GET /v2/configuration/system/status").
 */
export function faultForStatus(status: number, what: string): ClickShareFault | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return new ClickShareFault('unauthorized', `the unit refused the user name or password (401) for ${what}: check "username" and "passwordFile"`);
  if (status >= 500) return new ClickShareFault('server-error', `the unit failed (${status}) on ${what}`);
  return new ClickShareFault('refused', `the unit refused ${what} (${status})`);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED']);

/** Any error from the network or TLS as a fault; a fault stays as it is. */
export function asFault(error: unknown): ClickShareFault {
  if (error instanceof ClickShareFault) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return new ClickShareFault('unreachable', `cannot reach the unit: ${text}`);
  // Node names every certificate verification failure in its error code (CERT_*, *_SELF_SIGNED_*, ERR_TLS_CERT_ALTNAME_INVALID, UNABLE_TO_*).
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO/.test(code)) return new ClickShareFault('certificate-untrusted', `the unit's certificate is not trusted: ${text}`);
  return new ClickShareFault('unreachable', `the connection to the unit failed: ${text}`);
}
