import type { Clock } from '../../../../shared/clock.ts';
import type { DisplayControlConfig } from '../../../../shared/display-control-config.ts';
import type { Logger } from '../../logger.ts';
import type { RoomDevice } from '../room-device.ts';
import { CecDisplay } from './cec/cec-display.ts';
import { displayConnection } from './display-address.ts';
import { DisplayControlSession } from './display-control-session.ts';
import { LgProtocol } from './lg/lg-protocol.ts';
import { NecProtocol } from './nec/nec-protocol.ts';
import { SamsungMdcProtocol } from './samsung-mdc/mdc-protocol.ts';

export interface DisplayControlDeps {
  clock: Clock;
  logger: Logger;
  /** The cec-client program for "cec" displays; `cec-client` on PATH when not given. */
  cecClient?: string;
}

/**
 * MDC gives no answer time; displays answer power commands at once, and
 * 2 s leaves room for one busy waking up without leaving a dead one
 * unnoticed for long.
 */
const MDC_REPLY_TIMEOUT_MS = 2000;
/** LG acknowledges power on only "after power on processing completion", with no time given: 5 s lets a set wake. */
const LG_REPLY_TIMEOUT_MS = 5000;
/** LG's "wait more time" (NG 03) comes with no time either: asked again for as long as NEC documents a power change may take. */
const LG_BUSY_FOR_MS = 15_000;
/** NEC gives no answer time, only a 600 ms gap between packets (External Control 3.3); it answers a busy moment with its NULL message. */
const NEC_REPLY_TIMEOUT_MS = 2000;
/** NEC External Control 3.3 (Rev. 3.5): "The packet interval needs to be longer than 600msec". */
const NEC_COMMAND_GAP_MS = 600;
/**
 * NEC External Control 3.3 in later revisions: wait 15 s after the reply to
 * Power On or Power Off; meanwhile the monitor answers the NULL message
 * (5.5.3), which is asked again until then.
 */
const NEC_BUSY_FOR_MS = 15_000;

/** The room device for a room's `"display"`: a display-control session speaking its protocol where it is. */
export function createDisplayControl(config: DisplayControlConfig, deps: DisplayControlDeps): RoomDevice {
  switch (config.protocol) {
    case 'samsung-mdc': {
      const protocol = new SamsungMdcProtocol({ displayId: config.id });
      const { open, where } = displayConnection(config, protocol);
      return new DisplayControlSession({ protocol, open, describe: `${protocol.name} ${where}, display id ${config.id}`, replyTimeoutMs: MDC_REPLY_TIMEOUT_MS, ...deps });
    }
    case 'lg': {
      const protocol = new LgProtocol({ setId: config.setId });
      const { open, where } = displayConnection(config, protocol);
      return new DisplayControlSession({ protocol, open, describe: `${protocol.name} ${where}, Set ID ${config.setId}`, replyTimeoutMs: LG_REPLY_TIMEOUT_MS, busyForMs: LG_BUSY_FOR_MS, ...deps });
    }
    case 'nec': {
      const protocol = new NecProtocol({ monitorId: config.monitorId });
      const { open, where } = displayConnection(config, protocol);
      return new DisplayControlSession({ protocol, open, describe: `${protocol.name} ${where}, monitor ID ${config.monitorId}`, replyTimeoutMs: NEC_REPLY_TIMEOUT_MS, commandGapMs: NEC_COMMAND_GAP_MS, busyForMs: NEC_BUSY_FOR_MS, ...deps });
    }
    case 'cec':
      return new CecDisplay({ device: config.device, ...deps });
  }
}
