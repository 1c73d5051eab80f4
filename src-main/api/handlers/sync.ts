import type { syncContract } from '../../../src-shared/contract/sync';
import { dropOps, listOps, retryOps, syncStatus } from '../../core/network/sync-admin';
import type { HandlersFor } from '../handler';

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync.status': (_input, call) => syncStatus(call),
  'sync.ops': (input, call) => listOps(call, input),
  'sync.retry': (input, call) => retryOps(call, input),
  'sync.drop': (input, call) => dropOps(call, input),
};
