import { X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { graphDefaultScope } from '../../../shared/graph-scopes.ts';
import type { IntegrationWarningCode } from '../../../shared/integration-warnings.ts';
import type { Logger } from '../logger.ts';
import type { HttpsFetch } from './https-fetch.ts';
import type { WarningBoard } from './warning-board.ts';

/** Where the tenant is and who the bridge is in it. */
export interface M365Connection {
  tenantId: string;
  clientId: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** e.g. https://graph.microsoft.com */
  graphUrl: string;
}

/** The application credential the bridge signs in with; only the bridge ever holds it. */
export type AppCredential =
  | { kind: 'secret'; secretText: string; keyId: string | null; expiresAt: string | null }
  | { kind: 'certificate'; certificatePem: string; privateKeyPem: string; keyId: string | null; expiresAt: string | null };

/** Token failures by their AADSTS number, as the admin page explains them. */
const AADSTS_WARNINGS: Record<string, IntegrationWarningCode> = {
  '7000215': 'credential-invalid',
  '700027': 'credential-invalid',
  '7000222': 'credential-expired',
  '7000112': 'service-principal-disabled',
  '700016': 'service-principal-deleted',
  '65001': 'consent-withdrawn',
};
/** Cleared by a token; an unreachable Graph is cleared by the next Graph answer instead. */
const TOKEN_WARNINGS: IntegrationWarningCode[] = [...new Set(Object.values(AADSTS_WARNINGS))];

/** A token could not be had; `warning` says why in the admin's terms. */
export class TokenUnavailable extends Error {
  readonly warning: IntegrationWarningCode;
  constructor(warning: IntegrationWarningCode, message: string) {
    super(message);
    this.warning = warning;
  }
}

/**
 * Application tokens for Graph by client credentials, through MSAL (which
 * caches them until shortly before they expire). A token Graph rejects is
 * invalidated, so the next request asks for a new one instead of failing
 * until the cached one runs out.
 */
export class TokenSource {
  readonly #connection: M365Connection;
  readonly #fetch: HttpsFetch;
  readonly #warnings: WarningBoard;
  readonly #logger: Logger;
  #msal: ConfidentialClientApplication;
  #credential: AppCredential;
  #forceRefresh = false;
  #signedIn = false;
  #consentMissing = false;

  constructor(connection: M365Connection, credential: AppCredential, fetch: HttpsFetch, warnings: WarningBoard, logger: Logger) {
    this.#connection = connection;
    this.#fetch = fetch;
    this.#warnings = warnings;
    this.#logger = logger;
    this.#credential = credential;
    this.#msal = this.#createClient(credential);
  }

  get credential(): AppCredential {
    return this.#credential;
  }

  /** Signs in with another credential from now on (after a renewal or an admin's change). */
  useCredential(credential: AppCredential): void {
    this.#credential = credential;
    this.#msal = this.#createClient(credential);
  }

  /** Records what the application says about the credential in use (its key id and expiry), keeping the signed-in client. */
  describeCredential(keyId: string, expiresAt: string | null): AppCredential {
    this.#credential = { ...this.#credential, keyId, expiresAt };
    return this.#credential;
  }

  /** Whether a token was had since the bridge started: until then the connection is unknown, not good. */
  get signedIn(): boolean {
    return this.#signedIn;
  }

  /** Whether the latest token grants no application permission: Graph refuses such a token everything, so its refusals say nothing of the resource asked for. */
  get consentMissing(): boolean {
    return this.#consentMissing;
  }

  invalidate(): void {
    this.#forceRefresh = true;
  }

  async getToken(): Promise<string> {
    // A token Graph rejected stays rejected until a fresh one is had: the cache would hand it out again.
    const skipCache = this.#forceRefresh;
    try {
      const result = await this.#msal.acquireTokenByClientCredential({ scopes: [graphDefaultScope(this.#connection.graphUrl)], skipCache });
      if (!result?.accessToken) throw new TokenUnavailable('credential-invalid', 'Microsoft 365 answered without an access token.');
      if (skipCache) this.#forceRefresh = false;
      this.#signedIn = true;
      this.#consentMissing = !grantsRoles(result.accessToken);
      if (this.#consentMissing) this.#showOnly('consent-withdrawn', 'Microsoft 365 issued a token without application permissions (no roles claim): admin consent is missing.');
      else this.#warnings.clearAll(...TOKEN_WARNINGS);
      return result.accessToken;
    } catch (error) {
      const unavailable = error instanceof TokenUnavailable ? error : classify(error);
      this.#showOnly(unavailable.warning, unavailable.message);
      throw unavailable;
    }
  }

  /** One sign-in problem at a time: the latest says what is wrong now. */
  #showOnly(warning: IntegrationWarningCode, message: string): void {
    this.#warnings.clearAll(...TOKEN_WARNINGS.filter((code) => code !== warning));
    this.#warnings.raise(warning, message);
  }

  /** Tries a credential without adopting it: a renewed one is only used once Microsoft 365 accepts it. */
  async accepts(credential: AppCredential): Promise<boolean> {
    try {
      const result = await this.#createClient(credential).acquireTokenByClientCredential({ scopes: [graphDefaultScope(this.#connection.graphUrl)], skipCache: true });
      return Boolean(result?.accessToken);
    } catch (error) {
      this.#logger.warn({ err: classify(error).message }, 'a new Microsoft 365 credential was not accepted');
      return false;
    }
  }

  #createClient(credential: AppCredential): ConfidentialClientApplication {
    const { tenantId, clientId, authorityHost } = this.#connection;
    const configuration: Configuration = {
      auth: {
        clientId,
        authority: `${authorityHost}/${encodeURIComponent(tenantId)}`,
        knownAuthorities: [new URL(authorityHost).host],
        ...(credential.kind === 'secret'
          ? { clientSecret: credential.secretText }
          : { clientCertificate: { thumbprintSha256: sha256Thumbprint(credential.certificatePem), privateKey: credential.privateKeyPem, x5c: credential.certificatePem } }),
      },
      system: {
        networkClient: msalNetwork(this.#fetch),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (_level, message) => this.#logger.debug({ msal: message }, 'msal'),
        },
      },
    };
    return new ConfidentialClientApplication(configuration);
  }
}

