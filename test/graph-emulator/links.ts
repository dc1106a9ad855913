import type { Request } from 'express';
import type { EmulatorContext } from './context.ts';

/**
 * A link to the resource of `req` with `params` set in its query (replacing
 * the query unless `keepQuery`), written as Graph writes its nextLinks and
 * deltaLinks: `$skip`, `$skiptoken` and `$deltatoken` with a literal `$`.
 */
export function linkTo(ctx: EmulatorContext, req: Request, params: Record<string, string>, keepQuery = true): string {
  const url = new URL(`${ctx.origin()}${req.originalUrl}`);
  if (!keepQuery) url.search = '';
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString().replaceAll('%24', '$');
}
