/**
 * The identity platform's documented example values and responses for an
 * app signing in with client credentials, copied from its pages
 * (MicrosoftDocs/entra-docs) as printed there.
 */

/**
 * The ids a new user reads first. The tenant is the specific-tenant example
 * of the identity platform's docs/identity-platform/v2-protocols-oidc.md
 * (MicrosoftDocs/entra-docs), the client id and secret those of the shared
 * secret request in docs/identity-platform/v2-oauth2-client-creds-grant-flow.md
 * ("First case: Access token request with a shared secret").
 */
export const DOCUMENTED_TENANT_ID = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
export const DOCUMENTED_CLIENT_ID = '535fb089-9ff3-47b6-9bfb-4f1264799865';
export const DOCUMENTED_CLIENT_SECRET = 'sampleCredentials';

/** Where the identity examples send a client; the fake is there instead. */
export const DOCUMENTED_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** v2-oauth2-client-creds-grant-flow.md, "Successful response": its access token is printed cut short, "..." and all. */
export const TOKEN_RESPONSE = {
  token_type: 'Bearer',
  expires_in: 3599,
  access_token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6Ik1uQ19WWmNBVGZNNXBP...',
} as const;

/**
 * v2-protocols-oidc.md, "Sample response" of the OpenID configuration
 * document, which the page prints "truncated for brevity" (its "..." is
 * where the rest would be).
 */
export const OPENID_CONFIGURATION = {
  authorization_endpoint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
  token_endpoint: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
  token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
  jwks_uri: 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys',
  userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
  subject_types_supported: ['pairwise'],
} as const;