/**
 * Whether an app-only token grants application permissions. Entra issues one
 * without `roles` when none is granted, as when admin consent is missing or
 * withdrawn (identity platform docs: v2-oauth2-client-creds-grant-flow.md,
 * "Controlling tokens without the roles claim"). One the bridge cannot decode
 * is taken to grant them: Graph is then the judge.
 */
function grantsRoles(accessToken: string): boolean {
  try {
    const { roles } = decodeJwt(accessToken);
    return Array.isArray(roles) && roles.length > 0;
  } catch {
    return true;
  }
}

function sha256Thumbprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256.replaceAll(':', '');
}

function classify(error: unknown): TokenUnavailable {
  const text = error instanceof Error ? `${(error as { errorMessage?: string }).errorMessage ?? ''} ${error.message}` : String(error);
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  const warning = aadsts === undefined ? undefined : AADSTS_WARNINGS[aadsts];
  if (warning) return new TokenUnavailable(warning, firstLine(text));
  if (aadsts !== undefined) return new TokenUnavailable('credential-invalid', firstLine(text));
  return new TokenUnavailable('microsoft-365-unreachable', `Cannot reach the Microsoft identity platform: ${firstLine(text)}`);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 500) ?? '';
}

/** MSAL's network port, over the integration's fetch so a proxy CA applies to sign-in too. */
function msalNetwork(fetch: HttpsFetch): NonNullable<NonNullable<Configuration['system']>['networkClient']> {
  const send = async <T>(method: string, url: string, options?: { headers?: Record<string, string>; body?: string }) => {
    const response = await fetch(url, { method, headers: options?.headers ?? {}, body: options?.body });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    return { status: response.status, headers, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
