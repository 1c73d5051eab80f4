import { z } from 'zod';
import { brandIdField } from './brands';
import { isoDate } from '../dates';
import { optionalIdCard, optionalPhone } from '../validators';
import {
  byId,
  id,
  listOf,
  optionalText,
  page,
  pageSize,
  procedure,
  requiredText,
  searchText,
  sortDir,
  timestamp,
} from './define';

export const CUSTOMER_STATUSES = ['active', 'inactive', 'suspended'] as const;
export const customerStatus = z.enum(CUSTOMER_STATUSES, { error: 'Must be active, inactive or suspended' });

const email = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().toLowerCase()) : v),
  z.email('Not a valid e-mail address').max(254).nullable().optional(),
);

export const customer = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  idCard: z.string().nullable(),
  status: customerStatus,
  joinDate: z.string(),
  deposit: z.number().int(),
  notes: z.string().nullable(),
  neverIsolate: z.boolean(),
  /** When the personal data was erased on request (privacy.eraseCustomer); the row keeps only its code. */
  erasedAt: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** The brand it belongs to (issue 18). */
  brandId: z.number().int(),
});
export type Customer = z.output<typeof customer>;

const customerFields = {
  brandId: brandIdField,
  name: requiredText(120, 'Name'),
  address: optionalText(500, 'Address'),
  phone: optionalPhone,
  email,
  idCard: optionalIdCard,
  status: customerStatus.optional(),
  joinDate: isoDate.optional(),
  notes: optionalText(2000, 'Notes'),
  neverIsolate: z.boolean().optional(),
};

export const CUSTOMER_SORT_FIELDS = ['customerCode', 'name', 'joinDate', 'status', 'deposit', 'createdAt'] as const;

export const customersContract = {
  'customers.list': procedure({
    permission: 'customers.read',
    input: z
      .object({
        search: searchText,
        status: customerStatus.optional(),
        /** Only this brand's customers (several brands: the list's brand filter). */
        brandId: id.optional(),
        page,
        pageSize,
        sort: z.object({ field: z.enum(CUSTOMER_SORT_FIELDS), dir: sortDir }).optional(),
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    /**
     * A search counts its hits exactly up to 1,000 (data/customers-search.ts): past that, `total` is a lower
     * bound (`totalIsLowerBound`) — 1,000, or past the current page when a next page exists — and the list
     * says "1,000+". A page that ends the hits gives the exact total. Without a search the total is exact.
     */
    output: listOf(customer).extend({
      totalIsLowerBound: z
        .boolean()
        .describe(
          'A search with more than 1,000 hits: total is a lower bound (1,000, or past this page while a next page exists); the last page gives the exact total',
        ),
    }),
  }),
  'customers.get': procedure({
    permission: 'customers.read',
    input: byId.strict(),
    output: customer.extend({
      pppoeAccounts: z.number().int(),
      invoices: z.number().int(),
      payments: z.number().int(),
    }),
  }),
  'customers.create': procedure({
    permission: 'customers.write',
    mutates: 'customers',
    input: z.object(customerFields).strict(),
    output: customer,
  }),
  'customers.update': procedure({
    permission: 'customers.write',
    mutates: 'customers',
    input: z.object({ id, ...customerFields, name: customerFields.name.optional() }).strict(),
    output: customer,
  }),
  'customers.delete': procedure({
    permission: 'customers.delete',
    mutates: 'customers',
    input: byId.strict(),
    output: z.object({ id: z.number().int() }),
  }),
};
