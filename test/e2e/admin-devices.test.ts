import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SimulatedPort } from '../../bridge/src/devices/base-unit/simulated-port.ts';
import { UnitSession } from '../../bridge/src/devices/base-unit/unit-session.ts';
import { MINUTE_MS } from '../../shared/clock.ts';
import { openAdmin, roomDetails, signInWithToken } from '../support/admin-page.ts';
import { BUILT_WEB_DIR } from '../support/display-page.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { until } from '../support/until.ts';

const session = useChromium();

describe("a room's devices, on the admin page", () => {
  it('shows the base unit connected with its screen on and a fault it recovered from as history, then the fault as a problem once it is unplugged', async () => {
    // The browser's clock is real, so the bridge's starts now: "last contact" is "now", not months ago.
    const clock = new FakeClock(Date.now());
    const port = new SimulatedPort(clock);
    const unit = new UnitSession(port, clock, pino({ level: 'silent' }));
    unit.start();
    // A meeting under way, whatever the hour: the hardware policy wants the screen on.
    const meeting = timed(new Date(clock.now() - 30 * MINUTE_MS).toISOString(), new Date(clock.now() + 30 * MINUTE_MS).toISOString(), { roomId: 'harbour' });
    const bridge = await startTestBridge({
      clock,
      webDir: BUILT_WEB_DIR,
      rooms: [
        { id: 'harbour', name: 'Harbour' },
        { id: 'loft', name: 'Loft' },
      ],
      meetings: [meeting],
      baseUnits: new Map([['harbour', unit]]),
    });
    session.defer(() => bridge.close());
    await until(() => (unit.status().power === 'on' ? true : undefined), 5000, 'the base unit switched on');
    port.unit.fault(3, 'lamp overheated');
    await until(() => unit.status().lastFault ?? undefined, 5000, "the base unit's fault");

    const { page, problems } = await openAdmin(session, `${bridge.url}/admin/`);
    await signInWithToken(page);
    const devices = (await roomDetails(page, 'Harbour')).getByRole('list', { name: 'Devices' });
    const baseUnit = devices.getByRole('listitem').filter({ hasText: 'Base unit' });
    await baseUnit.getByText('BUCP/1 base unit on simulated unit SIM0001').waitFor();
    await baseUnit.getByText('Connected', { exact: true }).waitFor();
    await baseUnit.getByText('On', { exact: true }).waitFor();
    const lastContact = baseUnit.getByText('now', { exact: true });
    expect(await lastContact.getAttribute('title')).toContain(String(new Date().getFullYear()));
    // Still connected: the fault is history, not a problem now.
    await baseUnit.getByText('Last fault now: fault 3').waitFor();
    await baseUnit.getByText('Details: lamp overheated').waitFor();
    expect(await baseUnit.getByRole('status').count()).toBe(0);
    // A room without devices shows no list of them.
    const loft = await roomDetails(page, 'Loft');
    await loft.getByRole('heading', { name: 'Loft' }).waitFor();
    expect(await loft.getByText('Devices').count()).toBe(0);

    port.unplug();
    await until(() => (unit.status().connected ? undefined : true), 5000, 'the base unit gone');
    await page.reload();
    await roomDetails(page, 'Harbour');
    await baseUnit.getByText('Not connected', { exact: true }).waitFor();
    await baseUnit.getByRole('status').filter({ hasText: 'Last fault now: fault 3' }).waitFor();
    expect(problems).toEqual([]);
  });
});
