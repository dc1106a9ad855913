import type { AccountCalendar, M365Access, M365Account } from '../../../../../shared/admin-api.ts';
import type { Clock } from '../../../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import type { Logger } from '../../../logger.ts';
import type { RoomStore } from '../../../store/room-store.ts';
import type { GraphGateway } from '../graph-gateway.ts';
import type { WarningBoard } from '../../remote/warning-board.ts';
import { accountCalendars } from './account-calendars.ts';
import type { SignInAnswer } from './account-sign-in.ts';
import type { DelegatedAccess } from './delegated-access.ts';

/** The admin page's part in delegated access: connect an account, see its calendars, remove it. */
export interface AccountConnection {
  access(): M365Access;
  /** Where the admin's browser signs in as the account, and the nonce its cookie must bring back. */
  startSignIn(by: string): Promise<Result<{ url: string; nonce: string }>>;
  /** Microsoft's answer at the callback: the account is connected and every linked room synced. */
  finishSignIn(answer: SignInAnswer, nonce: string | undefined): Promise<Result<M365Account>>;
  calendars(): Promise<Result<AccountCalendar[]>>;
  /** "Remove authorization": the token is deleted, every linked room runs on local bookings, every meeting kept. */
  remove(): Promise<Result<{ account: string; rooms: number }>>;
}

const APPLICATION_ONLY = 'This bridge uses application permissions (LINTEL_M365_PERMISSIONS=application): there is no Microsoft account to connect.';

export interface AccountConnectionDeps {
  delegated: DelegatedAccess | undefined;
  graph: GraphGateway;
  store: RoomStore;
  /** The room leaves Microsoft 365: its sync position and changes still waiting go (joins the caller's transaction). */
  forgetRoom: (roomId: string) => void;
  warnings: WarningBoard;
  clock: Clock;
  logger: Logger;
  /** Waits for sync rounds and sends under way. */
  idle: () => Promise<void>;
  /** Syncs every linked room now, as "Check status" does. */
  checkNow: () => Promise<void>;
  announce: (roomId: string) => void;
}

export function accountConnection(deps: AccountConnectionDeps): AccountConnection {
  const { delegated, store, warnings, clock, logger } = deps;
  return {
    access: () => (delegated ? { mode: 'delegated', account: delegated.accounts.described(), redirectUri: delegated.signIn.redirectUri } : { mode: 'application' }),
    async startSignIn(by) {
      if (!delegated) return fail('not-allowed', APPLICATION_ONLY);
      try {
        return ok(await delegated.signIn.start(by));
      } catch (error) {
        return fail('not-connected', `The Microsoft identity platform could not be reached: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async finishSignIn(answer, nonce) {
      if (!delegated) return fail('not-allowed', APPLICATION_ONLY);
      const connected = await delegated.signIn.finish(answer, nonce);
      if (!connected.ok) return connected;
      logger.info({ account: connected.data.username, by: connected.data.connectedBy }, 'Microsoft 365: account connected');
      delegated.tokens.invalidate();
      await deps.checkNow();
      return ok(delegated.accounts.described()!);
    },
    async calendars() {
      const account = delegated?.accounts.account();
      if (!delegated) return fail('not-allowed', APPLICATION_ONLY);
      if (!account) return fail('not-connected', 'No Microsoft account is connected: connect one first.');
      return accountCalendars(deps.graph, account.username, store.listRooms());
    },
    async remove() {
      const account = delegated?.accounts.account();
      if (!delegated) return fail('not-allowed', APPLICATION_ONLY);
      if (!account) return fail('not-connected', 'No Microsoft account is connected.');
      const rooms = store.listRooms().filter((room) => room.microsoft365 !== null);
      // Unlinked first, so no new round or send starts; then what is under way finishes before the rooms' sync state goes.
      store.transaction(() => rooms.forEach((room) => store.saveRoom({ ...room, microsoft365: null }, clock.now())));
      await deps.idle();
      store.transaction(() => {
        rooms.forEach((room) => deps.forgetRoom(room.id));
        delegated.accounts.remove();
      });
      delegated.tokens.forget();
      warnings.clearEverything();
      logger.warn({ account: account.username, rooms: rooms.map((room) => room.id) }, 'Microsoft 365: account removed, every room runs on local bookings');
      rooms.forEach((room) => deps.announce(room.id));
      return ok({ account: account.username, rooms: rooms.length });
    },
  };
}
