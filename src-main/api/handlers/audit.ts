import type { auditContract } from '../../../src-shared/contract/audit';
import { auditFacets, exportAudit, listAudit } from '../../core/audit-query';
import type { HandlersFor } from '../handler';

export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit.list': (input, call) => listAudit(call, input),
  'audit.facets': (_input, call) => auditFacets(call),
  'audit.export': (input, call) => exportAudit(call, input),
};
