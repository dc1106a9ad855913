import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../../test/support/test-database.ts';
import { TokenSeal } from '../../store/token-seal.ts';
import { CalendarSecrets } from '../remote/calendar-secrets.ts';
import type { ProviderAnswer } from '../remote/remote-provider.ts';
import { GoogleWorkspace, type GoogleAccount } from './google-workspace.ts';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = (email: string) => ({ type: 'service_account', client_email: email, private_key: privateKey, private_key_id: 'k1', project_id: 'lintel' });

/** Google's module as the workspace loads it, with Google's answer to a token request chosen by the test. */
function workspace(options: { fromEnvironment?: GoogleAccount; answer?: ProviderAnswer<void> } = {}) {
  let loads = 0;
  const tried: string[] = [];
  const google = new GoogleWorkspace({
    endpoints: { apiUrl: 'https://google.invalid', tokenUrl: 'https://google.invalid/token' },
    fromEnvironment: options.fromEnvironment ?? null,
    secrets: new CalendarSecrets(openTestDatabase(), () => new TokenSeal(randomBytes(32))),
    clock: new FakeClock('2026-12-07T10:00:00Z'),
    logger: pino({ level: 'silent' }),
    load: async () => {
      loads++;
      const real = await import('./google-provider.ts');
      return {
        ...real,
        checkServiceAccount: (account) => {
          tried.push(account.key.client_email);
          return Promise.resolve(options.answer ?? { ok: true, value: undefined });
        },
      };
    },
  });
  return { google, tried, loads: () => loads };
}

describe('Google Workspace connected on the admin page', () => {
  it('keeps a key Google gave a token for, and a new key makes a new provider', async () => {
    const { google, tried, loads } = workspace();
    expect([google.status(), await google.provider(), loads()]).toEqual([null, undefined, 0]);
    const connected = await google.connect(JSON.stringify(keyFile('lintel@lintel.iam.gserviceaccount.com')), 'facilities@example.com');
    expect(connected).toEqual({ ok: true, data: { serviceAccount: 'lintel@lintel.iam.gserviceaccount.com', subject: 'facilities@example.com', configuredIn: 'admin-page', connectedAt: '2026-12-07T10:00:00.000Z' } });
    expect(tried).toEqual(['lintel@lintel.iam.gserviceaccount.com']);
    const first = await google.provider();
    expect(first?.type).toBe('google');
    expect(await google.provider()).toBe(first);
    await google.connect(JSON.stringify(keyFile('lintel-2@lintel.iam.gserviceaccount.com')), null);
    expect(await google.provider()).not.toBe(first);
    expect(google.disconnect()).toEqual({ ok: true, data: 'lintel-2@lintel.iam.gserviceaccount.com' });
    expect([google.status(), await google.provider()]).toEqual([null, undefined]);
    expect(google.disconnect()).toMatchObject({ ok: false, code: 'not-connected' });
  });

  it('saves nothing when Google refuses the key, or when it is no service account key, and never repeats the key', async () => {
    const refused = workspace({ answer: { ok: false, failure: 'refused', message: "Google refused the service account's key (invalid_grant: Invalid JWT Signature.)" } });
    expect(await refused.google.connect(JSON.stringify(keyFile('lintel@lintel.iam.gserviceaccount.com')), null)).toEqual({
      ok: false,
      code: 'calendar-check-failed',
      message: "Google refused the service account's key (invalid_grant: Invalid JWT Signature.)",
    });
    expect(refused.google.status()).toBeNull();
    const { google, tried } = workspace();
    expect(await google.connect('{"type": "authorized_user"', null)).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining('not JSON') });
    const notServiceAccount = await google.connect(JSON.stringify({ ...keyFile('a@b.example'), type: 'authorized_user' }), null);
    expect(notServiceAccount).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining('service account') });
    expect(JSON.stringify(notServiceAccount)).not.toContain('PRIVATE KEY');
    expect(tried).toEqual([]);
  });

  it('leaves an account set in the environment to the environment', async () => {
    const account = { key: keyFile('env@lintel.iam.gserviceaccount.com') as GoogleAccount['key'], subject: null };
    const { google } = workspace({ fromEnvironment: account });
    expect(google.status()).toEqual({ serviceAccount: 'env@lintel.iam.gserviceaccount.com', subject: null, configuredIn: 'environment', connectedAt: null });
    expect(await google.connect(JSON.stringify(keyFile('other@lintel.iam.gserviceaccount.com')), null)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(google.disconnect()).toMatchObject({ ok: false, code: 'not-allowed' });
    expect((await google.provider())?.type).toBe('google');
  });
});
