import type { Request, Response } from 'express';
import { isSupportedZone } from './time.ts';

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

/**
 * The `Prefer` header's preferences the emulator honours: `outlook.timezone`,
 * `odata.maxpagesize` and `IdType` (ids are always immutable, so it only has
 * to be acknowledged). Each honoured one is echoed in `Preference-Applied`.
 */
export class Preferences {
  readonly timeZone: string = 'UTC';
  readonly pageSize: number = DEFAULT_PAGE_SIZE;
  readonly #applied: { timeZone?: string; pageSize?: string; idType?: string } = {};

  constructor(req: Request) {
    for (const item of (req.get('prefer') ?? '').split(',')) {
      const [rawName = '', ...rest] = item.split('=');
      const name = rawName.trim().toLowerCase();
      const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
      if (name === 'outlook.timezone' && isSupportedZone(value)) {
        this.timeZone = value;
        this.#applied.timeZone = `outlook.timezone="${value}"`;
      } else if (name === 'odata.maxpagesize' && /^\d+$/.test(value) && Number(value) > 0) {
        this.pageSize = Math.min(Number(value), MAX_PAGE_SIZE);
        this.#applied.pageSize = `odata.maxpagesize=${this.pageSize}`;
      } else if (name === 'idtype' && value === 'ImmutableId') {
        this.#applied.idType = 'IdType="ImmutableId"';
      }
    }
  }

  /** Acknowledges what this answer honoured; only collections are paged. */
  acknowledge(res: Response, paged: boolean): void {
    const applied = [this.#applied.timeZone, paged ? this.#applied.pageSize : undefined, this.#applied.idType].filter(Boolean);
    if (applied.length > 0) res.setHeader('Preference-Applied', applied.join(', '));
  }
}
