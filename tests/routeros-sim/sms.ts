/**
 * An LTE modem for the RouterOS simulator: `/tool/sms/send` with `port`, `phone-number`, `message`
 * (and `channel`), as in the RouterOS SMS manual (help.mikrotik.com/docs/display/ROS/SMS): GSM-7 only,
 * one message of at most 160 characters, `+` marks an international number, allowed characters
 * `0123456789*#abc`. The router confirms only that the modem took the message. The refusal texts for
 * a bad port, number or message are ours; the manual does not list them.
 *
 *   const modem = new SimSmsModem(sim);          // installs the command on this simulator
 *   modem.sent                                   // [{ port, phoneNumber, message, at }]
 *   modem.failNext('modem did not respond')      // the next send gets a !trap with this text
 */
import { smsLength } from '../../src-main/integrations/messaging/length';
import type { RouterSim } from './simulator';
import { SimTrap } from './state';

export interface SimSms {
  port: string;
  phoneNumber: string;
  message: string;
  channel?: string;
  at: number;
}

export class SimSmsModem {
  readonly sent: SimSms[] = [];
  /** Interfaces with a modem (`/interface/lte`). */
  readonly ports = new Set<string>(['lte1']);
  private readonly failures: string[] = [];

  constructor(sim: RouterSim) {
    sim.extraCommands.set('/tool/sms/send', (attrs) => this.send(attrs));
  }

  /** The next send is refused with this router message (no signal, SIM missing...). */
  failNext(message: string, times = 1): this {
    for (let i = 0; i < times; i++) this.failures.push(message);
    return this;
  }

  private send(a: Record<string, string>): Record<string, string>[] {
    const port = a.port ?? '';
    if (!this.ports.has(port)) throw new SimTrap('input does not match any value of port');
    const phone = a['phone-number'] ?? '';
    if (!/^\+?[0-9*#abc]+$/.test(phone)) throw new SimTrap('invalid phone-number');
    const message = a.message ?? '';
    const len = smsLength(message);
    if (len.encoding !== 'gsm7' || len.units > 160) throw new SimTrap('message too long or not GSM-7');
    const fault = this.failures.shift();
    if (fault) throw new SimTrap(fault);
    this.sent.push({ port, phoneNumber: phone, message, channel: a.channel, at: Date.now() });
    return [];
  }
}
