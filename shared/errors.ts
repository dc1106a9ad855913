/**
 * One error vocabulary for both sides of the wire. The bridge answers with a
 * code and an English message; the display shows its own localised text for
 * the code, so the code (not the message) is the contract.
 */
export const ERROR_CODES = [
  'invalid-input',
  'payload-too-large',
  'unsupported-media-type',
  'not-found',
  'room-not-found',
  'room-busy',
  'slot-taken',
  'too-short',
  'too-long',
  'in-the-past',
  'too-far-ahead',
  'no-current-meeting',
  'extend-conflict',
  'organized-elsewhere',
  'not-allowed',
  'no-meeting-to-check-in',
  'meeting-changed',
  'action-id-reused',
  'read-only',
  'read-only-calendar',
  'pin-required',
  'wrong-pin',
  'too-many-attempts',
  'rate-limited',
  'expired',
  'unauthorized',
  'forbidden',
  'origin-not-allowed',
  'display-unpaired',
  'room-not-open',
  'room-link-invalid',
  'pairing-code-invalid',
  'pairing-code-expired',
  'pairing-code-used',
  'not-connected',
  'calendar-check-failed',
  'store-unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a code read off the wire is one of ours (an older or newer bridge may send another). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

export interface LintelError {
  code: ErrorCode;
  message: string;
  /** On a refusal that ends by itself (`rate-limited`, `too-many-attempts`): how long to wait before trying again. */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; data: T } | ({ ok: false } & LintelError);

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, code, message };
}

/** A refusal for now only: the same request may succeed once `retryAfterMs` have passed. */
export function failForNow<T = never>(code: ErrorCode, message: string, retryAfterMs: number): Result<T> {
  return { ok: false, code, message, retryAfterMs };
}

/** HTTP status for each code, so every route answers the same way. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'not-found': 404,
  'room-not-found': 404,
  'room-busy': 409,
  'slot-taken': 409,
  'too-short': 409,
  'too-long': 409,
  'in-the-past': 409,
  'too-far-ahead': 409,
  'no-current-meeting': 409,
  'extend-conflict': 409,
  'organized-elsewhere': 409,
  'not-allowed': 409,
  'no-meeting-to-check-in': 409,
  'meeting-changed': 409,
  'action-id-reused': 409,
  'read-only': 403,
  'read-only-calendar': 403,
  // The settings were understood; the calendar they name did not answer as it should.
  'calendar-check-failed': 422,
  'pin-required': 401,
  'wrong-pin': 403,
  'too-many-attempts': 429,
  'rate-limited': 429,
  expired: 409,
  unauthorized: 401,
  forbidden: 403,
  'origin-not-allowed': 403,
  'display-unpaired': 409,
  'room-not-open': 403,
  'room-link-invalid': 401,
  'pairing-code-invalid': 404,
  'pairing-code-expired': 410,
  'pairing-code-used': 409,
  'not-connected': 409,
  'store-unavailable': 503,
  internal: 500,
};
