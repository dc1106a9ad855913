/** A commercial display's power, as its control protocol says it. */
export type DisplayPower = 'on' | 'standby';

/** One answer of a display, as far as power control needs it. */
export type DisplayAnswer =
  /** The display says its power is this (an answer to a status query, or an acknowledged power command that carries it). */
  | { kind: 'power'; power: DisplayPower }
  /** The display acknowledged the command without saying its power. */
  | { kind: 'ack' }
  /** The display is busy (NEC's NULL message while a power change runs): the same command may be asked again shortly. */
  | { kind: 'busy' }
  /** The display refused the command (MDC's NAK, LG's NG, NEC's error result), with the vendor's reason when it gives one. */
  | { kind: 'refused'; reason: string }
  /** Bytes that are no answer of this protocol (a wrong checksum, noise on the line): skipped. */
  | { kind: 'garbage'; reason: string };

/**
 * A vendor's display control protocol, as bytes: what to send for power on,
 * standby and a power query, and how to read the display's answers from the
 * byte stream. Pure: no I/O, no timers (the session, display-control-session.ts,
 * sends, waits and retries). Each protocol cites the vendor's document it
 * follows where it encodes a rule of it.
 */
export interface DisplayProtocol {
  /** Its name for people: "Samsung MDC", "LG", "NEC". */
  readonly name: string;
  /** RS-232 line settings (8N1, no flow control, at this speed). */
  readonly baudRate: number;
  /** The TCP port the display listens on when none is configured; undefined for a protocol without one. */
  readonly defaultTcpPort: number | undefined;
  setPower(power: DisplayPower): Uint8Array;
  queryPower(): Uint8Array;
  /**
   * Reads the answer at the front of `received`: what it says and how many
   * bytes it took; null while no whole answer is there yet. Bytes that can
   * start no answer come back as `garbage`, with `used` covering them, so a
   * reader never stalls on noise.
   */
  readAnswer(received: Uint8Array): { answer: DisplayAnswer; used: number } | null;
}
