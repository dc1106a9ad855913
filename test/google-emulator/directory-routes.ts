import express, { type Request, type Response, type Router } from 'express';
import { DIRECTORY_RESOURCE_READ_SCOPES, principalOf, requireScope } from './api-auth.ts';
import type { EmulatedResource } from './directory.ts';
import { badRequest, GoogleProblem, notFound } from './errors.ts';
import { etagOf } from './event-json.ts';
import type { EmulatedWorkspace } from './workspace.ts';

/**
 * Admin SDK calls are made as an administrator: "Only users with access to
 * the Admin APIs can access the Admin SDK Directory API, therefore your
 * service account needs to impersonate one of those users" (Admin SDK
 * Directory API, "Perform Google Workspace domain-wide delegation of
 * authority", developers.google.com/admin-sdk/directory/v1/guides/delegation).
 * A service account acting as itself, or impersonating a user who is not an
 * administrator, gets Google's 403 "Not Authorized to access this resource/api".
 */
function authorize(workspace: EmulatedWorkspace, req: Request, res: Response): void {
  const principal = principalOf(res);
  requireScope(principal, DIRECTORY_RESOURCE_READ_SCOPES);
  const admin = principal.subject ? workspace.users.get(principal.subject)?.isAdmin : false;
  // `customer`: "The unique ID for the customer's Google Workspace account. As an account administrator, you can also use the my_customer alias".
  const customer = String(req.params.customer);
  if (!admin || (customer !== 'my_customer' && customer !== workspace.customerId)) {
    throw new GoogleProblem(403, { domain: 'global', reason: 'forbidden', message: 'Not Authorized to access this resource/api' });
  }
}

/** `maxResults` (1 to 500 in the Directory API's discovery document) and `pageToken`, over an in-memory list. */
function paged<T>(items: T[], req: Request): { page: T[]; nextPageToken?: string } {
  const raw = req.query.maxResults;
  const size = raw === undefined ? 100 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 500) throw badRequest('invalid', `Invalid value '${String(raw)}'. Values must be within the range: [1, 500]`, 'maxResults');
  const token = req.query.pageToken === undefined ? undefined : String(req.query.pageToken);
  const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('invalid', 'Invalid page token.', 'pageToken');
  const page = items.slice(offset, offset + size);
  return { page, ...(offset + size < items.length ? { nextPageToken: Buffer.from(String(offset + size)).toString('base64url') } : {}) };
}

const QUERY_FIELDS: Record<string, (resource: EmulatedResource, generated: string) => string | number | undefined> = {
  buildingId: (r) => r.buildingId,
  resourceCategory: (r) => r.resourceCategory,
  resourceEmail: (r) => r.resourceEmail,
  name: (r) => r.resourceName,
  floor_name: (r) => r.floorName,
  generatedResourceName: (_r, generated) => generated,
  capacity: (r) => r.capacity,
};

/** resources.calendars.list `query`: clauses `field op value` joined by AND; operators '=', '!=', ':' (prefix with a trailing *), and '>=', '<=' for capacity. */
function matchesQuery(query: string, resource: EmulatedResource, generated: string): boolean {
  for (const clause of query.split(/\s+AND\s+/i)) {
    const match = /^\s*([A-Za-z_.]+)\s*(!=|>=|<=|=|:)\s*(.+?)\s*$/.exec(clause);
    const read = match && QUERY_FIELDS[match[1]!];
    if (!match || !read) throw badRequest('invalid', 'Invalid Input: query', 'query');
    const actual = read(resource, generated);
    const wanted = match[3]!.replace(/^"(.*)"$/, '$1');
    const ok =
      match[2] === '=' ? String(actual) === wanted
      : match[2] === '!=' ? String(actual) !== wanted
      : match[2] === ':' ? String(actual ?? '').startsWith(wanted.replace(/\*$/, ''))
      : match[2] === '>=' ? Number(actual) >= Number(wanted)
      : Number(actual) <= Number(wanted);
    if (!ok) return false;
  }
  return true;
}

/** resources.calendars.list `orderBy`: "resourceId, resourceName, capacity, buildingId, and floorName ... "field [asc|desc], ..."". */
function sortResources(resources: EmulatedResource[], orderBy: string): EmulatedResource[] {
  const keys = orderBy.split(',').map((part) => part.trim().split(/\s+/));
  return [...resources].sort((a, b) => {
    for (const [field, direction] of keys) {
      if (!field || !['resourceId', 'resourceName', 'capacity', 'buildingId', 'floorName'].includes(field)) throw badRequest('invalid', 'Invalid Input: orderBy', 'orderBy');
      const x = a[field as keyof EmulatedResource] as string | number | undefined;
      const y = b[field as keyof EmulatedResource] as string | number | undefined;
      const order = x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : 1;
      if (order !== 0) return direction === 'desc' ? -order : order;
    }
    return 0;
  });
}

/** Admin SDK Directory API resources.calendars and resources.buildings, under /admin/directory/v1. */
export function directoryRoutes(workspace: EmulatedWorkspace): Router {
  const router = express.Router();
  const etag = () => etagOf(workspace.now());
  const calendarResource = (resource: EmulatedResource) => ({
    kind: 'admin#directory#resources#calendars#CalendarResource',
    etags: etag(),
    ...resource,
    generatedResourceName: workspace.generatedResourceName(resource),
  });

  // resources.calendars.list (reference/rest/v1/resources.calendars/list).
  router.get('/customer/:customer/resources/calendars', (req, res) => {
    authorize(workspace, req, res);
    const query = req.query.query === undefined ? undefined : String(req.query.query);
    let resources = workspace.resources.filter((resource) => !query || matchesQuery(query, resource, workspace.generatedResourceName(resource)));
    if (req.query.orderBy !== undefined) resources = sortResources(resources, String(req.query.orderBy));
    const { page, nextPageToken } = paged(resources, req);
    res.json({ kind: 'admin#directory#resources#calendars#calendarResourcesList', etag: etag(), items: page.map(calendarResource), ...(nextPageToken ? { nextPageToken } : {}) });
  });

  // resources.calendars.get (reference/rest/v1/resources.calendars/get).
  router.get('/customer/:customer/resources/calendars/:calendarResourceId', (req, res) => {
    authorize(workspace, req, res);
    const resource = workspace.resources.find((candidate) => candidate.resourceId === req.params.calendarResourceId);
    if (!resource) throw notFound();
    res.json(calendarResource(resource));
  });

  // resources.buildings.list (reference/rest/v1/resources.buildings/list).
  router.get('/customer/:customer/resources/buildings', (req, res) => {
    authorize(workspace, req, res);
    const { page, nextPageToken } = paged(workspace.buildings, req);
    const buildings = page.map((building) => ({ kind: 'admin#directory#resources#buildings#Building', etags: etag(), ...building }));
    res.json({ kind: 'admin#directory#resources#buildings#buildingsList', etag: etag(), buildings, ...(nextPageToken ? { nextPageToken } : {}) });
  });

  // resources.buildings.get (reference/rest/v1/resources.buildings/get).
  router.get('/customer/:customer/resources/buildings/:buildingId', (req, res) => {
    authorize(workspace, req, res);
    const building = workspace.buildings.find((candidate) => candidate.buildingId === req.params.buildingId);
    if (!building) throw notFound();
    res.json({ kind: 'admin#directory#resources#buildings#Building', etags: etag(), ...building });
  });

  router.use(() => {
    throw notFound();
  });
  return router;
}
