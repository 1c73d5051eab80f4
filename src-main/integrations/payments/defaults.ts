import type { GatewayMode } from './types';

/**
 * The providers' real base URLs. Each can be overridden per gateway (a local simulator for tests and
 * staging). Sources: Tripay trijayadigital/tripay-php src/Constants/Endpoint.php; Midtrans
 * midtrans-nodejs-client lib/apiConfig.js; Xendit xendit-node index.ts (one host, the key decides test
 * or live); Duitku duitkupg/duitku-php Duitku/Config.php + Api.php (/webapi/api/merchant).
 */
export const DEFAULT_URLS = {
  tripay: { sandbox: 'https://tripay.co.id/api-sandbox/', production: 'https://tripay.co.id/api/' },
  midtransCore: { sandbox: 'https://api.sandbox.midtrans.com', production: 'https://api.midtrans.com' },
  midtransSnap: {
    sandbox: 'https://app.sandbox.midtrans.com/snap/v1',
    production: 'https://app.midtrans.com/snap/v1',
  },
  xendit: { sandbox: 'https://api.xendit.co', production: 'https://api.xendit.co' },
  duitku: {
    sandbox: 'https://sandbox.duitku.com/webapi/api/merchant',
    production: 'https://passport.duitku.com/webapi/api/merchant',
  },
} as const satisfies Record<string, Record<GatewayMode, string>>;
