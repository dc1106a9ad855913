import { DAY_MS, toIso, type Clock } from '../../../../shared/clock.ts';
import type { CredentialStatus } from '../../../../shared/admin-api.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { localDayOf } from '../../../../shared/time-zone.ts';
import type { Logger } from '../../logger.ts';
import { certificateKey, newCertificate, proofOfPossession, sha1Thumbprint } from './certificate-renewal.ts';
import type { GraphAnswer, GraphGateway } from './graph-gateway.ts';
import type { AppCredential, TokenSource } from './token-source.ts';
import type { WarningBoard } from '../remote/warning-board.ts';
import { z } from 'zod';

/** Renew this long before the credential expires; a failure then leaves a week to fix it. */
const RENEW_BEFORE_MS = 7 * DAY_MS;
/** A renewed credential is valid this long (Microsoft recommends less than 12 months). */
const NEW_CREDENTIAL_DAYS = 182;

const Application = z.object({
  id: z.string().min(1),
  passwordCredentials: z.array(z.object({ keyId: z.string(), hint: z.string().nullish(), endDateTime: z.string().nullish() })).default([]),
  keyCredentials: z.array(z.object({ keyId: z.string(), customKeyIdentifier: z.string().nullish(), endDateTime: z.string().nullish() })).default([]),
});
type Application = z.infer<typeof Application>;

const NewPassword = z.object({ keyId: z.string().min(1), secretText: z.string().min(1), endDateTime: z.iso.datetime({ offset: true }) });
const AddedKey = z.object({ keyId: z.string().min(1), endDateTime: z.string().nullish() });

export interface CredentialKeeperDeps {
  graph: GraphGateway;
  tokens: TokenSource;
  clock: Clock;
  logger: Logger;
  warnings: WarningBoard;
  clientId: string;
  /** The zone whose midnight the daily check runs at. */
  timeZone: string;
  /** Stores a credential before it is used, so a crash never loses the only working one. */
  persist: (credential: AppCredential) => void;
  /**
   * Whether the daily check is this process's to do, when bridge processes
   * share the store: two renewing at once would each remove the other's key.
   */
  checksHere?: () => boolean;
}

/**
 * Keeps the bridge's application credential alive, because an expired one
 * is the most common way room-display syncs silently stop. At every local
 * midnight (and at start, and on demand) it reads the credential's expiry
 * from the application; within 7 days of it, it adds a new client secret or
 * certificate valid 6 months, stores it, checks Microsoft 365 accepts it,
 * switches to it and removes the old one. A secret needs the app to have
 * Application.ReadWrite.OwnedBy and own itself; a certificate is rolled with
 * a proof signed by the current one. A failure is a warning on the admin
 * page with a week to go.
 */
export class CredentialKeeper {
  readonly #deps: CredentialKeeperDeps;
  #cancel: () => void = () => {};
  #inFlight: Promise<unknown> = Promise.resolve();
  #status: Omit<CredentialStatus, 'kind' | 'keyId' | 'expiresAt'> = { lastCheckAt: null, lastRenewedAt: null, lastError: null };

  constructor(deps: CredentialKeeperDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#checksHere()) void this.check();
    this.#scheduleMidnight();
  }

  /** Resolves when no check or renewal is running. */
  async idle(): Promise<void> {
    await this.#inFlight;
  }

  stop(): void {
    this.#cancel();
  }

  status(): CredentialStatus {
    const { kind, keyId, expiresAt } = this.#deps.tokens.credential;
    return { kind, keyId, expiresAt, ...this.#status };
  }

  /** The daily check: renews only when the credential expires within 7 days. */
  check(): Promise<Result<CredentialStatus>> {
    return this.#track(this.#run(false));
  }

  /** "Renew credentials" on the admin page: renews now, whatever the expiry. */
  renew(): Promise<Result<CredentialStatus>> {
    return this.#track(this.#run(true));
  }

  #checksHere(): boolean {
    return this.#deps.checksHere?.() ?? true;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight = Promise.all([this.#inFlight, work]);
    return work;
  }

