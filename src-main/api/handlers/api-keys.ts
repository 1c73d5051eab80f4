import type { apiKeysContract } from '../../../src-shared/contract/api-keys';
import { createApiKey, listApiKeys, revokeApiKey } from '../../core/api-keys/keys';
import type { HandlersFor } from '../handler';

export const apiKeysHandlers: HandlersFor<typeof apiKeysContract> = {
  'apiKeys.list': (_input, call) => listApiKeys(call),
  'apiKeys.create': (input, call) => createApiKey(call, input),
  'apiKeys.revoke': (input, call) => revokeApiKey(call, input),
};
