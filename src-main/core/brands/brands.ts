import type { z } from 'zod';
import {
  DEFAULT_BRAND_ID,
  type Brand,
  type BrandOption,
  type brandsContract,
} from '../../../src-shared/contract/brands';
import type { Settings } from '../../../src-shared/settings';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import {
  brandHolding,
  findBrand,
  insertBrand,
  listBrandOptions,
  listBrandRows,
  updateBrandRow,
  type BrandFields,
} from '../../data/brands.repository';
import { upsertSetting } from '../../data/settings.repository';
import type { Sqlite } from '../../db/open';
import { diff, writeAudit } from '../audit';
import type { CallContext } from '../context';
import { invalidateSettings } from '../settings';
import { visibleBrandIds } from './scope';

type C = typeof brandsContract;
type In<K extends keyof C> = z.output<C[K]['input']>;

/** Settings keys the default brand shares with Settings → ISP: a change on either side is made on both. */
const MIRRORED = {
  ispName: 'name',
  ispAddress: 'address',
  ispPhone: 'phone',
  ispLogo: 'logo',
  invoicePrefix: 'invoicePrefix',
  bankAccounts: 'bankAccounts',
} as const satisfies Partial<Record<keyof Settings, keyof BrandFields>>;

export function listBrands(call: CallContext): { items: BrandOption[] } {
  const visible = visibleBrandIds(call);
  const all = listBrandOptions(call.app.sqlite);
  return { items: visible ? all.filter((b) => visible.includes(b.id)) : all };
}

export const allBrands = (call: CallContext): { items: Brand[] } => ({ items: listBrandRows(call.app.sqlite) });

export function getBrand(call: CallContext, id: number): Brand {
  const b = findBrand(call.app.sqlite, id);
  if (!b) throw notFound('Brand');
  return b;
}

/** Name and invoice prefix are unique: say which field, before the unique index would. */
function checkUnique(db: Sqlite, f: BrandFields, selfId: number) {
  const other = brandHolding(db, { name: f.name, prefix: f.invoicePrefix }, selfId);
  if (!other) return;
  if (other.name.toLowerCase() === f.name.toLowerCase()) throw badInput('name', 'Another brand has this name');
  throw badInput('invoicePrefix', 'Another brand uses this invoice prefix');
}

const fieldsOf = (input: In<'brands.create'>, base?: Brand): BrandFields => ({
  name: input.name,
  logo: input.logo ?? base?.logo ?? '',
  address: input.address ?? base?.address ?? '',
  phone: input.phone ?? base?.phone ?? '',
  taxId: input.taxId ?? base?.taxId ?? '',
  invoicePrefix: input.invoicePrefix,
  bankAccounts: input.bankAccounts ?? base?.bankAccounts ?? [],
  qris: input.qris ?? base?.qris ?? '',
  receiptHeader: input.receiptHeader ?? base?.receiptHeader ?? '',
  reminderSender: input.reminderSender ?? base?.reminderSender ?? '',
  isActive: input.isActive ?? base?.isActive ?? true,
});

/** The audit row shows "[image]" for a logo, as Settings does. */
const auditable = (b: Brand) => ({ ...b, logo: b.logo ? '[image]' : '' });

export function createBrand(call: CallContext, input: In<'brands.create'>): Brand {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const f = fieldsOf(input);
      checkUnique(app.sqlite, f, 0);
      const id = insertBrand(app.sqlite, f, app.clock.now().toISOString());
      const created = getBrand(call, id);
      writeAudit(call, { action: 'brand.create', entity: 'brand', entityId: id, after: auditable(created) });
      return created;
    })
    .immediate();
}

export function updateBrand(call: CallContext, input: In<'brands.update'>): Brand {
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const before = getBrand(call, input.id);
      const f = fieldsOf(
        { ...input, name: input.name ?? before.name, invoicePrefix: input.invoicePrefix ?? before.invoicePrefix },
        before,
      );
      if (before.isDefault && !f.isActive) throw badInput('isActive', 'The default brand cannot be turned off');
      checkUnique(app.sqlite, f, input.id);
      const at = app.clock.now().toISOString();
      updateBrandRow(app.sqlite, input.id, f, at);
      if (before.isDefault) {
        for (const [key, field] of Object.entries(MIRRORED))
          upsertSetting(app.sqlite, key, JSON.stringify(f[field]), at);
        invalidateSettings(app);
      }
      const after = getBrand(call, input.id);
      const d = diff(auditable(before), auditable(after));
      delete d.before.updatedAt;
      delete d.after.updatedAt;
      if (Object.keys(d.after).length)
        writeAudit(call, { action: 'brand.update', entity: 'brand', entityId: input.id, ...d });
      return after;
    })
    .immediate();
}

/**
 * Called by updateSettings inside its transaction: the ISP details in Settings are the default brand's,
 * so an installation that never opens the Brands screen prints what Settings say, as before brands.
 */
export function mirrorSettingsToDefaultBrand(db: Sqlite, changed: readonly string[], next: Settings, at: string) {
  const keys = changed.filter((k): k is keyof typeof MIRRORED => Object.hasOwn(MIRRORED, k));
  if (!keys.length) return;
  const before = findBrand(db, DEFAULT_BRAND_ID);
  if (!before) return;
  const f = fieldsOf(before, before);
  for (const k of keys) Object.assign(f, { [MIRRORED[k]]: next[k] });
  if (keys.includes('invoicePrefix') && brandHolding(db, { name: '', prefix: f.invoicePrefix }, DEFAULT_BRAND_ID))
    throw new AppError('BAD_INPUT', 'Another brand uses this invoice prefix', [
      { path: 'invoicePrefix', message: 'Another brand uses this invoice prefix' },
    ]);
  updateBrandRow(db, DEFAULT_BRAND_ID, f, at);
}
