import { createHash, timingSafeEqual } from 'node:crypto';

/** Compared as digests of equal length, so the time taken says nothing about the secret. */
export function sameSecret(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
