/**
 * Server-Sent Events as the WHATWG HTML standard parses them ("9.2.6
 * Interpreting an event stream"), reduced to what a ClickShare unit sends:
 * the data of each event. Barco's reference ("Subscribing to endpoints",
 * ClickShare REST API R5915531, 1.1) sends `data: {Json data} \n\n`; the
 * standard's rules also take CRLF or CR line ends, comments and several data
 * lines, so a unit that sends those is understood too.
 */
export class EventStreamParser {
  readonly #maxEventChars: number;
  #line = '';
  #data: string[] = [];
  #dataChars = 0;
  /** The last chunk ended in CR: a LF opening the next one belongs to that line end. */
  #afterCR = false;

  constructor(maxEventChars = 256 * 1024) {
    this.#maxEventChars = maxEventChars;
  }

  /** Takes the next piece of decoded text; gives the data of every event it completes. Throws when one event grows past the limit. */
  push(text: string): string[] {
    const events: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (char === '\n' && this.#afterCR) {
        this.#afterCR = false;
        continue;
      }
      this.#afterCR = char === '\r';
      if (char === '\r' || char === '\n') {
        const event = this.#endLine();
        if (event !== null) events.push(event);
        continue;
      }
      this.#line += char;
      if (this.#line.length + this.#dataChars > this.#maxEventChars) throw new Error(`an event of more than ${this.#maxEventChars} characters`);
    }
    return events;
  }

  /** One line is complete: a blank line dispatches the event gathered so far. */
  #endLine(): string | null {
    const line = this.#line;
    this.#line = '';
    if (line === '') {
      if (this.#data.length === 0) return null;
      const data = this.#data.join('\n');
      this.#data = [];
      this.#dataChars = 0;
      return data;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    // "event", "id" and "retry" change nothing here: the unit names no event types and the driver reconnects by its own backoff.
    if (field === 'data') {
      this.#data.push(value);
      this.#dataChars += value.length + 1;
    }
    return null;
  }
}
