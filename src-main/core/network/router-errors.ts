import { AppError } from '../../../src-shared/result';
import { RouterError } from '../../routeros/client';

/** A RouterError as a user-facing AppError (router calls made directly from a channel). */
export function routerFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RouterError) {
    if (err.kind === 'trap') return new AppError('CONFLICT', `The router refused: ${err.message}`);
    return new AppError('ROUTER_UNREACHABLE', describeRouterError(err));
  }
  return new AppError('ROUTER_UNREACHABLE', `Router error: ${err instanceof Error ? err.message : String(err)}`);
}

export function describeRouterError(err: unknown): string {
  if (!(err instanceof RouterError)) return err instanceof Error ? err.message : String(err);
  switch (err.kind) {
    case 'unreachable':
      return `Router unreachable: ${err.message}`;
    case 'auth':
      return `Login refused (wrong user name or password): ${err.message}`;
    case 'timeout':
      return `The router did not answer in time: ${err.message}`;
    case 'closed':
    case 'fatal':
      return `The router closed the connection: ${err.message}`;
    case 'trap':
      return err.message;
    default:
      return `Unexpected reply from the router: ${err.message}`;
  }
}

/** A transport-level failure (router down, dropped, slow) as opposed to the router refusing one command. */
export const isConnectionError = (err: unknown) => err instanceof RouterError && err.kind !== 'trap';
