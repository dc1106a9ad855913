import { verifySignedByCertificate } from './certificates.ts';
import { IdentityProblem } from './errors.ts';
import type { EmulatedApp } from './tenant.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Why the identity platform refuses a client's credential. */
const CLOCK_SKEW_SECONDS = 300;

export interface Refusal {
  status: 400 | 401;
  error: string;
  aadsts: number;
  description: string;
}

/**
 * Checks the credential a confidential client's token request carries: a
 * client secret, or a client assertion (RFC 7523) signed by one of the app's
 * certificates.
 */
export async function refuseCredential(
  app: EmulatedApp,
  body: Record<string, string | undefined>,
  tokenEndpoint: string,
  now: number,
): Promise<Refusal | undefined> {
  if (body.client_assertion_type === JWT_BEARER && body.client_assertion) return refuseAssertion(app, body.client_assertion, tokenEndpoint, now);
  if (body.client_secret === undefined) {
    return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", 400);
  }
  const secret = app.passwordCredentials.find((credential) => credential.secretText === body.client_secret);
  if (!secret) return invalidClient(7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
  if (Date.parse(secret.endDateTime) <= now) return invalidClient(7000222, `The provided client secret keys for app '${app.appId}' are expired.`);
  return undefined;
}

async function refuseAssertion(app: EmulatedApp, assertion: string, tokenEndpoint: string, now: number): Promise<Refusal | undefined> {
  const signed = await verifySignedByCertificate(assertion, app.keyCredentials);
  if (!signed.ok) {
    if (signed.reason === 'malformed') return invalidClient(50027, 'JWT token is invalid or malformed.', 400);
    if (signed.reason === 'unknown-key') {
      return invalidClient(700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${signed.thumbprint}']`);
    }
    return invalidClient(700027, 'Client assertion failed signature validation.');
  }
  if (Date.parse(signed.key.endDateTime) <= now) {
    return invalidClient(700027, `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${signed.key.customKeyIdentifier}']`);
  }
  const { aud, iss, sub, exp, nbf } = signed.payload;
  if (iss !== app.appId || sub !== app.appId) return invalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  if (aud !== tokenEndpoint) return invalidClient(50027, `Invalid JWT token. The audience '${String(aud)}' of the client assertion is not the token endpoint '${tokenEndpoint}'.`);
  const seconds = now / 1000;
  // The identity platform forgives a client clock up to five minutes off, as it does for any token.
  if (typeof exp !== 'number' || exp <= seconds - CLOCK_SKEW_SECONDS || (typeof nbf === 'number' && nbf > seconds + CLOCK_SKEW_SECONDS)) {
    return invalidClient(700024, 'Client assertion is not within its valid time range.');
  }
  return undefined;
}

/**
 * Microsoft's refusal of a client credential, or a web app's grant, sent
 * from a browser (its Origin), so that no page ever holds one
 * (v2-oauth2-auth-code-flow.md, "Redirect URIs for single-page apps").
 */
export function crossOriginRedemption(origin: string): IdentityProblem {
  return new IdentityProblem('invalid_request', 9002326, `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`);
}

function invalidClient(aadsts: number, description: string, status: 400 | 401 = 401): Refusal {
  return { status, error: 'invalid_client', aadsts, description };
}
