import { encode } from 'uqr';

/** A QR code as one SVG path (one unit per module) and its size, for rendering without any HTML injection. */
export interface QrPath {
  size: number;
  path: string;
}

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) path += `M${x} ${y}h1v1h-1z`;
  }));
  return { size, path };
}
