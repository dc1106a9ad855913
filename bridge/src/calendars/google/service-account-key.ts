import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { describeIssues } from '../../../../shared/validation.ts';

/** A service account's JSON key as Google Cloud's console downloads it; the fields the bridge uses. */
export const ServiceAccountKey = z.object({
  type: z.literal('service_account', { error: 'must be "service_account": this is not a service account key' }),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { error: 'must be a PEM private key' }),
  private_key_id: z.string().min(1),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKey>;

/** Reads LINTEL_GOOGLE_CREDENTIALS_FILE, saying what is wrong with it without ever showing the key. */
export function readServiceAccountKey(path: string): Result<ServiceAccountKey> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'it is not JSON' : (error as Error).message;
    return fail('invalid-input', `LINTEL_GOOGLE_CREDENTIALS_FILE: cannot read the service account key ${path}: ${reason}`);
  }
  const parsed = ServiceAccountKey.safeParse(json);
  return parsed.success ? ok(parsed.data) : fail('invalid-input', `LINTEL_GOOGLE_CREDENTIALS_FILE: ${path}: ${describeIssues(parsed.error)}`);
}
