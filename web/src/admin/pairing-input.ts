import { normalizePairingCode, PAIRING_ALPHABET } from '../../../shared/pairing-code.ts';

/** What the code field holds: a code to send, or why not yet (for the hint under the field). */
export type CodeCheck =
  | { ok: true; code: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'length'; length: number }
  /** Characters a display never shows (0, O, 1, I, L, U, V...): probably misread. */
  | { ok: false; problem: 'characters'; characters: string[] };

/**
 * Reads the code as typed or scanned: any case, spaces and dashes, as
 * `normalizePairingCode` accepts. Only the shape is checked here; whether
 * the code exists, is still valid and unused is the bridge's answer.
 */
export function checkPairingCode(typed: string): CodeCheck {
  const code = normalizePairingCode(typed);
  if (code) return { ok: true, code };
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  const foreign = [...new Set([...compact].filter((char) => !PAIRING_ALPHABET.includes(char)))];
  if (foreign.length > 0) return { ok: false, problem: 'characters', characters: foreign };
  return { ok: false, problem: 'length', length: compact.length };
}

const CODE_KEY = 'lintel.admin.pairingCode';
type Storage_ = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The code the display's QR code put in the address (`/admin/?code=…`), as it came; empty when none. */
export function codeFromAddress(search: string): string {
  return (new URLSearchParams(search).get('code') ?? '').trim().slice(0, 40);
}

/**
 * The code to prefill: the one in the address, kept for the tab, since
 * granting consent and signing in leave the page and come back to plain
 * `/admin/`; or the one kept from before those round trips.
 */
export function pendingCode(search: string, storage: Storage_): string {
  const fromAddress = codeFromAddress(search);
  try {
    if (fromAddress) storage.setItem(CODE_KEY, fromAddress);
    return fromAddress || (storage.getItem(CODE_KEY) ?? '');
  } catch {
    return fromAddress;
  }
}

/** The code was used (or replaced): do not offer it again. */
export function forgetPendingCode(storage: Storage_): void {
  try {
    storage.removeItem(CODE_KEY);
  } catch {
    // Nothing kept.
  }
}
