type Handler = (...args: unknown[]) => void;

/**
 * Just enough of a socket.io client for a page's state module to be driven
 * as the bridge would drive it: the test fires server events at the handlers
 * the module registered, and a subclass answers the module's requests
 * (`reply`; undefined leaves a request unanswered).
 */
export class ScriptedSocket {
  connected = true;
  readonly #handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler) {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  /** As socket.io: without a handler, every handler of the event goes. */
  off(event: string, handler?: Handler) {
    if (handler === undefined) this.#handlers.delete(event);
    else this.#handlers.set(event, (this.#handlers.get(event) ?? []).filter((each) => each !== handler));
    return this;
  }

  emit(event: string, request: unknown, ack: Handler) {
    const answer = this.reply(event, request);
    if (answer !== undefined) ack(answer);
    return this;
  }

  fire(event: string, ...args: unknown[]) {
    for (const handler of this.#handlers.get(event) ?? []) handler(...args);
  }

  disconnect() {
    this.connected = false;
    return this;
  }

  protected reply(_event: string, _request: unknown): unknown {
    return undefined;
  }
}
