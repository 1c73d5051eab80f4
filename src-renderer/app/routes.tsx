import { IconChartBar, IconLayoutDashboard, IconBox, IconUsers, type Icon } from '@tabler/icons-react';
// Billing screens (cash desk, invoices, payments, subscriptions, shifts, automation)
import { IconCash, IconCashRegister, IconFileInvoice, IconReceipt, IconRepeat, IconRobot } from '@tabler/icons-react';
// Settings and backups (admin section)
import { IconDatabase, IconSettings } from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
// Network screens (routers, PPPoE accounts, router sync, online sessions)
import { IconArrowsExchange, IconNetwork, IconRouter, IconWifi } from '@tabler/icons-react';
import type { Permission } from '../../src-shared/permissions';
// Users and audit trail (admin section)
import { IconHistory, IconUserShield } from '@tabler/icons-react';
// Customer messages (outbox)
import { IconMessage } from '@tabler/icons-react';
// Online payments (reconciliation, gateway settings)
import { IconBuildingBank, IconQrcode } from '@tabler/icons-react';
// Support tickets from the customer portal
import { IconLifebuoy } from '@tabler/icons-react';
import { IconBuildingStore } from '@tabler/icons-react';
// Field collectors (penagih): their phone screen and the office's hand-overs
import { IconWalk } from '@tabler/icons-react';
// API keys for other systems
import { IconApi } from '@tabler/icons-react';
// Bank statement import (kode unik reconciliation)
import { IconFileImport } from '@tabler/icons-react';
// Outgoing webhooks (next to API keys)
import { IconWebhook } from '@tabler/icons-react';
// Brands (several ISP brands in one installation)
import { IconTags } from '@tabler/icons-react';

export interface AppRoute {
  /** Hash path, e.g. `/customers` (the screen gets everything under it: `/customers/12`). */
  path: string;
  /** i18n key with namespace, e.g. `customers:nav`. */
  labelKey: string;
  icon: Icon;
  /** The nav shows the entry only when the signed-in role has this permission. */
  permission: Permission;
  /** Nav group; entries keep their order in this array inside a group. */
  section?: 'main' | 'network' | 'finance' | 'admin';
  component: LazyExoticComponent<ComponentType>;
}

/**
 * Every screen of the app. Add ONE entry per screen (keep the comment line last); the screen file
 * default-exports its component. Only screens that exist belong here.
 */
