import type { Procedures } from '../../../src-shared/contract';
import type { HandlersFor } from '../handler';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { backupsHandlers } from './backups';
import { billingHandlers } from './billing';
import { customersHandlers } from './customers';
import { documentsHandlers } from './documents';
import { isolirRouterHandlers } from './isolir-router';
import { messagingHandlers } from './messaging';
import { gatewayPaymentsHandlers } from './gateway-payments';
import { packagesHandlers } from './packages';
import { pppoeHandlers } from './pppoe';
import { privacyHandlers } from './privacy';
import { portalDeskHandlers } from './portal-desk';
import { refundsHandlers } from './refunds';
import { reportsHandlers } from './reports';
import { routersHandlers } from './routers';
import { sessionsHandlers } from './sessions';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import { ticketsHandlers } from './tickets';
import { systemOpsHandlers } from './system-ops';
import { unbilledHandlers } from './unbilled';
import { usersHandlers } from './users';
import { resellersHandlers } from './resellers';
import { resellerSelfHandlers } from './reseller-self';
import { collectorsHandlers } from './collectors';
import { apiKeysHandlers } from './api-keys';
import { lanShareHandlers } from './lan-share';
import { brandsHandlers } from './brands';
import { bankStatementsHandlers } from './bank-statements';
import { staffSessionsHandlers } from './staff-sessions';
import { webhooksHandlers } from './webhooks';

/** One handler per channel; the type makes a missing handler a compile error. */
export const handlers: HandlersFor<Procedures> = {
  ...auditHandlers,
  ...authHandlers,
  ...settingsHandlers,
  ...backupsHandlers,
  ...billingHandlers,
  ...customersHandlers,
  ...documentsHandlers,
  ...messagingHandlers,
  ...gatewayPaymentsHandlers,
  ...packagesHandlers,
  ...pppoeHandlers,
  ...privacyHandlers,
  ...portalDeskHandlers,
  ...refundsHandlers,
  ...routersHandlers,
  ...isolirRouterHandlers,
  ...sessionsHandlers,
  ...syncHandlers,
  ...ticketsHandlers,
  ...reportsHandlers,
  ...systemOpsHandlers,
  ...unbilledHandlers,
  ...usersHandlers,
  ...resellersHandlers,
  ...resellerSelfHandlers,
  ...collectorsHandlers,
  ...apiKeysHandlers,
  ...lanShareHandlers,
  ...brandsHandlers,
  ...bankStatementsHandlers,
  ...staffSessionsHandlers,
  ...webhooksHandlers,
};
