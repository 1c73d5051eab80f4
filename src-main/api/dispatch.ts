import type { z } from 'zod';
import { isChannel, procedures, type Channel } from '../../src-shared/contract';
import { roleCan } from '../../src-shared/permissions';
import { AppError, fail, ok, type ApiResult, type FieldIssue } from '../../src-shared/result';
import { resolveSession } from '../core/auth';
import { apiActor, type ApiPrincipal } from '../core/api-keys/keys';
import { scopeAllows } from '../../src-shared/api-scopes';
import { sourceOf, type AppContext, type CallContext } from '../core/context';
import { brandGate } from '../core/brands/gate';
import { endedSessionMessage } from '../core/sessions/staff-sessions';
import { handlers } from './handlers';

/** All a user with a temporary password (set by an Admin reset) may do until they choose their own. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['auth.me', 'auth.changePassword', 'auth.logout']);

export interface Caller {
  transport: CallContext['transport'];
  /** Bearer token (HTTP) or the token the IPC host keeps for the window. */
  token?: string;
  /** The peer address (HTTP); IPC calls are recorded as `desktop`. */
  source?: string | null;
  /** An API key checked by the /api/v1 host: its scopes replace the session and role. */
  apiKey?: ApiPrincipal;
  /** The HTTP User-Agent, recorded on the session a sign-in starts. */
  userAgent?: string;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function summarize(issues: FieldIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

/** Maps errors thrown by services (and SQLite constraint failures that slipped past them) to API errors. */
function toApiError(app: AppContext, channel: string, err: unknown): ApiResult<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.issues);
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return fail('CONFLICT', 'That record already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return fail('CONFLICT', 'A related record is missing or still in use');
  if (code === 'SQLITE_BUSY') return fail('CONFLICT', 'The database is busy, try again');
  app.logger.error('handler failed', {
    channel,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  return fail('INTERNAL', 'Something went wrong inside PPPoE Desk; the error was logged');
}

/**
 * The single entry point of the API for every transport: channel check, sign-in and permission check,
 * input validation, handler, output validation. Never throws; errors come back as values.
 */
export async function dispatch(
  app: AppContext,
  channel: unknown,
  rawInput: unknown,
  caller: Caller,
): Promise<ApiResult<unknown>> {
  if (typeof channel !== 'string' || !isChannel(channel)) {
    return fail('BAD_INPUT', `Unknown channel: ${String(channel).slice(0, 80)}`);
  }
  const proc = procedures[channel];
  const call: CallContext = {
    app,
    session: null,
    transport: caller.transport,
    source: sourceOf(caller),
    token: caller.token,
    userAgent: caller.userAgent,
  };
  try {
    if (caller.apiKey) {
      // Keys reach only the channels of their scopes (never users, roles or settings).
      if (!scopeAllows(caller.apiKey.scopes, channel)) return fail('FORBIDDEN', 'This API key may not do this');
      call.actor = apiActor(caller.apiKey);
    } else call.session = resolveSession(app, caller.token);
    if (proc.permission !== 'public' && !caller.apiKey) {
      if (!call.session) {
        return fail(
          'UNAUTHENTICATED',
          endedSessionMessage(app, caller.token) ?? 'Your session has ended: please sign in',
        );
      }
      if (!roleCan(call.session.role, proc.permission)) {
        return fail('FORBIDDEN', `Your role (${call.session.role}) may not do this`);
      }
      if (call.session.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(channel)) {
        return fail('FORBIDDEN', 'Choose a new password first: your password was reset by an Admin');
      }
      if (!brandGate(call, channel))
        return fail('FORBIDDEN', 'Your account is limited to some brands: this is not open to it');
    }
    const parsed = proc.input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return fail('BAD_INPUT', summarize(issues), issues);
    }
    const handler = handlers[channel as Channel] as (input: unknown, call: CallContext) => unknown;
    const value = await handler(parsed.data, call);
    const out = proc.output.safeParse(value);
    if (!out.success) {
      app.logger.error('handler returned data outside its contract', { channel, issues: zodIssues(out.error) });
      return fail('INTERNAL', 'Something went wrong inside PPPoE Desk; the error was logged');
    }
    if (proc.mutates) app.events.emit({ name: 'data.changed', payload: { entity: proc.mutates, channel } });
    return ok(out.data);
  } catch (err) {
    return toApiError(app, channel, err);
  }
}
