import type { isolirRouterContract } from '../../../src-shared/contract/isolir-router';
import { previewIsolirSetup, runIsolirSetup } from '../../core/network/isolir-router/setup';
import type { HandlersFor } from '../handler';

export const isolirRouterHandlers: HandlersFor<typeof isolirRouterContract> = {
  'routers.isolirPreview': ({ routerId, mode }, call) => previewIsolirSetup(call, routerId, mode),
  'routers.isolirRun': ({ routerId, mode, fingerprint }, call) => runIsolirSetup(call, routerId, mode, fingerprint),
};
