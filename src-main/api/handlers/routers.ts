import type { routersContract } from '../../../src-shared/contract/routers';
import { driftCheck, repairDrift } from '../../core/network/drift';
import { importFromRouter } from '../../core/network/import';
import {
  createRouter,
  deleteRouter,
  getRouter,
  listRouters,
  testRouter,
  updateRouter,
} from '../../core/network/routers';
import type { HandlersFor } from '../handler';

export const routersHandlers: HandlersFor<typeof routersContract> = {
  'routers.list': (input, call) => listRouters(call, input),
  'routers.get': ({ id }, call) => getRouter(call, id),
  'routers.create': (input, call) => createRouter(call, input),
  'routers.update': (input, call) => updateRouter(call, input),
  'routers.delete': ({ id }, call) => deleteRouter(call, id),
  'routers.test': (input, call) => testRouter(call, input),
  'routers.import': (input, call) => importFromRouter(call, input),
  'routers.drift': ({ routerId }, call) => driftCheck(call, routerId),
  'routers.repair': (input, call) => repairDrift(call, input),
};
