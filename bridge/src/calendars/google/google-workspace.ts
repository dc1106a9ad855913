import { z } from 'zod';
import type { GoogleConnection } from '../../../../shared/admin-api.ts';
import type { Clock } from '../../../../shared/clock.ts';
import { toIso } from '../../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { describeIssues } from '../../../../shared/validation.ts';
import type { Logger } from '../../logger.ts';
import type { CalendarSecrets } from '../remote/calendar-secrets.ts';
import type { RemoteCalendarProvider } from '../remote/remote-provider.ts';
import type { GoogleDirectory } from './google-directory.ts';
import type { GoogleOptions } from './google-provider.ts';
import { ServiceAccountKey } from './service-account-key.ts';

/** Where Google's APIs are: Google's own, or an emulator or a proxy (LINTEL_GOOGLE_API_URL, _TOKEN_URL, _CA_FILE's PEM). */
export type GoogleEndpoints = Pick<GoogleOptions, 'apiUrl' | 'tokenUrl' | 'ca'>;

/** A service account and whom it acts as. */
export interface GoogleAccount {
  key: ServiceAccountKey;
  subject: string | null;
}

const SavedAccount = z.object({ key: ServiceAccountKey, subject: z.string().nullable() });

/** Google's libraries, loaded only once there is an account to use them with. */
type GoogleModule = typeof import('./google-provider.ts');

const SECRET = 'google-service-account';

export interface GoogleWorkspaceDeps {
  endpoints: GoogleEndpoints;
  /** LINTEL_GOOGLE_CREDENTIALS_FILE's key and LINTEL_GOOGLE_SUBJECT, read at start; null when not set. */
  fromEnvironment: GoogleAccount | null;
  secrets: CalendarSecrets;
  clock: Clock;
  logger: Logger;
  load: () => Promise<GoogleModule>;
}

/**
 * Google Workspace as this bridge reaches it: the service account set in the
 * environment (LINTEL_GOOGLE_CREDENTIALS_FILE), which only the environment
 * changes, or the one an admin connected on the admin page, sealed in the
 * store, which may be replaced or removed while the bridge runs (and so in
 * every bridge process sharing the store: each reads it there).
 */
export class GoogleWorkspace {
  readonly #deps: GoogleWorkspaceDeps;
  /** The account saved on the admin page as last opened, by when it was saved: opened again only once another is saved, here or by another process. */
  #saved: { savedAt: number; account: GoogleAccount | undefined } | undefined;
  /** The provider and directory of one account, made again only for another. */
  #made: { account: GoogleAccount; provider: RemoteCalendarProvider<'google'>; directory: GoogleDirectory } | undefined;

  constructor(deps: GoogleWorkspaceDeps) {
    this.#deps = deps;
  }

  /** The account in use, and where it was set; undefined when Google Workspace is not connected. */
  #account(): { account: GoogleAccount; savedAt: number | null } | undefined {
    const { fromEnvironment, secrets } = this.#deps;
    if (fromEnvironment) return { account: fromEnvironment, savedAt: null };
    const savedAt = secrets.savedAt(SECRET);
    if (savedAt === undefined) return undefined;
    if (this.#saved?.savedAt !== savedAt) this.#saved = { savedAt, account: this.#open() };
    return this.#saved.account && { account: this.#saved.account, savedAt };
  }

  #open(): GoogleAccount | undefined {
    const text = this.#deps.secrets.get(SECRET);
    if (text === undefined) return undefined;
    const saved = SavedAccount.safeParse(JSON.parse(text));
    if (saved.success) return saved.data;
    this.#deps.logger.error({ problem: describeIssues(saved.error) }, 'the Google Workspace account saved in the store is not readable: connect it again on the admin page');
    return undefined;
  }

  status(): GoogleConnection | null {
    const found = this.#account();
    if (!found) return null;
    return {
      serviceAccount: found.account.key.client_email,
      subject: found.account.subject,
      configuredIn: found.savedAt === null ? 'environment' : 'admin-page',
      connectedAt: found.savedAt === null ? null : toIso(found.savedAt),
    };
  }

  /** Google rooms' provider for the account in use now; a new one once the account was replaced. */
  async provider(): Promise<RemoteCalendarProvider<'google'> | undefined> {
    return (await this.#current())?.provider;
  }

  async directory(): Promise<GoogleDirectory | undefined> {
    return (await this.#current())?.directory;
  }

  async #current(): Promise<{ provider: RemoteCalendarProvider<'google'>; directory: GoogleDirectory } | undefined> {
    const account = this.#account()?.account;
    if (!account) return (this.#made = undefined);
    if (this.#made?.account === account) return this.#made;
    const google = await this.#deps.load();
    const options = this.#options(account);
    this.#made = { account, provider: google.googleProvider(options), directory: google.googleDirectory(options, () => this.#deps.clock.now()) };
    return this.#made;
  }

  /**
   * Connects the service account whose JSON key is `keyText`, once Google
   * gave it a token for the Calendar API (as `subject`, when given): a key
   * Google refuses, a clock it finds off or delegation not set up is said,
   * and nothing is saved.
   */
  async connect(keyText: string, subject: string | null): Promise<Result<GoogleConnection>> {
    if (this.#deps.fromEnvironment) return fail('not-allowed', 'Google Workspace is set in the environment (LINTEL_GOOGLE_CREDENTIALS_FILE): change it there.');
    const key = parseKey(keyText);
    if (!key.ok) return key;
    const account = { key: key.data, subject };
    const google = await this.#deps.load();
    const tried = await google.checkServiceAccount(this.#options(account), this.#deps.clock.now());
    if (!tried.ok) return fail('calendar-check-failed', tried.message);
    this.#deps.secrets.save(SECRET, JSON.stringify(account), this.#deps.clock.now());
    // Saved within the same millisecond as the one it replaces, it would look unchanged by its time.
    this.#saved = undefined;
    this.#deps.logger.info({ serviceAccount: key.data.client_email, subject }, 'Google Workspace connected on the admin page');
    return ok(this.status() as GoogleConnection);
  }

  /** Forgets the account connected on the admin page: Google rooms stay, unsynced, until one is connected again. */
  disconnect(): Result<string> {
    if (this.#deps.fromEnvironment) return fail('not-allowed', 'Google Workspace is set in the environment (LINTEL_GOOGLE_CREDENTIALS_FILE): change it there.');
    const found = this.#account();
    if (!found) return fail('not-connected', 'Google Workspace is not connected.');
    this.#deps.secrets.delete(SECRET);
    return ok(found.account.key.client_email);
  }

  #options(account: GoogleAccount): GoogleOptions {
    return { ...this.#deps.endpoints, key: account.key, subject: account.subject };
  }
}

/** A key file's text, checked as the environment's is, without ever showing the key. */
function parseKey(text: string): Result<ServiceAccountKey> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('invalid-input', "key: this is not JSON: give the service account's key file as Google Cloud's console downloads it (JSON)");
  }
  const parsed = ServiceAccountKey.safeParse(json);
  return parsed.success ? ok(parsed.data) : fail('invalid-input', `key: ${describeIssues(parsed.error)}`);
}
