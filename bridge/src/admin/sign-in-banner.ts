import { renderUnicodeCompact } from 'uqr';

/**
 * What the console says about a one-time sign-in link (sign-in-links.ts),
 * for an admin with a phone: the link, and at a terminal its QR code in
 * half-block characters (two modules a line), with a quiet zone of 2
 * modules a phone's camera finds it by. A service's log gets the link only.
 */
export function signInBanner(link: string, terminal: boolean): string {
  const lines = [`\nSign in to the admin page on a phone or another computer, once, within 10 minutes: ${link}`];
  if (terminal) lines.push('Or scan it:', renderUnicodeCompact(link, { border: 2 }));
  lines.push('Each start of the bridge shows a new link.\n');
  return lines.join('\n');
}
