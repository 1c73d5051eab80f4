import { DEFAULT_BRAND_ID } from '../../../src-shared/contract/brands';
import { customerBrand, findBrand } from '../../data/brands.repository';
import { ispBlock } from '../billing/common';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

/**
 * The letterhead of a brand's documents (invoices, receipts): its name, address, phone, logo, NPWP,
 * receipt line and where to pay. The default brand mirrors Settings → ISP, so a single-brand
 * installation prints exactly what it printed before brands.
 */
export function brandIsp(app: AppContext, brandId: number) {
  const b = findBrand(app.sqlite, brandId);
  if (!b) return ispBlock(app);
  return {
    name: b.name,
    address: b.address,
    phone: b.phone,
    logo: b.logo,
    timeZone: getSettings(app).timeZone,
    taxId: b.taxId,
    receiptHeader: b.receiptHeader,
    bankAccounts: b.bankAccounts,
    qris: b.qris,
  };
}

/** The letterhead of a customer's documents: their brand's. */
export const customerIsp = (app: AppContext, customerId: number) =>
  brandIsp(app, customerBrand(app.sqlite, customerId) ?? DEFAULT_BRAND_ID);

/** The invoice prefix of a customer's brand (its own numbering). */
export function customerInvoicePrefix(app: AppContext, customerId: number): string {
  const b = findBrand(app.sqlite, customerBrand(app.sqlite, customerId) ?? DEFAULT_BRAND_ID);
  return b?.invoicePrefix ?? getSettings(app).invoicePrefix;
}