  #scheduleMidnight(): void {
    const { clock, timeZone } = this.#deps;
    const now = clock.now();
    this.#cancel = clock.setTimer(() => {
      if (this.#checksHere()) void this.check();
      this.#scheduleMidnight();
    }, localDayOf(now, timeZone).end - now);
  }

  async #run(force: boolean): Promise<Result<CredentialStatus>> {
    const { clock, warnings } = this.#deps;
    this.#status.lastCheckAt = toIso(clock.now());
    const app = await this.#readApplication();
    if (app === 'unavailable') return fail('internal', 'Microsoft 365 could not be reached; the credential is checked again at the next midnight.');
    if (!app.ok) return this.#failed(app.message);
    const current = this.#withKnownExpiry(app.data);
    const expiresAt = current.expiresAt === null ? null : Date.parse(current.expiresAt);
    const due = force || (expiresAt !== null && expiresAt - clock.now() <= RENEW_BEFORE_MS);
    if (!due) {
      warnings.clearAll('credential-renewal-failed', 'credential-expiring');
      this.#status.lastError = null;
      return ok(this.status());
    }
    return current.kind === 'secret' ? this.#renewSecret(app.data, current) : this.#renewCertificate(app.data, current);
  }

  /** Rolls the app to a new self-signed certificate, proving possession of the current one as Graph requires. */
  async #renewCertificate(app: Application, current: Extract<AppCredential, { kind: 'certificate' }>): Promise<Result<CredentialStatus>> {
    const { graph, clock } = this.#deps;
    const now = clock.now();
    const fresh = await newCertificate(now, NEW_CREDENTIAL_DAYS);
    const added = await graph.send({
      method: 'POST',
      path: `/applications/${encodeURIComponent(app.id)}/addKey`,
      body: {
        keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: certificateKey(fresh.certificatePem), displayName: `Lintel bridge, renewed ${toIso(now).slice(0, 10)}` },
        passwordCredential: null,
        proof: await proofOfPossession(current, app.id, now),
      },
    });
    if (!added.ok) return this.#failed(`Adding a new certificate failed: ${added.code}: ${added.message}`);
    const key = AddedKey.safeParse(added.body);
    if (!key.success) return this.#failed('Microsoft 365 answered addKey without the new key.');
    const renewed: AppCredential = { kind: 'certificate', ...fresh, keyId: key.data.keyId, expiresAt: key.data.endDateTime ? toIso(Date.parse(key.data.endDateTime)) : null };
    return this.#adopt(current, renewed, async () =>
      graph.send({
        method: 'POST',
        path: `/applications/${encodeURIComponent(app.id)}/removeKey`,
        body: { keyId: current.keyId, proof: await proofOfPossession(fresh, app.id, clock.now()) },
      }),
    );
  }

  async #renewSecret(app: Application, current: Extract<AppCredential, { kind: 'secret' }>): Promise<Result<CredentialStatus>> {
    const { graph, clock } = this.#deps;
    const endDateTime = toIso(clock.now() + NEW_CREDENTIAL_DAYS * DAY_MS);
    const added = await graph.send({
      method: 'POST',
      path: `/applications/${encodeURIComponent(app.id)}/addPassword`,
      body: { passwordCredential: { displayName: `Lintel bridge, renewed ${toIso(clock.now()).slice(0, 10)}`, endDateTime } },
    });
    if (!added.ok) return this.#failed(`Adding a new client secret failed: ${added.code}: ${added.message}`);
    const secret = NewPassword.safeParse(added.body);
    if (!secret.success) return this.#failed('Microsoft 365 answered addPassword without a secret.');
    const renewed: AppCredential = { kind: 'secret', secretText: secret.data.secretText, keyId: secret.data.keyId, expiresAt: toIso(Date.parse(secret.data.endDateTime)) };
    return this.#adopt(current, renewed, () =>
      graph.send({ method: 'POST', path: `/applications/${encodeURIComponent(app.id)}/removePassword`, body: { keyId: current.keyId } }),
    );
  }

  /**
   * Stores the renewed credential before anything else (a crash must not lose
   * the only one that will work), switches to it once Microsoft 365 accepts
   * it, and only then removes the old one.
   */
  async #adopt(current: AppCredential, renewed: AppCredential, removeOld: () => Promise<GraphAnswer>): Promise<Result<CredentialStatus>> {
    const { tokens, clock, logger, warnings, persist } = this.#deps;
    persist(renewed);
    if (!(await tokens.accepts(renewed))) {
      persist(current);
      return this.#failed('The new credential was not accepted by Microsoft 365; the current one stays in use.');
    }
    tokens.useCredential(renewed);
    if (current.keyId !== null) {
      const removed = await removeOld();
      if (!removed.ok) logger.warn({ keyId: current.keyId, code: removed.code }, 'the old credential could not be removed; remove it in Entra admin center');
    }
    this.#status.lastRenewedAt = toIso(clock.now());
    this.#status.lastError = null;
    warnings.clearAll('credential-renewal-failed', 'credential-expiring', 'credential-expired', 'credential-invalid');
    logger.info({ kind: renewed.kind, keyId: renewed.keyId, expiresAt: renewed.expiresAt }, 'renewed the Microsoft 365 credential');
    return ok(this.status());
  }

  /** The application object, a refusal to read it (a permission is missing), or 'unavailable' when Graph could not say. */
  async #readApplication(): Promise<Result<Application> | 'unavailable'> {
    const answer = await this.#deps.graph.send({ method: 'GET', path: `/applications(appId='${encodeURIComponent(this.#deps.clientId)}')` });
    if (!answer.ok && answer.kind !== 'refused') return 'unavailable';
    if (!answer.ok) return fail('internal', `Reading Lintel's application failed: ${answer.code}: ${answer.message}`);
    const app = Application.safeParse(answer.body);
    return app.success ? ok(app.data) : fail('internal', "Microsoft 365 answered with something that is not Lintel's application.");
  }

  /** Learns the current credential's key id and expiry from the application, when the admin gave only the secret. */
  #withKnownExpiry(app: Application): AppCredential {
    const { tokens, persist } = this.#deps;
    const current = tokens.credential;
    if (current.keyId !== null && current.expiresAt !== null) return current;
    const matching = (
      current.kind === 'secret'
        ? app.passwordCredentials.filter((p) => (current.keyId !== null ? p.keyId === current.keyId : p.hint === current.secretText.slice(0, 3)))
        : app.keyCredentials.filter((k) => k.keyId === current.keyId || k.customKeyIdentifier?.toUpperCase() === sha1Thumbprint(current.certificatePem))
    ).sort((a, b) => (b.endDateTime ?? '').localeCompare(a.endDateTime ?? ''));
    const known = matching[0];
    if (!known) return current;
    const updated = tokens.describeCredential(known.keyId, known.endDateTime ? toIso(Date.parse(known.endDateTime)) : current.expiresAt);
    persist(updated);
    return updated;
  }

  #failed(message: string): Result<CredentialStatus> {
    const { warnings, clock, logger, tokens } = this.#deps;
    this.#status.lastError = message;
    warnings.raise('credential-renewal-failed', message);
    const expiresAt = tokens.credential.expiresAt;
    if (expiresAt !== null && Date.parse(expiresAt) - clock.now() <= RENEW_BEFORE_MS) {
      warnings.raise('credential-expiring', `The bridge's credential expires on ${expiresAt.slice(0, 10)}.`);
    }
    logger.error({ detail: message }, 'Microsoft 365 credential renewal failed');
    return fail('internal', message);
  }
}
