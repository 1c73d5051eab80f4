import type { Procedures } from '../../../src-shared/contract';
import type { HandlersFor } from '../handler';
import { usersHandlers } from './users';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { backupsHandlers } from './backups';
import { billingHandlers } from './billing';
import { customersHandlers } from './customers';
import { documentsHandlers } from './documents';
import { packagesHandlers } from './packages';
import { systemOpsHandlers } from './system-ops';

/** One handler per channel; the type makes a missing handler a compile error. */
export const handlers: HandlersFor<Procedures> = {
  ...auditHandlers,
  ...authHandlers,
  ...backupsHandlers,
  ...usersHandlers,
  ...billingHandlers,
  ...customersHandlers,
  ...documentsHandlers,
  ...packagesHandlers,
  ...systemOpsHandlers,
};
