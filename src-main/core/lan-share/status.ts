import os from 'node:os';
import type { AppContext } from '../context';

/** Where the shared staff host listens now (set by the host that runs it) and its certificate. */
export interface LanShareStatus {
  urls: string[];
  fingerprint: string | null;
  error: string | null;
}

/** Stores the status and tells the screens (the runner starts and stops listeners after the save's answer). */
export function setLanShareStatus(app: AppContext, status: LanShareStatus): void {
  app.services.lanShareStatus = status;
  app.events.emit({ name: 'data.changed', payload: { entity: 'lan_share', channel: 'lanShare.status' } });
}

export function lanShareStatus(app: AppContext): LanShareStatus {
  const s = app.services.lanShareStatus as LanShareStatus | undefined;
  return s ?? { urls: [], fingerprint: null, error: null };
}

export interface NetworkAddress {
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
}

/**
 * The addresses this PC could share on: its LAN addresses first, then loopback (this PC only); IPv6
 * link-local ones are left out (a browser cannot open them without a zone id).
 */
export function networkAddresses(nets = os.networkInterfaces()): NetworkAddress[] {
  const out: (NetworkAddress & { internal: boolean })[] = [];
  for (const [name, list] of Object.entries(nets)) {
    for (const a of list ?? []) {
      if (a.family === 'IPv6' && /^fe[89ab]/i.test(a.address)) continue;
      out.push({ name, address: a.address, family: a.family, internal: a.internal });
    }
  }
  out.sort((a, b) => Number(a.internal) - Number(b.internal) || a.family.localeCompare(b.family));
  return out.map(({ name, address, family }) => ({ name, address, family }));
}
