import { randomBytes } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { keyCredentialOf, verifySignedByCertificate, type EmulatedKeyCredential } from './certificates.ts';
import { GRAPH_RESOURCE, type EmulatorContext } from './context.ts';
import { graphError, GraphProblem } from './errors.ts';
import { callerOf } from './graph-auth.ts';
import type { EmulatedApp, EmulatedPasswordCredential } from './tenant.ts';

/** The audience of an addKey/removeKey proof: the directory, as Microsoft documents it. */
const PROOF_AUDIENCE = '00000002-0000-0000-c000-000000000000';
const PROOF_MAX_LIFETIME_SECONDS = 600;
const DEFAULT_SECRET_LIFETIME_MS = 2 * 365 * 24 * 60 * 60 * 1000;
const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-~';
const READ_ROLES = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'];
const WRITE_ROLES = ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'];
/** `/applications/{id}`, `/applications(appId='…')`, the same for service principals, and the credential actions. */
const PATH = /^\/(applications|servicePrincipals)(?:\/([^/()]+)|\(appId='([^']+)'\))(?:\/(?:microsoft\.graph\.)?(addPassword|removePassword|addKey|removeKey))?$/i;

const addPassword = z.object({ passwordCredential: z.object({ displayName: z.string().nullish(), startDateTime: z.string().nullish(), endDateTime: z.string().nullish() }).nullish() });
const removePassword = z.object({ keyId: z.string() });
const addKey = z.object({ keyCredential: z.object({ type: z.literal('AsymmetricX509Cert'), usage: z.literal('Verify'), key: z.string(), displayName: z.string().nullish() }), passwordCredential: z.null().optional(), proof: z.string() });
const removeKey = z.object({ keyId: z.string(), proof: z.string() });

/**
 * An application rolling its own credentials: reading itself, add/removePassword
 * (Application.ReadWrite.OwnedBy), add/removeKey (no permission, but a proof
 * signed by one of its valid certificates), and reading a service principal.
 */