export const ROUTES: AppRoute[] = [
  {
    path: '/dashboard',
    labelKey: 'dashboard:nav',
    icon: IconLayoutDashboard,
    permission: 'dashboard.read',
    section: 'main',
    component: lazy(() => import('../screens/dashboard/DashboardScreen')),
  },
  {
    path: '/customers',
    labelKey: 'customers:nav',
    icon: IconUsers,
    permission: 'customers.read',
    section: 'main',
    component: lazy(() => import('../screens/customers/CustomersScreen')),
  },
  {
    path: '/tickets',
    labelKey: 'tickets:nav',
    icon: IconLifebuoy,
    permission: 'tickets.read',
    section: 'main',
    component: lazy(() => import('../screens/tickets/TicketsScreen')),
  },
  {
    path: '/packages',
    labelKey: 'packages:nav',
    icon: IconBox,
    permission: 'packages.read',
    section: 'main',
    component: lazy(() => import('../screens/packages/PackagesScreen')),
  },
  {
    path: '/cashdesk',
    labelKey: 'billing:nav.cashdesk',
    icon: IconCash,
    permission: 'payments.create',
    section: 'finance',
    component: lazy(() => import('../screens/cashdesk/CashDeskScreen')),
  },
  {
    path: '/invoices',
    labelKey: 'billing:nav.invoices',
    icon: IconFileInvoice,
    permission: 'invoices.read',
    section: 'finance',
    component: lazy(() => import('../screens/invoices/InvoicesScreen')),
  },
  {
    path: '/payments',
    labelKey: 'billing:nav.payments',
    icon: IconReceipt,
    permission: 'payments.read',
    section: 'finance',
    component: lazy(() => import('../screens/payments/PaymentsScreen')),
  },
  {
    path: '/subscriptions',
    labelKey: 'billing:nav.subscriptions',
    icon: IconRepeat,
    permission: 'subscriptions.read',
    section: 'finance',
    component: lazy(() => import('../screens/subscriptions/SubscriptionsScreen')),
  },
  {
    path: '/shifts',
    labelKey: 'billing:nav.shifts',
    icon: IconCashRegister,
    permission: 'shifts.use',
    section: 'finance',
    component: lazy(() => import('../screens/shifts/ShiftsScreen')),
  },
  {
    path: '/automation',
    labelKey: 'billing:nav.automation',
    icon: IconRobot,
    permission: 'invoices.read',
    section: 'finance',
    component: lazy(() => import('../screens/automation/AutomationScreen')),
  },
  {
    path: '/reports',
    labelKey: 'reports:nav',
    icon: IconChartBar,
    permission: 'reports.read',
    section: 'finance',
    component: lazy(() => import('../screens/reports/ReportsScreen')),
  },
  {
    path: '/messages',
    labelKey: 'messages:nav',
    icon: IconMessage,
    permission: 'messages.read',
    section: 'main',
    component: lazy(() => import('../screens/messages/MessagesScreen')),
  },
  {
    path: '/users',
    labelKey: 'users:nav',
    icon: IconUserShield,
    permission: 'users.manage',
    section: 'admin',
    component: lazy(() => import('../screens/users/UsersScreen')),
  },
  {
    path: '/audit',
    labelKey: 'audit:nav',
    icon: IconHistory,
    permission: 'audit.read',
    section: 'admin',
    component: lazy(() => import('../screens/audit/AuditScreen')),
  },
  {
    path: '/settings',
    labelKey: 'settings:nav',
    icon: IconSettings,
    permission: 'settings.read',
    section: 'admin',
    component: lazy(() => import('../screens/settings/SettingsScreen')),
  },
  {
    path: '/backups',
    labelKey: 'backups:nav',
    icon: IconDatabase,
    permission: 'backups.manage',
    section: 'admin',
    component: lazy(() => import('../screens/backups/BackupsScreen')),
  },
  {
    path: '/pppoe',
    labelKey: 'network:nav.pppoe',
    icon: IconNetwork,
    permission: 'pppoe.read',
    section: 'network',
    component: lazy(() => import('../screens/pppoe/PppoeScreen')),
  },
  {
    path: '/sessions',
    labelKey: 'network:nav.sessions',
    icon: IconWifi,
    permission: 'sessions.read',
    section: 'network',
    component: lazy(() => import('../screens/sessions/SessionsScreen')),
  },
  {
    path: '/routers',
    labelKey: 'network:nav.routers',
    icon: IconRouter,
    permission: 'routers.read',
    section: 'network',
    component: lazy(() => import('../screens/routers/RoutersScreen')),
  },
  {
    path: '/sync',
    labelKey: 'network:nav.sync',
    icon: IconArrowsExchange,
    permission: 'sync.read',
    section: 'network',
    component: lazy(() => import('../screens/sync/SyncScreen')),
  },
  {
    path: '/gateway-payments',
    labelKey: 'gateways:nav',
    icon: IconQrcode,
    permission: 'payments.read',
    section: 'finance',
    component: lazy(() => import('../screens/gateways/ReconciliationScreen')),
  },
  {
    path: '/gateway-settings',
    labelKey: 'gateways:settingsNav',
    icon: IconBuildingBank,
    permission: 'settings.read',
    section: 'admin',
    component: lazy(() => import('../screens/gateways/GatewaySettingsScreen')),
  },
  {
    path: '/resellers',
    labelKey: 'resellers:nav',
    icon: IconBuildingStore,
    permission: 'resellers.read',
    section: 'finance',
    component: lazy(() => import('../screens/resellers/ResellersScreen')),
  },
  {
    path: '/collect',
    labelKey: 'collectors:nav',
    icon: IconWalk,
    permission: 'collector.use',
    section: 'main',
    component: lazy(() => import('../screens/collectors/CollectorScreen')),
  },
  {
    path: '/collectors',
    labelKey: 'collectors:office.nav',
    icon: IconWalk,
    permission: 'collectors.settle',
    section: 'finance',
    component: lazy(() => import('../screens/collectors/CollectorsOfficeScreen')),
  },
  {
    path: '/api-keys',
    labelKey: 'apiKeys:nav',
    icon: IconApi,
    permission: 'apiKeys.manage',
    section: 'admin',
    component: lazy(() => import('../screens/api-keys/ApiKeysScreen')),
  },
  {
    path: '/webhooks',
    labelKey: 'webhooks:nav',
    icon: IconWebhook,
    permission: 'webhooks.manage',
    section: 'admin',
    component: lazy(() => import('../screens/webhooks/WebhooksScreen')),
  },
  {
    path: '/bank-statements',
    labelKey: 'bank:nav',
    icon: IconFileImport,
    permission: 'payments.read',
    section: 'finance',
    component: lazy(() => import('../screens/bank/BankImportScreen')),
  },
  {
    path: '/brands',
    labelKey: 'brands:nav',
    icon: IconTags,
    permission: 'settings.read',
    section: 'admin',
    component: lazy(() => import('../screens/brands/BrandsScreen')),
  },
  // ↑ add routes above this line
];

export const SECTIONS = ['main', 'network', 'finance', 'admin'] as const;
