import { z } from 'zod';
import { settingsShape } from '../settings';
import { byId, id, procedure, requiredText, timestamp } from './define';

/** The default brand: made by the migration from Settings, mirrored with the ISP details there. */
export const DEFAULT_BRAND_ID = 1;

const bankAccounts = settingsShape.bankAccounts.unwrap();

export const brand = z.object({
  id: z.number().int(),
  name: z.string(),
  logo: z.string(),
  address: z.string(),
  phone: z.string(),
  taxId: z.string(),
  invoicePrefix: z.string(),
  bankAccounts: z.array(z.object({ bank: z.string(), number: z.string(), holder: z.string() })),
  qris: z.string(),
  receiptHeader: z.string(),
  reminderSender: z.string(),
  isActive: z.boolean(),
  isDefault: z.boolean(),
  customers: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Brand = z.output<typeof brand>;

/** A brand as pickers and lists show it (no logo: pickers load on every form). */
export const brandOption = brand.pick({ id: true, name: true, invoicePrefix: true, isActive: true, isDefault: true });
export type BrandOption = z.output<typeof brandOption>;

const trimmed = (s: z.ZodString) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), s);

const brandFields = {
  name: requiredText(120, 'Brand name'),
  logo: settingsShape.ispLogo.unwrap().optional(),
  address: settingsShape.ispAddress.unwrap().optional(),
  phone: settingsShape.ispPhone.unwrap().optional(),
  /** NPWP: 15 or 16 digits, dots and dashes allowed. */
  taxId: z
    .string()
    .trim()
    .regex(/^([0-9][0-9.-]{13,22}[0-9])?$/, 'Tax ID (NPWP): 15 or 16 digits (dots and dashes allowed)')
    .optional(),
  invoicePrefix: settingsShape.invoicePrefix.unwrap(),
  bankAccounts: bankAccounts.optional(),
  qris: trimmed(z.string().max(1000, 'QRIS must be at most 1000 characters')).optional(),
  receiptHeader: trimmed(z.string().max(120, 'Receipt header must be at most 120 characters')).optional(),
  reminderSender: trimmed(z.string().max(60, 'Reminder sender must be at most 60 characters')).optional(),
  isActive: z.boolean().optional(),
};

/** Which brand a new customer, package or router belongs to: omitted = the only brand the user may use. */
export const brandIdField = id.optional();
/** A report or export: one brand, or every brand the user may see (consolidated). */
export const brandFilter = { brandId: id.optional() };

/** The brands a user is limited to: each once (an empty list = every brand). */
export const userBrandIds = z
  .array(id)
  .max(100)
  .refine((a) => new Set(a).size === a.length, 'Each brand once');

export const brandsContract = {
  /** Every signed-in user: the pickers need the names (a user limited to brands gets only those). */
  'brands.list': procedure({
    permission: 'authenticated',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(brandOption) }),
  }),
  /** The Brands screen (Settings): every brand with its identity. */
  'brands.all': procedure({
    permission: 'settings.read',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(brand) }),
  }),
  /** The brands a user is limited to (empty = every brand). */
  'brands.userBrands': procedure({
    permission: 'users.manage',
    input: z.object({ userId: id }).strict(),
    output: z.object({ brandIds: z.array(z.number().int()) }),
  }),
  /** The Users list: every limited user with their brands (a user not listed sees every brand). */
  'brands.userLimits': procedure({
    permission: 'users.manage',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(z.object({ userId: z.number().int(), brandIds: z.array(z.number().int()) })) }),
  }),
  'brands.setUserBrands': procedure({
    permission: 'users.manage',
    mutates: 'users',
    input: z
      .object({
        userId: id,
        brandIds: userBrandIds,
      })
      .strict(),
    output: z.object({ brandIds: z.array(z.number().int()) }),
  }),
  'brands.get': procedure({ permission: 'settings.read', input: byId.strict(), output: brand }),
  'brands.create': procedure({
    permission: 'settings.write',
    mutates: 'brands',
    input: z.object(brandFields).strict(),
    output: brand,
  }),
  'brands.update': procedure({
    permission: 'settings.write',
    mutates: 'brands',
    input: z
      .object({
        id,
        ...brandFields,
        name: brandFields.name.optional(),
        invoicePrefix: brandFields.invoicePrefix.optional(),
      })
      .strict(),
    output: brand,
  }),
};
