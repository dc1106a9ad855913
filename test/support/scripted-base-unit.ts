import type { UnitEvent } from '../../bridge/src/devices/base-unit/unit-link.ts';
import type { BaseUnit, BaseUnitStatus } from '../../bridge/src/devices/base-unit/unit-session.ts';

/**
 * A base unit that is always there and sends the events a test scripts, at
 * once: for simulations of weeks on a fake clock, where the simulated unit's
 * serial round trips (each answered on a microtask, within a second of fake
 * time) cannot keep up with time jumping hours ahead.
 */
export class ScriptedBaseUnit implements BaseUnit {
  readonly #listeners = new Set<(event: UnitEvent) => void>();
  #people: number | null = null;

  /** `! PEOPLE n=<people>`, as the unit's occupancy sensor sends it. */
  setPeople(people: number): void {
    this.#people = people;
    for (const listener of this.#listeners) listener({ name: 'PEOPLE', fields: { n: String(people) } });
  }

  want(): void {}

  status(): BaseUnitStatus {
    return { connected: true, port: 'scripted', model: 'BU-200', serial: 'SCRIPTED', firmware: '2.4.1', lastSeenAt: null, lastFault: null, power: 'on', sharing: false, clients: 0, people: this.#people };
  }

  onEvent(listener: (event: UnitEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
  }
}
