import type { ProblemKind } from '../../../../shared/constants.ts';

/**
 * The texts of a display's "Report a problem" dialog, apart from the
 * display's own so its first bundle never carries them: they load with the
 * dialog. The button's name, Cancel and error texts come from the display's
 * messages. Each language is checked against this shape by the compiler.
 */
export interface ProblemMessages {
  /** Above the kinds, which are toggle buttons: one is chosen before sending. */
  whatIsWrong: string;
  kinds: Record<ProblemKind, string>;
  /** The note field's label: it may be left empty. */
  noteLabel: string;
  send: string;
  sending: string;
  /** For a few seconds once the bridge took the report. */
  thanks: string;
  /** The display cannot reach its bridge: the report waits on it. */
  queued: string;
  /** The bridge refused the report; `reason` is the error's text. */
  notSent: (reason: string) => string;
  close: string;
}
