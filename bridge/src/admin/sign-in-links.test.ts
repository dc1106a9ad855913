import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { SIGN_IN_LINK_MS, SignInLinks } from './sign-in-links.ts';

const codeOf = (link: string) => new URL(link).hash.replace('#signin=', '');

describe('one-time sign-in links', () => {
  it('lead to the admin page with the code in the fragment, never sent to a server', () => {
    const link = new SignInLinks(openTestDatabase(), new FakeClock(0), 'http://10.0.0.5:8080/').issue();
    expect(link).toMatch(/^http:\/\/10\.0\.0\.5:8080\/admin\/#signin=[\w-]{32}$/);
  });

  it('sign in once: a second use, an expired link and one never made are refused, each with its reason', () => {
    const clock = new FakeClock(0);
    const links = new SignInLinks(openTestDatabase(), clock, 'http://lintel.test/');
    const first = codeOf(links.issue());
    const second = codeOf(links.issue());
    expect(first).not.toBe(second);
    expect(links.redeem(first)).toEqual({ ok: true, data: undefined });
    expect(links.redeem(first)).toMatchObject({ ok: false, code: 'not-allowed', message: expect.stringContaining('used already') });
    expect(links.redeem('made-up')).toMatchObject({ ok: false, code: 'unauthorized' });

    clock.advance(SIGN_IN_LINK_MS - 1);
    const late = codeOf(links.issue());
    clock.advance(1);
    expect(links.redeem(second)).toMatchObject({ ok: false, code: 'expired', message: expect.stringContaining('expired') });
    expect(links.redeem(late)).toEqual({ ok: true, data: undefined });
  });

  it('sign in on any bridge process sharing the store, once, and keep no code a copy of the store could use', () => {
    const clock = new FakeClock(0);
    const store = openTestDatabase();
    const printedBy = new SignInLinks(store, clock, 'http://lintel.test/');
    const otherProcess = new SignInLinks(store, clock, 'http://lintel.test/');
    const code = codeOf(printedBy.issue());
    expect(JSON.stringify(store.prepare('SELECT * FROM sign_in_links').all())).not.toContain(code);
    expect(otherProcess.redeem(code)).toEqual({ ok: true, data: undefined });
    expect(printedBy.redeem(code)).toMatchObject({ ok: false, code: 'not-allowed' });
  });
});
