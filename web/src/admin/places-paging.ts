/** One GET against Microsoft Graph: a path under the version (`/places/...`) or a full `@odata.nextLink`. */
export type GraphGet = (pathOrUrl: string) => Promise<unknown>;

/** Pages followed at most: 20,000 rooms is far beyond any tenant, and a looping nextLink cannot hang the page. */
const PAGE_LIMIT = 200;
/** Graph's Places page size, its default and what Lintel asks for (api-reference/v1.0/api/place-list.md). */
const PLACES_PAGE = 100;

/**
 * Every place of a Places collection. Places documents paging by `$top` and
 * `$skip`, not by `@odata.nextLink` (api-reference/v1.0/api/place-list.md):
 * a link Graph gives is followed, and without one a full page asks for the
 * next by `$skip`, until a page comes back short. A page with nothing new
 * (a server ignoring `$skip`) ends it rather than asking for ever.
 */
export async function allPlaces(get: GraphGet, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  const bySkip = (skip: number) => `${path}?$top=${PLACES_PAGE}${skip > 0 ? `&$skip=${skip}` : ''}`;
  let next: string | undefined = bySkip(0);
  for (let page = 0; next !== undefined && page < PAGE_LIMIT; page++) {
    const answer = (await get(next)) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    const value = Array.isArray(answer?.value) ? (answer.value as unknown[]) : [];
    const fresh = value.filter((item) => {
      const key = JSON.stringify(item);
      return !seen.has(key) && Boolean(seen.add(key));
    });
    items.push(...fresh);
    const link = answer?.['@odata.nextLink'];
    next = typeof link === 'string' ? link : value.length >= PLACES_PAGE && fresh.length > 0 ? bySkip(items.length) : undefined;
  }
  return items;
}
