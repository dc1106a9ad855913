/**
 * How a room page's address says a phone opened it from the QR code of the
 * room's display: a paired room's code carries the signed `link`
 * (bridge/src/access/room-links.ts), an open room's `from=qr`. Such a page
 * is the phone page (web/src/phone/); the kiosk's own address has neither,
 * and a phone that types an open room's bare address gets the display page.
 */
const FROM = 'from';
const QR_CODE = 'qr';

/** `roomPage` as its display's QR code shows it, for an open room. */
export function qrCodeAddress(roomPage: URL): string {
  const url = new URL(roomPage);
  url.searchParams.set(FROM, QR_CODE);
  return url.toString();
}

/** Whether a page's query (`location.search`) is a phone's that came from a QR code. */
export function isPhonePage(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('link') || params.get(FROM) === QR_CODE;
}
