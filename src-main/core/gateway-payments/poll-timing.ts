/**
 * The poll rhythm of gateway payments: the integration layer's default policy (1 min after creation,
 * then backing off), or, with PPPOE_DESK_GATEWAY_POLL_MS (whole milliseconds, 1000–3600000), one fixed
 * interval for the first check and every later one. It exists for the end-to-end test, where a
 * customer's payment must be seen within seconds without a click; a demo or staging setup may use it.
 */
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../../integrations/payments';

export const GATEWAY_POLL_ENV = 'PPPOE_DESK_GATEWAY_POLL_MS';

export function gatewayPollPolicy(env: Record<string, string | undefined> = process.env): PollPolicy {
  const raw = env[GATEWAY_POLL_ENV];
  if (raw === undefined || raw === '') return DEFAULT_POLL_POLICY;
  const ms = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms > 3_600_000)
    throw new Error(`${GATEWAY_POLL_ENV} must be a whole number of milliseconds from 1000 to 3600000, got "${raw}"`);
  return {
    ...DEFAULT_POLL_POLICY,
    firstCheckMs: ms,
    steps: [{ untilAgeMs: Number.POSITIVE_INFINITY, everyMs: ms }],
    jitter: 0,
  };
}
