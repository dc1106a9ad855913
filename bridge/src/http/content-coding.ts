/** The content codings the bridge sends besides identity, best first: brotli is smaller than gzip for the same text. */
export const CODINGS = ['br', 'gzip'] as const;
export type ContentCoding = (typeof CODINGS)[number];

/**
 * The coding to send a response in, of those `available`, for a request's
 * Accept-Encoding; null for the identity (unencoded) response.
 * RFC 9110 section 12.5.3: codings are case-insensitive, `q=0` refuses one, `*`
 * stands for any coding not listed, the highest qvalue wins (here brotli on a
 * tie, and an encoding over an identity not listed). A request without the field states no preference, and identity is
 * always a valid answer to it (also when identity itself is refused: the
 * server may then send it anyway, and a 406 would serve a display nothing).
 */
export function chooseCoding(acceptEncoding: string | undefined, available: readonly ContentCoding[]): ContentCoding | null {
  if (acceptEncoding === undefined) return null;
  const weights = new Map<string, number>();
  for (const element of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = element.split(';').map((part) => part.trim().toLowerCase());
    if (name === '') continue;
    // RFC 9110 section 12.4.2: a weight is "q=" and a number from 0 to 1; one that is not reads as 1, as most servers read it.
    const q = parameters.map((parameter) => /^q=([01](?:\.\d{0,3})?)$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    // RFC 9110 section 8.4.1.3: a recipient should treat x-gzip as gzip.
    weights.set(name === 'x-gzip' ? 'gzip' : name, q === undefined ? 1 : Number(q));
  }
  let best: { coding: ContentCoding; q: number } | null = null;
  for (const coding of CODINGS) {
    if (!available.includes(coding)) continue;
    const q = weights.get(coding) ?? weights.get('*') ?? 0;
    if (q > 0 && (best === null || q > best.q)) best = { coding, q };
  }
  const identity = weights.get('identity');
  return best === null || (identity !== undefined && identity > best.q) ? null : best.coding;
}
