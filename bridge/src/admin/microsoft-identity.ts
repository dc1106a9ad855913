import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { AdminConfig } from '../../../shared/admin-api.ts';
import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Logger } from '../logger.ts';
import type { HttpsFetch } from '../calendars/microsoft-365/https-fetch.ts';
import type { AdminIdentity } from './admin-identity.ts';

/** The delegated scope Lintel's app exposes for its admin page calling the bridge. */
export const ADMIN_API_SCOPE_NAME = 'access_as_user';
/**
 * The app role that makes a user of the tenant a Lintel admin. Signing in is
 * not enough: any user of the tenant can get a token for the app, and the
 * admin API can revoke the integration.
 */
export const ADMIN_APP_ROLE = 'Lintel.Admin';
/** Microsoft rolls its signing keys; an unknown key id fetches the set again, at most this often. */
const KEYS_REFETCH_MS = 5 * MINUTE_MS;

export interface MicrosoftTenant {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  graphUrl: string;
}

/**
 * Verifies the admin page's Microsoft access token for Lintel's own API:
 * signed by a key of the tenant's published set, issued by the tenant's
 * authority, for this app, unexpired on the bridge's clock, from the
 * connected tenant, and carrying the admin-page scope. Anything less is
 * `unauthorized`, with the reason logged but not told to the caller.
 */
export class MicrosoftIdentity {
  readonly #tenant: MicrosoftTenant;
  readonly #fetch: HttpsFetch;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #keys: { set: ReturnType<typeof createLocalJWKSet>; fetchedAt: number } | undefined;

  constructor(deps: { tenant: MicrosoftTenant; fetch: HttpsFetch; clock: Clock; logger: Logger }) {
    this.#tenant = deps.tenant;
    this.#fetch = deps.fetch;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
  }

  /** What the admin page needs to sign in to this tenant and to call Graph; nothing secret. */
  pageConfig(): NonNullable<AdminConfig['microsoft365']> {
    const { tenantId, clientId, authorityHost, graphUrl } = this.#tenant;
    return {
      tenantId,
      clientId,
      authority: `${authorityHost}/${tenantId}`,
      knownAuthority: new URL(authorityHost).host,
      graphUrl,
      apiScope: `api://${clientId}/${ADMIN_API_SCOPE_NAME}`,
    };
  }

  /** The hosts the admin page talks to: sign-in and Graph. */
  origins(): string[] {
    return [new URL(this.#tenant.authorityHost).origin, new URL(this.#tenant.graphUrl).origin];
  }

  async verify(token: string): Promise<Result<AdminIdentity>> {
    const { tenantId, clientId, authorityHost } = this.#tenant;
    try {
      const { payload } = await this.#verifySignature(token, {
        // v2.0 tokens, or v1.0 ones while the app's manifest still has Entra's default accessTokenAcceptedVersion.
        issuer: [`${authorityHost}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        audience: [clientId, `api://${clientId}`],
        algorithms: ['RS256'],
        currentDate: new Date(this.#clock.now()),
        clockTolerance: 60,
        requiredClaims: ['exp', 'tid'],
      });
      if (payload.tid !== tenantId) return this.#refuse(`token from tenant ${String(payload.tid)}`);
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(ADMIN_API_SCOPE_NAME)) return this.#refuse(`token without the ${ADMIN_API_SCOPE_NAME} scope`);
      const identity = identityOf(payload);
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      if (!roles.includes(ADMIN_APP_ROLE)) {
        this.#logger.warn({ user: identity.name }, 'admin API: a signed-in user without the Lintel admin role was refused');
        return fail(
          'unauthorized',
          `${identity.name} is signed in but is not a Lintel admin. In Entra admin center, Enterprise applications, Lintel, Users and groups, assign them the "${ADMIN_APP_ROLE}" role, then sign in again.`,
        );
      }
      return ok(identity);
    } catch (error) {
      if (error instanceof errors.JWTExpired) return fail('unauthorized', 'Your sign-in has expired: sign in again.');
      return this.#refuse(error instanceof Error ? error.message : String(error));
    }
  }

  async #verifySignature(token: string, options: Parameters<typeof jwtVerify>[2]) {
    const keys = await this.#currentKeys(false);
    try {
      return await jwtVerify(token, keys, options);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      return await jwtVerify(token, await this.#currentKeys(true), options);
    }
  }

  async #currentKeys(refresh: boolean): Promise<ReturnType<typeof createLocalJWKSet>> {
    const now = this.#clock.now();
    if (this.#keys && (!refresh || now - this.#keys.fetchedAt < KEYS_REFETCH_MS)) return this.#keys.set;
    const url = `${this.#tenant.authorityHost}/${encodeURIComponent(this.#tenant.tenantId)}/discovery/v2.0/keys`;
    const response = await this.#fetch(url, { method: 'GET', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`the tenant's signing keys answered ${response.status}`);
    this.#keys = { set: createLocalJWKSet((await response.json()) as JSONWebKeySet), fetchedAt: now };
    return this.#keys.set;
  }

  #refuse(reason: string): Result<never> {
    this.#logger.warn({ reason }, 'admin API: a Microsoft token was refused');
    return fail('unauthorized', 'Sign in again: this Microsoft sign-in is not valid for this bridge.');
  }
}

function identityOf(payload: JWTPayload): AdminIdentity {
  const name = [payload.preferred_username, payload.upn, payload.name, payload.oid].find((value) => typeof value === 'string' && value !== '');
  return { name: String(name ?? 'Microsoft user'), via: 'microsoft', id: String(payload.oid ?? payload.sub) };
}
