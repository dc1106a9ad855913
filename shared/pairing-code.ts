/**
 * Pairing codes, as a display shows them and an admin types them. The
 * alphabet leaves out what people confuse when reading a screen across a
 * room or typing on a phone: 0/O, 1/I/L, U/V, and lower case.
 */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const PAIRING_CODE_LENGTH = 8;
/** How long a code shown on a display can be used. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** The code as typed (any case, spaces or dashes) in its canonical form, or null when it cannot be a code. */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  return [...code].every((char) => PAIRING_ALPHABET.includes(char)) ? code : null;
}

/** Two groups of four, easier to read aloud and to copy: `ABCD-EF23`. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The admin page with the code filled in, as the display's QR code opens it. */
export function pairingUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/?code=${encodeURIComponent(code)}`;
}
