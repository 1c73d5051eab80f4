/** Gateway health for the dashboard: last success, last error, pending attempts, and the alert. */
import { GATEWAYS, type GatewayHealth } from '../../../src-shared/contract/gateway-payments';
import { pendingCountByProvider } from '../../data/payments-online/gateway-transactions.repository';
import type { AppContext } from '../context';
import { gatewayRow } from './gateways';

export function gatewayHealth(app: AppContext): GatewayHealth[] {
  const pending = new Map(pendingCountByProvider(app.sqlite).map((r) => [r.provider, r.pending]));
  const now = app.clock.now().getTime();
  return GATEWAYS.map((provider) => {
    const r = gatewayRow(app, provider);
    const failingMs = r.failingSince ? now - Date.parse(r.failingSince) : 0;
    return {
      provider,
      enabled: r.enabled,
      lastSuccessAt: r.lastSuccessAt,
      lastErrorAt: r.lastErrorAt,
      lastError: r.lastError,
      failingSince: r.failingSince,
      pending: pending.get(provider) ?? 0,
      alert: r.enabled && r.failingSince !== null && failingMs >= r.alertAfterMinutes * 60_000,
    };
  }).filter((h) => h.enabled || h.pending > 0);
}
