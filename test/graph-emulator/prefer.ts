import type { Request, Response } from 'express';
import { isDocumentedZone } from './documented-zones.ts';
import { GraphProblem } from './errors.ts';
import type { IdForm } from './event-ids.ts';
import type { EmulatedTenant } from './tenant.ts';
import { isSupportedZone } from './time.ts';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

/**
 * The `Prefer` header's preferences the emulator honours: `outlook.timezone`,
 * `odata.maxpagesize` and `IdType` (the form of the event ids answered and
 * taken). Each honoured one is echoed in `Preference-Applied`.
 * A zone Graph does not take is refused, and the tenant's time zone quirks
 * narrow what it takes or put its answers in another zone.
 */
export class Preferences {
  /** The zone event times are written in. */
  readonly timeZone: string = 'UTC';
  readonly pageSize: number = DEFAULT_PAGE_SIZE;
  /** Default ids unless the request asks for immutable ones. */
  readonly idForm: IdForm = 'rest';
  readonly #applied: { timeZone?: string; pageSize?: string; idType?: string } = {};

  constructor(req: Request, tenant: Pick<EmulatedTenant, 'timeZoneQuirks'>) {
    const { documentedOnly, answerIn } = tenant.timeZoneQuirks;
    for (const item of (req.get('prefer') ?? '').split(',')) {
      const [rawName = '', ...rest] = item.split('=');
      const name = rawName.trim().toLowerCase();
      const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
      if (name === 'outlook.timezone') {
        // Graph: api-reference/v1.0/resources/datetimetimezone.md names the zones; others are refused so (microsoftgraph/microsoft-graph-docs#6870).
        if (!isSupportedZone(value) || (documentedOnly && !isDocumentedZone(value))) {
          throw new GraphProblem(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${value}'.`);
        }
        this.timeZone = value;
        this.#applied.timeZone = `outlook.timezone="${value}"`;
      } else if (name === 'odata.maxpagesize' && /^\d+$/.test(value) && Number(value) > 0) {
        this.pageSize = Math.min(Number(value), MAX_PAGE_SIZE);
        this.#applied.pageSize = `odata.maxpagesize=${this.pageSize}`;
      } else if (name === 'idtype' && value === 'ImmutableId') {
        this.idForm = 'immutable';
        this.#applied.idType = 'IdType="ImmutableId"';
      }
    }
    if (answerIn !== null && answerIn !== this.timeZone) {
      this.timeZone = answerIn;
      delete this.#applied.timeZone;
    }
  }

  /** Acknowledges what this answer honoured; only collections are paged. */
  acknowledge(res: Response, paged: boolean): void {
    const applied = [this.#applied.timeZone, paged ? this.#applied.pageSize : undefined, this.#applied.idType].filter(Boolean);
    if (applied.length > 0) res.setHeader('Preference-Applied', applied.join(', '));
  }
}
