import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * One namespace per domain so helpers never edit the same JSON file. To add one: create
 * locales/id/<ns>.json and locales/en/<ns>.json and add ONE line to RESOURCES below.
 * Use it with `useTranslation('<ns>')`, or `t('<ns>:key')` from any namespace.
 */
import idCommon from './locales/id/common.json';
import enCommon from './locales/en/common.json';
import idErrors from './locales/id/errors.json';
import enErrors from './locales/en/errors.json';
import idAuth from './locales/id/auth.json';
import enAuth from './locales/en/auth.json';
import idSetup from './locales/id/setup.json';
import enSetup from './locales/en/setup.json';
import idCustomers from './locales/id/customers.json';
import enCustomers from './locales/en/customers.json';
import idPackages from './locales/id/packages.json';
import enPackages from './locales/en/packages.json';
import idBilling from './locales/id/billing.json';
import enBilling from './locales/en/billing.json';

import idDashboard from './locales/id/dashboard.json';
import enDashboard from './locales/en/dashboard.json';
import idReports from './locales/id/reports.json';
import enReports from './locales/en/reports.json';
import idUsers from './locales/id/users.json';
import enUsers from './locales/en/users.json';
import idAudit from './locales/id/audit.json';
import enAudit from './locales/en/audit.json';
import idSecurity from './locales/id/security.json';
import enSecurity from './locales/en/security.json';
import idSettings from './locales/id/settings.json';
import enSettings from './locales/en/settings.json';
import idBackups from './locales/id/backups.json';
import enBackups from './locales/en/backups.json';
import idNetwork from './locales/id/network.json';
import enNetwork from './locales/en/network.json';
import idMessages from './locales/id/messages.json';
import enMessages from './locales/en/messages.json';
import idGateways from './locales/id/gateways.json';
import enGateways from './locales/en/gateways.json';
import idTickets from './locales/id/tickets.json';
import enTickets from './locales/en/tickets.json';
import idPortal from './locales/id/portal.json';
import enPortal from './locales/en/portal.json';
import idResellers from './locales/id/resellers.json';
import enResellers from './locales/en/resellers.json';
import idResellerSelf from './locales/id/resellerSelf.json';
import enResellerSelf from './locales/en/resellerSelf.json';
import idCollectors from './locales/id/collectors.json';
import enCollectors from './locales/en/collectors.json';
import idApiKeys from './locales/id/apiKeys.json';
import enApiKeys from './locales/en/apiKeys.json';
import idWebhooks from './locales/id/webhooks.json';
import enWebhooks from './locales/en/webhooks.json';
import idBank from './locales/id/bank.json';
import enBank from './locales/en/bank.json';
import idBrands from './locales/id/brands.json';
import enBrands from './locales/en/brands.json';
import idSeat from './locales/id/seat.json';
import enSeat from './locales/en/seat.json';

type Bundle = Record<string, unknown>;
const RESOURCES: Array<[ns: string, id: Bundle, en: Bundle]> = [
  ['common', idCommon, enCommon],
  ['errors', idErrors, enErrors],
  ['auth', idAuth, enAuth],
  ['setup', idSetup, enSetup],
  ['customers', idCustomers, enCustomers],
  ['packages', idPackages, enPackages],
  ['billing', idBilling, enBilling],
  ['dashboard', idDashboard, enDashboard],
  ['reports', idReports, enReports],
  ['users', idUsers, enUsers],
  ['audit', idAudit, enAudit],
  ['security', idSecurity, enSecurity],
  ['settings', idSettings, enSettings],
  ['backups', idBackups, enBackups],
  ['network', idNetwork, enNetwork],
  ['messages', idMessages, enMessages],
  ['gateways', idGateways, enGateways],
  ['tickets', idTickets, enTickets],
  ['portal', idPortal, enPortal],
  ['resellers', idResellers, enResellers],
  ['resellerSelf', idResellerSelf, enResellerSelf],
  ['collectors', idCollectors, enCollectors],
  ['apiKeys', idApiKeys, enApiKeys],
  ['bank', idBank, enBank],
  ['webhooks', idWebhooks, enWebhooks],
  ['brands', idBrands, enBrands],
  ['seat', idSeat, enSeat],
  // ↑ add one line per namespace (keep this comment last)
];

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'pppoe-desk.language';

/** The language this machine chose explicitly (localStorage), if any. */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === 'en' || v === 'id' ? v : null;
  } catch {
    return null;
  }
}
const stored = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: {
    id: Object.fromEntries(RESOURCES.map(([ns, id]) => [ns, id])),
    en: Object.fromEntries(RESOURCES.map(([ns, , en]) => [ns, en])),
  },
  lng: stored ?? 'id',
  fallbackLng: 'id',
  ns: RESOURCES.map(([ns]) => ns),
  defaultNS: 'common',
  fallbackNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

// <html lang> follows the language (screen readers, hyphenation). Guarded for unit tests in Node.
if (typeof document !== 'undefined') {
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
}

export default i18n;