export function applicationRoutes(ctx: EmulatorContext): Router {
  const { tenant } = ctx;
  const router = express.Router();

  router.use(async (req, res, next) => {
    const [, collection = '', id, appId, rawAction] = PATH.exec(decodeURIComponent(req.path)) ?? [];
    const action = rawAction?.toLowerCase();
    const servicePrincipal = collection.toLowerCase() === 'serviceprincipals';
    if (!collection || req.method !== (action ? 'POST' : 'GET') || (servicePrincipal && action)) return next();
    const app = [...tenant.apps.values()].find((each) => (appId ? each.appId === appId : (servicePrincipal ? each.servicePrincipalId : each.id) === id));
    const caller = callerOf(res);
    const proven = action === 'addkey' || action === 'removekey';
    const roles = action ? WRITE_ROLES : READ_ROLES;
    if (!proven && !caller.permissions.some((permission) => roles.includes(permission))) return insufficientPrivileges(res);
    if (!app || (servicePrincipal && app.servicePrincipal === 'deleted')) return notFound(res, appId ?? id);
    if (servicePrincipal) return res.json(servicePrincipalJson(app));
    if (app.appId !== caller.appId) return insufficientPrivileges(res);
    switch (action) {
      case undefined:
        return res.json({ '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#applications/$entity`, ...applicationJson(app) });
      case 'addpassword':
        return res.json(addSecret(app, parse(addPassword, req.body).passwordCredential ?? {}, tenant.now()));
      case 'removepassword': {
        const { keyId } = parse(removePassword, req.body);
        if (!app.passwordCredentials.some((credential) => credential.keyId === keyId)) throw new GraphProblem(400, 'Request_BadRequest', `No password credential found with keyId '${keyId}'.`);
        app.passwordCredentials = app.passwordCredentials.filter((credential) => credential.keyId !== keyId);
        return res.status(204).end();
      }
      case 'addkey': {
        const body = parse(addKey, req.body);
        await checkProof(app, body.proof, tenant.now());
        const credential = certificateCredential(body.keyCredential.key);
        if (body.keyCredential.displayName) credential.displayName = body.keyCredential.displayName;
        app.keyCredentials.push(credential);
        return res.json(keyJson(credential));
      }
      case 'removekey': {
        const { keyId, proof } = parse(removeKey, req.body);
        await checkProof(app, proof, tenant.now());
        if (!app.keyCredentials.some((credential) => credential.keyId === keyId)) throw new GraphProblem(400, 'Request_BadRequest', `No key credential found with keyId '${keyId}'.`);
        app.keyCredentials = app.keyCredentials.filter((credential) => credential.keyId !== keyId);
        return res.status(204).end();
      }
    }
  });

  return router;
}

function certificateCredential(base64Der: string): EmulatedKeyCredential {
  try {
    return keyCredentialOf(Buffer.from(base64Der, 'base64'));
  } catch {
    throw new GraphProblem(400, 'Request_BadRequest', "Invalid value specified for property 'key' of resource 'KeyCredential'.");
  }
}

function addSecret(app: EmulatedApp, request: { displayName?: string | null; startDateTime?: string | null; endDateTime?: string | null }, now: number): object {
  const secretText = Array.from(randomBytes(40), (byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join('');
  const start = request.startDateTime ? Date.parse(request.startDateTime) : now;
  const end = request.endDateTime ? Date.parse(request.endDateTime) : start + DEFAULT_SECRET_LIFETIME_MS;
  if (Number.isNaN(start) || Number.isNaN(end)) throw new GraphProblem(400, 'Request_BadRequest', 'Invalid value specified for property \'endDateTime\' of resource \'PasswordCredential\'.');
  const credential: EmulatedPasswordCredential = {
    keyId: crypto.randomUUID(),
    displayName: request.displayName ?? null,
    hint: secretText.slice(0, 3),
    startDateTime: new Date(start).toISOString(),
    endDateTime: new Date(end).toISOString(),
    secretText,
  };
  app.passwordCredentials.push(credential);
  return { '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#microsoft.graph.passwordCredential`, ...passwordJson(credential), secretText };
}

/** The proof of possession addKey and removeKey require: a JWT from the app, signed by one of its certificates that is still valid. */
async function checkProof(app: EmulatedApp, proof: string, now: number): Promise<void> {
  const signed = await verifySignedByCertificate(proof, app.keyCredentials);
  const seconds = now / 1000;
  const claims = signed.ok ? signed.payload : {};
  const valid =
    signed.ok &&
    Date.parse(signed.key.endDateTime) > now &&
    claims.aud === PROOF_AUDIENCE &&
    claims.iss === app.id &&
    typeof claims.nbf === 'number' &&
    typeof claims.exp === 'number' &&
    claims.nbf <= seconds &&
    seconds < claims.exp &&
    claims.exp - claims.nbf <= PROOF_MAX_LIFETIME_SECONDS;
  if (!valid) throw new GraphProblem(401, 'Authentication_MissingOrMalformed', 'Access Token missing or malformed.');
}

function applicationJson(app: EmulatedApp): object {
  return {
    id: app.id,
    appId: app.appId,
    displayName: app.displayName,
    signInAudience: 'AzureADMyOrg',
    passwordCredentials: app.passwordCredentials.map(passwordJson),
    keyCredentials: app.keyCredentials.map(keyJson),
  };
}

function servicePrincipalJson(app: EmulatedApp): object {
  return {
    '@odata.context': `${GRAPH_RESOURCE}/v1.0/$metadata#servicePrincipals/$entity`,
    id: app.servicePrincipalId,
    appId: app.appId,
    displayName: app.displayName,
    accountEnabled: app.servicePrincipal === 'enabled',
    servicePrincipalType: 'Application',
    appRoleAssignmentRequired: false,
  };
}

function passwordJson(credential: EmulatedPasswordCredential): object {
  const { secretText: _secret, ...shown } = credential;
  return { customKeyIdentifier: null, ...shown, secretText: null };
}

function keyJson(credential: EmulatedKeyCredential): object {
  const { pem: _pem, ...shown } = credential;
  return { ...shown, key: null };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new GraphProblem(400, 'Request_BadRequest', `Invalid request body: ${result.error.issues[0]?.path.join('.')} ${result.error.issues[0]?.message}`);
  return result.data;
}

function notFound(res: Response, id: string | undefined): void {
  graphError(res, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function insufficientPrivileges(res: Response): void {
  graphError(res, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}
