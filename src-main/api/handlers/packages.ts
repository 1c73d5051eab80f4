import type { packagesContract } from '../../../src-shared/contract/packages';
import { createPackage, deletePackage, getPackage, listPackages, updatePackage } from '../../core/packages';
import type { HandlersFor } from '../handler';

export const packagesHandlers: HandlersFor<typeof packagesContract> = {
  'packages.list': (input, call) => listPackages(call, input),
  'packages.get': ({ id }, call) => getPackage(call, id),
  'packages.create': (input, call) => createPackage(call, input),
  'packages.update': (input, call) => updatePackage(call, input),
  'packages.delete': ({ id }, call) => deletePackage(call, id),
};
