/** Faults a simulated display can be told to show, as real ones do in real rooms. */
export interface DisplaySimulatorFaults {
  /** Commands get no answer and do nothing (mains off, a cut cable, control disabled in the menu). */
  silent: boolean;
  /** Answers come back as line noise. */
  garbage: boolean;
  /** Every command is refused the vendor's way (MDC's NAK, LG's NG, NEC's error result code). */
  refuse: boolean;
  /** The next command ends the connection instead of being answered; the switch then resets. */
  drop: boolean;
}

export interface DisplaySimulatorOptions {
  /** Sends bytes to the controller. */
  send: (bytes: Uint8Array) => void;
  /** Ends the connection (the TCP socket closes, the pseudo-terminal goes away). */
  drop: () => void;
}

/**
 * A commercial display's control port, written from its vendor's document:
 * bytes in from the controller, answers out through `send`. Hosts put it on a
 * pseudo-terminal (display-pty.ts) or a TCP port (display-tcp.ts).
 */
export interface DisplaySimulator {
  /** The rooms file's `protocol`: "lg", "nec". */
  readonly protocol: string;
  /** The screen's power as the policy sees it. */
  readonly power: 'on' | 'standby';
  readonly faults: DisplaySimulatorFaults;
  receive(chunk: Uint8Array): void;
  /** Someone used the remote or the power key. */
  setPowerByHand(power: 'on' | 'standby'): void;
}
