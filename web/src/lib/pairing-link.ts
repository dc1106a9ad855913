/**
 * The two forms of the admin page's address a pairing screen shows: short
 * enough to type (no query), and for the QR code with the code filled in,
 * so scanning it leaves the admin only a room to pick.
 */
export function pairingLinks(adminUrl: string, code: string): { typed: string; scanned: string } {
  let url: URL;
  try {
    url = new URL(adminUrl);
  } catch {
    return { typed: adminUrl, scanned: adminUrl };
  }
  url.hash = '';
  url.search = '';
  const typed = url.href;
  url.searchParams.set('code', code);
  return { typed, scanned: url.href };
}
