import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/test-database.ts';
import { TokenSeal } from '../../store/token-seal.ts';
import { caldavPasswordOf, CalendarSecrets } from './calendar-secrets.ts';

describe('secrets the admin page saves for calendars', () => {
  it('are kept sealed: the store holds no password as typed, and a store opened with another key reads none', () => {
    const db = openTestDatabase();
    const key = randomBytes(32);
    const secrets = new CalendarSecrets(db, () => new TokenSeal(key));
    secrets.save(caldavPasswordOf('harbour'), 'harbour-secret', 1_000);
    expect(secrets.get(caldavPasswordOf('harbour'))).toBe('harbour-secret');
    expect(secrets.savedAt(caldavPasswordOf('harbour'))).toBe(1_000);
    expect(JSON.stringify(db.prepare('SELECT * FROM calendar_secrets').all())).not.toContain('harbour-secret');
    expect(new CalendarSecrets(db, () => new TokenSeal(randomBytes(32))).get(caldavPasswordOf('harbour'))).toBeUndefined();

    secrets.save(caldavPasswordOf('harbour'), 'new-secret', 2_000);
    expect([secrets.get(caldavPasswordOf('harbour')), secrets.savedAt(caldavPasswordOf('harbour'))]).toEqual(['new-secret', 2_000]);
    secrets.delete(caldavPasswordOf('harbour'));
    expect([secrets.get(caldavPasswordOf('harbour')), secrets.savedAt(caldavPasswordOf('harbour'))]).toEqual([undefined, undefined]);
  });

  it('make no seal key until one is saved or read', () => {
    let made = 0;
    new CalendarSecrets(openTestDatabase(), () => {
      made++;
      return new TokenSeal(randomBytes(32));
    });
    expect(made).toBe(0);
  });
});
