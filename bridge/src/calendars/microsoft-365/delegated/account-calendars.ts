import { z } from 'zod';
import type { AccountCalendar } from '../../../../../shared/admin-api.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import type { Room } from '../../../../../shared/model.ts';
import type { GraphGateway } from '../graph-gateway.ts';

/** A runaway chain of links is cut here: 2,000 calendars is far beyond one account's. */
const MAX_PAGES = 20;

// Graph docs: api-reference/v1.0/resources/calendar.md
const GraphCalendar = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  canEdit: z.boolean().nullish(),
  isDefaultCalendar: z.boolean().nullish(),
  owner: z.object({ name: z.string().nullish(), address: z.string().nullish() }).nullish(),
});
const CalendarPage = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/**
 * The calendars the connected account reaches, for the admin to link rooms
 * to: its own, and those shared with or delegated to it, which Outlook adds
 * to its calendar list (Graph docs: api-reference/v1.0/api/user-list-calendars.md;
 * concepts/outlook-get-shared-events-calendars.md). A room is linked by its
 * owner's mailbox, whose main calendar the bridge syncs; someone else's
 * calendar in the list is the one they shared, taken as their main one.
 */
export async function accountCalendars(graph: GraphGateway, username: string, rooms: Room[]): Promise<Result<AccountCalendar[]>> {
  const calendars: AccountCalendar[] = [];
  let path: string | undefined = '/me/calendars?$select=id,name,canEdit,isDefaultCalendar,owner&$top=100';
  for (let page = 0; path !== undefined && page < MAX_PAGES; page++) {
    const answer = await graph.send({ method: 'GET', path });
    if (!answer.ok) return fail('not-connected', `Microsoft 365 did not list the account's calendars: ${answer.code}: ${answer.message}`);
    const parsed = CalendarPage.safeParse(answer.body);
    if (!parsed.success) return fail('not-connected', 'Microsoft 365 answered with something that is not a list of calendars.');
    for (const raw of parsed.data.value) {
      const calendar = GraphCalendar.safeParse(raw);
      if (calendar.success) calendars.push(describe(calendar.data, username, rooms));
    }
    path = parsed.data['@odata.nextLink'];
  }
  return ok(calendars);
}

function describe(calendar: z.infer<typeof GraphCalendar>, username: string, rooms: Room[]): AccountCalendar {
  const address = calendar.owner?.address?.trim() || username;
  const own = address.toLowerCase() === username.toLowerCase();
  const room = rooms.find((each) => each.microsoft365?.mailbox.toLowerCase() === address.toLowerCase());
  return {
    id: calendar.id,
    name: calendar.name?.trim() || address,
    owner: { name: calendar.owner?.name?.trim() || null, address },
    canEdit: calendar.canEdit ?? false,
    isDefault: own ? calendar.isDefaultCalendar === true : true,
    roomId: room?.id ?? null,
  };
}
