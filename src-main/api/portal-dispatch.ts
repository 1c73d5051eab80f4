import { isPortalChannel, portalProcedures, type PortalChannel } from '../../src-shared/contract/portal';
import { AppError, fail, ok, type ApiResult } from '../../src-shared/result';
import type { AppContext } from '../core/context';
import { resolvePortalSession, type PortalCall } from '../core/portal/session';
import { zodIssues } from './dispatch';
import { portalHandlers } from './portal-handlers';

export interface PortalCaller {
  /** The portal cookie's token (never a staff token: those live in another table). */
  token?: string;
  source: string | null;
}

/**
 * The portal's single entry point, beside (never inside) the staff dispatch: it knows only `portal.*`
 * channels and portal sessions, so a customer can reach no staff channel and a staff token opens
 * nothing here. Never throws; no stack or internal detail leaves it.
 */
export async function dispatchPortal(
  app: AppContext,
  channel: string,
  rawInput: unknown,
  caller: PortalCaller,
): Promise<ApiResult<unknown>> {
  if (!isPortalChannel(channel)) return fail('NOT_FOUND', 'Unknown channel');
  const proc = portalProcedures[channel];
  const call: PortalCall = { app, customer: null, source: caller.source, token: caller.token };
  try {
    call.customer = resolvePortalSession(app, caller.token);
    if (proc.access === 'customer' && !call.customer) {
      return fail('UNAUTHENTICATED', 'Your session has ended: please sign in');
    }
    const parsed = proc.input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const first = issues[0];
      return fail(
        'BAD_INPUT',
        first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input',
        issues,
      );
    }
    const handler = portalHandlers[channel as PortalChannel] as (input: unknown, call: PortalCall) => unknown;
    const value = await handler(parsed.data, call);
    const out = proc.output.safeParse(value);
    if (!out.success) {
      app.logger.error('portal handler returned data outside its contract', { channel, issues: zodIssues(out.error) });
      return fail('INTERNAL', 'Something went wrong inside PPPoE Desk; the error was logged');
    }
    return ok(out.data);
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.issues);
    if ((err as { code?: string })?.code === 'SQLITE_BUSY') return fail('CONFLICT', 'The database is busy, try again');
    app.logger.error('portal handler failed', {
      channel,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return fail('INTERNAL', 'Something went wrong inside PPPoE Desk; the error was logged');
  }
}
