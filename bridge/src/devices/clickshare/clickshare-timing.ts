/** The ClickShare driver's waits, each with its reason. */
export const CLICKSHARE_TIMING = {
  /** Barco gives no answer time: 5 s lets a unit busy waking answer, and finds a dead one soon. */
  requestTimeoutMs: 5000,
  /** The unit keeps a subscription alive every 90 s (R5915531, 1.1): silent for half as long again, it is gone. */
  silenceMs: 135_000,
  /** How often the power is read back: the unit enters standby by itself, and only its status is subscribed to. */
  pollMs: 60_000,
};
