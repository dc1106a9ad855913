import { connectAsync } from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttLink } from '../../bridge/src/devices/mqtt/mqtt-link.ts';
import type { MqttRooms } from '../../bridge/src/devices/mqtt/mqtt-rooms.ts';
import { systemClock } from '../../bridge/src/system-clock.ts';
import { startMosquitto } from '../support/mosquitto-server.ts';
import { until } from '../support/until.ts';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const noRooms: MqttRooms = { roomIds: () => [], stateOf: () => undefined, onRoomChanged: () => () => {}, occupancyOf: () => null, hasOccupancySensor: () => false };
/** Characters a URL must percent-encode in a password. */
const PASSWORD = 'p@ss:w/rd %';

async function brokerWithLogin() {
  const server = await startMosquitto({ users: { lintel: PASSWORD } });
  cleanup.push(() => server.stop());
  return server;
}

function startLink(url: string) {
  const logged: { level: number; msg: string; broker?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
  const link = new MqttLink({ url, topicPrefix: 'lintel', discoveryPrefix: 'homeassistant' }, { clock: systemClock, logger, rooms: noRooms, onOccupancy: () => {} });
  link.start();
  cleanup.push(() => link.stop());
  return logged;
}

describe('logging in to the broker', () => {
  it('takes the user and the percent-encoded password from the URL', async () => {
    const server = await brokerWithLogin();
    startLink(`mqtt://lintel:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`);
    const watcher = await connectAsync(server.url, { username: 'lintel', password: PASSWORD });
    cleanup.push(() => watcher.endAsync(true));
    let status: string | undefined;
    watcher.on('message', (_topic, payload) => (status = payload.toString()));
    await watcher.subscribeAsync('lintel/status');
    await until(() => (status === 'online' ? status : undefined), 5_000, 'the bridge online');
  });

  it('says that the broker refuses a wrong password once, not at every retry, and never the password', async () => {
    const server = await brokerWithLogin();
    const logged = startLink(`mqtt://lintel:wrong-secret@127.0.0.1:${server.port}`);
    await until(() => logged.find((line) => line.level === 40), 5_000, 'the warning');
    // Two more tries (one a second) that must not say it again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const warnings = logged.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('refused');
    expect(warnings[0]!.broker).toBe(`mqtt://lintel:***@127.0.0.1:${server.port}`);
    expect(JSON.stringify(logged)).not.toContain('wrong-secret');
  });
});
