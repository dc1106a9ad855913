/** Longest line BUCP/1 allows, terminator included. */
export const MAX_LINE_BYTES = 200;

export type FramedLine = { kind: 'line'; text: string } | { kind: 'too-long'; head: string };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts the unit's byte stream into lines as BUCP/1 frames them: a line ends
 * with LF (CR LF or bare LF); a CR not followed by LF is ignored; a line over
 * 200 bytes (terminator included) is discarded up to the next LF and
 * reported with its first bytes, so the caller can log it. Memory stays
 * bounded whatever arrives. Bytes are kept as Latin-1 characters so the
 * parser can tell non-ASCII apart.
 */
export class LineFramer {
  #bytes: number[] = [];
  /** Raw bytes of the current line so far, CRs included: they count towards the limit. */
  #rawLength = 0;
  #discarding = false;
  #discardedHead = '';

  /** Bytes held for the line in progress: never more than a line's worth. */
  get pendingBytes(): number {
    return this.#bytes.length;
  }

  push(chunk: Uint8Array): FramedLine[] {
    const lines: FramedLine[] = [];
    for (const byte of chunk) {
      if (byte === LF) {
        lines.push(this.#discarding ? { kind: 'too-long', head: this.#discardedHead } : { kind: 'line', text: String.fromCharCode(...this.#bytes) });
        this.#bytes = [];
        this.#rawLength = 0;
        this.#discarding = false;
        continue;
      }
      if (this.#discarding) continue;
      this.#rawLength++;
      if (byte !== CR) this.#bytes.push(byte);
      // The LF still to come counts too.
      if (this.#rawLength + 1 > MAX_LINE_BYTES) {
        this.#discarding = true;
        this.#discardedHead = String.fromCharCode(...this.#bytes.slice(0, 16));
        this.#bytes = [];
      }
    }
    return lines;
  }
}
