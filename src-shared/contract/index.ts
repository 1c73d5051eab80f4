import type { z } from 'zod';
import { auditContract } from './audit';
import { authContract } from './auth';
import { backupsContract } from './backups';
import { automationContract } from './automation';
import { cashdeskContract } from './cashdesk';
import { invoicesContract } from './invoices';
import { isolirRouterContract } from './isolir-router';
import { paymentsContract } from './payments';
import { shiftsContract } from './shifts';
import { subscriptionsContract } from './subscriptions';
import { customersContract } from './customers';
import { documentsContract } from './documents';
import { messagingContract } from './messaging';
import { gatewayPaymentsContract } from './gateway-payments';
import { bankStatementsContract } from './bank-statements';
import { packagesContract } from './packages';
import { pppoeContract } from './pppoe';
import { privacyContract } from './privacy';
import { portalDeskContract } from './portal-desk';
import { refundsContract } from './refunds';
import { reportsContract } from './reports';
import { routersContract } from './routers';
import { sessionsContract } from './sessions';
import { settingsContract } from './settings';
import { syncContract } from './sync';
import { ticketsContract } from './tickets';
import { systemOpsContract } from './system-ops';
import { unbilledContract } from './unbilled';
import { usersContract } from './users';
import { resellersContract } from './resellers';
import { resellerSelfContract } from './reseller-self';
import { collectorsContract } from './collectors';
import { apiKeysContract } from './api-keys';
import { lanShareContract } from './lan-share';
import { brandsContract } from './brands';
import { staffSessionsContract } from './staff-sessions';
import { webhooksContract } from './webhooks';

/**
 * The whole API: channel name → { input, output, permission }. Both transports (Electron IPC and the
 * HTTP host) dispatch through this one table. Add a domain by spreading its contract here.
 */
export const procedures = {
  ...auditContract,
  ...authContract,
  ...settingsContract,
  ...backupsContract,
  ...subscriptionsContract,
  ...invoicesContract,
  ...paymentsContract,
  ...cashdeskContract,
  ...shiftsContract,
  ...automationContract,
  ...customersContract,
  ...documentsContract,
  ...messagingContract,
  ...gatewayPaymentsContract,
  ...packagesContract,
  ...pppoeContract,
  ...privacyContract,
  ...portalDeskContract,
  ...refundsContract,
  ...routersContract,
  ...isolirRouterContract,
  ...sessionsContract,
  ...syncContract,
  ...ticketsContract,
  ...reportsContract,
  ...systemOpsContract,
  ...unbilledContract,
  ...usersContract,
  ...resellersContract,
  ...resellerSelfContract,
  ...collectorsContract,
  ...apiKeysContract,
  ...lanShareContract,
  ...brandsContract,
  ...bankStatementsContract,
  ...staffSessionsContract,
  ...webhooksContract,
};

export type Procedures = typeof procedures;
export type Channel = keyof Procedures;
/** What a caller sends (defaults may be omitted). */
export type InputOf<C extends Channel> = z.input<Procedures[C]['input']>;
/** What a handler receives after validation. */
export type ParsedInputOf<C extends Channel> = z.output<Procedures[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Procedures[C]['output']>;

export const isChannel = (name: string): name is Channel => Object.hasOwn(procedures, name);
