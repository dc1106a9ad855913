import { X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type Configuration, type ICachePlugin } from '@azure/msal-node';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import type { Logger } from '../../logger.ts';
import { TokenUnavailable } from './graph-tokens.ts';
import type { HttpsFetch } from './https-fetch.ts';

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

/** The sign-in warnings a token clears; an unreachable Graph is cleared by the next Graph answer instead. */
export const CREDENTIAL_WARNINGS: IntegrationWarningCode[] = [...new Set(Object.values(AADSTS_WARNINGS))];

/**
 * MSAL's confidential client for Lintel's application, signing in with its
 * client secret or certificate, over the integration's fetch (so a proxy CA
 * applies to sign-in too). `cachePlugin` keeps its token cache elsewhere
 * than in memory: a connected account's refresh token must outlive the process.
 */
export function confidentialClient(
  connection: M365Connection,
  credential: AppCredential,
  deps: { fetch: HttpsFetch; logger: Logger; cachePlugin?: ICachePlugin },
): ConfidentialClientApplication {
  const { tenantId, clientId, authorityHost } = connection;
  const configuration: Configuration = {
    auth: {
      clientId,
      authority: `${authorityHost}/${encodeURIComponent(tenantId)}`,
      knownAuthorities: [new URL(authorityHost).host],
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secretText }
        : { clientCertificate: { thumbprintSha256: sha256Thumbprint(credential.certificatePem), privateKey: credential.privateKeyPem, x5c: credential.certificatePem } }),
    },
    ...(deps.cachePlugin ? { cache: { cachePlugin: deps.cachePlugin } } : {}),
    system: {
      networkClient: msalNetwork(deps.fetch),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (_level, message) => deps.logger.debug({ msal: message }, 'msal'),
      },
    },
  };
  return new ConfidentialClientApplication(configuration);
}

/** A sign-in failure in the admin's terms: the credential's, the application's, or an identity platform out of reach. */
export function classifySignInFailure(error: unknown): TokenUnavailable {
  const text = errorText(error);
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  const warning = aadsts === undefined ? undefined : AADSTS_WARNINGS[aadsts];
  if (warning) return new TokenUnavailable(warning, firstLine(text));
  if (aadsts !== undefined) return new TokenUnavailable('credential-invalid', firstLine(text));
  return new TokenUnavailable('microsoft-365-unreachable', `Cannot reach the Microsoft identity platform: ${firstLine(text)}`);
}

/** MSAL's error as one line: its errorMessage holds Microsoft's own text (with the AADSTS number). */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${(error as { errorMessage?: string }).errorMessage ?? ''} ${error.message}` : String(error);
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 500) ?? '';
}

function sha256Thumbprint(certificatePem: string): string {
  return new X509Certificate(certificatePem).fingerprint256.replaceAll(':', '');
}

/** MSAL's network port, over the integration's fetch. */
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
